package cn.healthit.approval.materials;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code platform.materials.*}: the largest file a reviewer may attach (default 20MB). Spring's own
 * multipart limit (spring.servlet.multipart.*) sits a little above it so that the platform, not the
 * servlet container, answers with the Chinese message.
 */
@ConfigurationProperties("platform.materials")
public record MaterialsProperties(DataSize maxFileSize) {

  public MaterialsProperties {
    maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(20) : maxFileSize;
  }
}
