package cn.healthit.approval.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthit.approval.engine.PlatformProperties.Mode;
import org.junit.jupiter.api.Test;

class PlatformPropertiesTest {

  @Test
  void demoModeFallsBackToTheDemoPassword() {
    PlatformProperties demo = new PlatformProperties(null, null, "", null, null);
    assertThat(demo.mode()).isEqualTo(Mode.DEMO);
    assertThat(demo.adminId()).isEqualTo("admin");
    assertThat(demo.effectiveAdminPassword()).isEqualTo("demo");
  }

  @Test
  void productionRefusesAMissingAdministratorPassword() {
    assertThatThrownBy(() -> new PlatformProperties(Mode.PRODUCTION, "admin", "", "", null).effectiveAdminPassword())
        .hasMessageContaining("PLATFORM_ADMIN_PASSWORD");
  }

  @Test
  void productionRefusesDemoAndShortPasswords() {
    assertThatThrownBy(() -> new PlatformProperties(Mode.PRODUCTION, "admin", "demo", "", null).effectiveAdminPassword())
        .hasMessageContaining("演示密码");
    assertThatThrownBy(() -> new PlatformProperties(Mode.PRODUCTION, "admin", "s3cret-pass", "", null).effectiveAdminPassword())
        .hasMessageContaining("12");
    assertThat(new PlatformProperties(Mode.PRODUCTION, "admin", "a-long-s3cret-pass", "", null).effectiveAdminPassword())
        .isEqualTo("a-long-s3cret-pass");
  }

  @Test
  void theGuardStopsAProductionStartBeforeAnythingElse() {
    org.springframework.mock.env.MockEnvironment environment = new org.springframework.mock.env.MockEnvironment()
        .withProperty("platform.mode", "PRODUCTION").withProperty("platform.admin-password", "");
    assertThatThrownBy(() -> new ProductionGuard().postProcessEnvironment(environment, null))
        .hasMessageContaining("PLATFORM_ADMIN_PASSWORD");
    environment.setProperty("platform.mode", "DEMO");
    new ProductionGuard().postProcessEnvironment(environment, null);
  }
}
