package cn.healthit.approval.calendar;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code platform.calendar.*}.
 *
 * @param directory an external directory of holiday files ({@code *.json}), read at every start; empty for none
 * @param cacheTtl  how long a node keeps the years it read from the database before reading them again
 *                  (a year loaded on another node is used here within this time; default 30 s)
 */
@ConfigurationProperties("platform.calendar")
public record CalendarProperties(String directory, Duration cacheTtl) {

  public CalendarProperties {
    directory = directory == null ? "" : directory.strip();
    cacheTtl = cacheTtl == null ? Duration.ofSeconds(30) : cacheTtl;
  }
}
