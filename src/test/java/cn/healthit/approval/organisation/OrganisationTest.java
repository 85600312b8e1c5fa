package cn.healthit.approval.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OrganisationTest {

  /**
   * Every process in processes/ has its access in the organisation files: without it only the administrator may
   * read its definition, and a reviewer's task of it shows in Tasklist with no process name and no diagram (the
   * five-person panel's tianjin-technical-review did).
   */
  @Test
  void everyModelHasItsAccessInTheOrganisationFiles() throws Exception {
    Organisation organisation = Organisation.load("classpath*:organisation/*.json");
    java.util.Set<String> listed = new java.util.HashSet<>();
    organisation.processes().forEach(p -> listed.add(p.key()));
    java.util.regex.Pattern id = java.util.regex.Pattern.compile("<bpmn:process id=\"([^\"]+)\"");
    try (var models = java.nio.file.Files.walk(java.nio.file.Path.of("processes"))) {
      for (java.nio.file.Path model : models.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        java.util.regex.Matcher m = id.matcher(java.nio.file.Files.readString(model));
        while (m.find()) {
          assertThat(listed).as("%s (%s) has starters/participants/observers in src/main/resources/organisation", m.group(1), model)
              .contains(m.group(1));
        }
      }
    }
  }

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
