package cn.healthit.approval.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The platform's own settings ({@code platform.*} in application.yaml).
 *
 * @param mode           {@code DEMO} seeds demo passwords and warns loudly; {@code PRODUCTION}
 *                       refuses to start with a demo password or without an administrator password
 * @param adminId        the administrator's user id (member of camunda-admin)
 * @param adminPassword  the administrator's password; in DEMO mode the demo password when empty
 * @param demoPassword   the one password every demo user shares (DEMO mode only)
 * @param organisation   where the organisation files are (a Spring resource pattern)
 */
@ConfigurationProperties("platform")
public record PlatformProperties(
    Mode mode, String adminId, String adminPassword, String demoPassword, String organisation) {

  public enum Mode { DEMO, PRODUCTION }

  public PlatformProperties {
    mode = mode == null ? Mode.DEMO : mode;
    adminId = adminId == null || adminId.isBlank() ? "admin" : adminId;
    demoPassword = demoPassword == null || demoPassword.isBlank() ? "demo" : demoPassword;
    organisation = organisation == null || organisation.isBlank()
        ? "classpath*:organisation/*.json" : organisation;
  }

  public boolean demo() {
    return mode == Mode.DEMO;
  }

  /** The administrator's password after the mode's rules; fails in PRODUCTION when unsafe. */
  public String effectiveAdminPassword() {
    if (demo()) {
      return adminPassword == null || adminPassword.isBlank() ? demoPassword : adminPassword;
    }
    if (adminPassword == null || adminPassword.isBlank()) {
      throw new IllegalStateException(
          "生产模式必须设置管理员密码（环境变量 PLATFORM_ADMIN_PASSWORD）。Production mode needs PLATFORM_ADMIN_PASSWORD.");
    }
    if (adminPassword.equals(demoPassword) || adminPassword.equalsIgnoreCase("demo")
        || adminPassword.length() < 12) {
      throw new IllegalStateException(
          "生产模式拒绝演示密码或少于 12 位的管理员密码。Production mode refuses a demo or short administrator password.");
    }
    return adminPassword;
  }
}
