package cn.healthit.approval.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Production mode refuses to start — before touching any database — without an administrator
 * password, or with a demo or short one (registered in META-INF/spring.factories).
 */
public class ProductionGuard implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String mode = environment.getProperty("platform.mode", "DEMO");
    if (PlatformProperties.Mode.PRODUCTION.name().equalsIgnoreCase(mode)) {
      new PlatformProperties(PlatformProperties.Mode.PRODUCTION, environment.getProperty("platform.admin-id"),
          environment.getProperty("platform.admin-password"), environment.getProperty("platform.demo-password"), null)
          .effectiveAdminPassword();
    }
  }
}
