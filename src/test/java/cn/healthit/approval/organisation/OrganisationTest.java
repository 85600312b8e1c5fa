package cn.healthit.approval.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OrganisationTest {

  @Test
  void theRepositoryOrganisationLoadsWithEveryGroupStaffed() throws Exception {
    Organisation organisation = Organisation.load("classpath*:organisation/*.json");
    for (Organisation.Group group : organisation.groups()) {
      if (group.id().equals("camunda-admin")) {
        continue; // the administrator comes from platform.admin-id
      }
      assertThat(organisation.users()).as("a demo user in %s", group.id())
          .anyMatch(u -> u.groups().contains(group.id()));
      assertThat(group.name()).as("Chinese name of %s", group.id()).matches(".*\\p{IsHan}.*");
    }
    assertThat(organisation.users()).allMatch(u -> u.name().matches(".*\\p{IsHan}.*"));
  }

  @Test
  void aUserInAnUnknownGroupIsRefused() {
    assertThatThrownBy(() -> Organisation.load("classpath:organisation-bad/unknown-group.json"))
        .hasMessageContaining("user ghost belongs to unknown group nowhere");
  }
}
