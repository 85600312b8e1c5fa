package cn.healthit.approval.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.organisation.Organisation;
import cn.healthit.approval.support.PlatformTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every model and form under processes/ and forms/ conforms, on every build (issue 2): it deploys,
 * every element can be drawn, it declares Camunda Platform 7.24, user tasks have existing groups and
 * an existing form, delegates exist as beans, form ids and field keys are unique.
 */
@PlatformTest
class ModelConformanceTest {

  @Autowired RepositoryService repositoryService;
  @Autowired ApplicationContext context;

  private Set<String> groups() throws IOException {
    Set<String> groups = Organisation.load("classpath*:organisation/*.json").groupIds();
    groups.add("camunda-admin");
    return groups;
  }

  @Test
  void theRepositoryModelsAndFormsConform() throws IOException {
    ModelConformance conformance = ModelConformance.of(ModelDeployer.resources());
    assertThat(conformance.check(groups(), new DelegateBeans(context).names())).isEmpty();
  }

  @Test
  void everyRepositoryModelIsDeployedInTheLatestPlatformDeployment() throws IOException {
    Map<String, byte[]> resources = ModelDeployer.resources();
    Deployment latest = repositoryService.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc().list().stream().findFirst().orElse(null);
    if (resources.isEmpty()) {
      return;
    }
    assertThat(latest).isNotNull();
    assertThat(repositoryService.getDeploymentResourceNames(latest.getId())).containsAll(resources.keySet());
    ModelConformance.of(resources).models.forEach((file, model) -> {
      for (Process process : model.getModelElementsByType(Process.class)) {
        assertThat(repositoryService.createProcessDefinitionQuery().deploymentId(latest.getId())
            .processDefinitionKey(process.getId()).count()).as("%s: %s deployed", file, process.getId()).isEqualTo(1);
      }
    });
  }

  @Test
  void theRulesCatchABadModelAndABadForm() throws IOException {
    ModelConformance conformance = ModelConformance.of(Map.of(
        "processes/bad.bpmn", read("conformance/bad.bpmn"),
        "forms/bad.form", read("conformance/bad.form")));
    assertThat(conformance.check(groups(), Set.of("existingBean"))).containsExactlyInAnyOrder(
        "processes/bad.bpmn: does not declare modeler:executionPlatform Camunda Platform 7.24",
        "processes/bad.bpmn: Task_Undrawn has no diagram shape",
        "processes/bad.bpmn: Task_Undrawn has no Chinese name",
        "processes/bad.bpmn: Task_Undrawn names unknown candidate group no-such-group",
        "processes/bad.bpmn: Task_Undrawn has no camunda:formRef to a form under forms/ (missing-form)",
        "processes/bad.bpmn: Task_NoGroup has neither candidate groups nor an assignee",
        "processes/bad.bpmn: Task_NoGroup must bind its form with camunda:formRefBinding=\"deployment\"",
        "processes/bad.bpmn: delegate bean missingBean does not exist",
        "processes/bad.bpmn: Task_Compute is not camunda:asyncBefore=\"true\"",
        "processes/bad.bpmn: Task_Compute has no camunda:failedJobRetryTimeCycle",
        "forms/bad.form: schemaVersion 18 is not one Tasklist 7.24 renders (1–16)",
        "forms/bad.form: field key amount is used twice");
  }

  private static byte[] read(String path) throws IOException {
    try (InputStream in = ModelConformanceTest.class.getClassLoader().getResourceAsStream(path)) {
      return in.readAllBytes();
    }
  }
}
