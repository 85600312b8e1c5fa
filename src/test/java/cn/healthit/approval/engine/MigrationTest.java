package cn.healthit.approval.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Rest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 20: an administrator migrates running instances to a changed model (POST /api/admin/migrations). The change
 * is a realistic one — the task an instance waits at is renamed and a new task is added before it; the migrated task
 * opens the new version's form and is still completed against that form's contract.
 */
@PlatformTest
class MigrationTest {

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  /** Version 2: Task_Review renamed, and 科室初审 (Task_Intake) added before it. */
  private static final String RENAME_AND_ADD_BEFORE = "<bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"Event_Filed\" targetRef=\"Task_Review\" />"
      + "=><bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"Event_Filed\" targetRef=\"Task_Intake\" />"
      + "<bpmn:userTask id=\"Task_Intake\" name=\"科室初审\" camunda:candidateGroups=\"it-division\" camunda:formRef=\"probe-review\" camunda:formRefBinding=\"deployment\" />"
      + "<bpmn:sequenceFlow id=\"Flow_0\" sourceRef=\"Task_Intake\" targetRef=\"Task_Review\" />";

  private Map<String, Object> migration(String key, int from, int to, boolean dryRun) {
    return Map.of("processKey", key, "fromVersion", from, "toVersion", to, "dryRun", dryRun);
  }

  @Test
  void runningInstancesMoveToTheChangedModelKeepTheirTaskOpenTheNewFormAndStayUnderTheFormContract() {
    String key = "migration-probe-" + System.nanoTime();
    Rest admin = Rest.as(port, "admin");
    assertThat(ModelerDeploymentTest.deployFromModeler(port, "admin", key, ModelerDeploymentTest.probe(key, null, true)).status())
        .isEqualTo(200);
    String businessKey = "MIG-" + System.nanoTime();
    String v1 = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).singleResult().getId();
    assertThat(admin.post("/engine-rest/process-definition/" + v1 + "/submit-form", Map.of("variables", Map.of(
        "businessKey", Map.of("value", businessKey), "projectName", Map.of("value", "迁移探针项目")))).status()).isEqualTo(200);

    ModelerDeploymentTest.ModelerResponse v2 = ModelerDeploymentTest.deployFromModeler(port, "admin", key,
        ModelerDeploymentTest.probe(key, "name=\"信息处审核\"=>name=\"信息处初审\"", true).entrySet().stream()
            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> e.getKey().endsWith(".bpmn") ? e.getValue().replace(RENAME_AND_ADD_BEFORE.split("=>")[0], RENAME_AND_ADD_BEFORE.split("=>")[1]) : e.getValue(),
                (a, b) -> a, java.util.LinkedHashMap::new)));
    assertThat(v2.status()).as(v2.body()).isEqualTo(200);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).singleResult().getProcessDefinitionId())
        .as("a new version leaves running instances where they are").isEqualTo(v1);

    assertThat(Rest.as(port, "xinxi2").post("/api/admin/migrations", migration(key, 1, 2, false)).status())
        .as("administrators only").isEqualTo(403);

    Rest.Response dry = admin.post("/api/admin/migrations", migration(key, 1, 2, true));
    assertThat(dry.status()).as(dry.body()).isEqualTo(200);
    assertThat(dry.json().get("instances").asInt()).isEqualTo(1);
    assertThat(dry.json().get("mappedActivities").toString()).contains("Task_Review → Task_Review");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).singleResult().getProcessDefinitionId())
        .as("a dry run moves nothing").isEqualTo(v1);

    Rest.Response done = admin.post("/api/admin/migrations", migration(key, 1, 2, false));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    String v2Id = done.json().get("targetDefinitionId").asText();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).singleResult().getProcessDefinitionId())
        .isEqualTo(v2Id);

    Task task = taskService.createTaskQuery().processInstanceBusinessKey(businessKey).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_Review");
    assertThat(task.getProcessDefinitionId()).isEqualTo(v2Id);
    Rest reviewer = Rest.as(port, "xinxi2");
    JsonNode form = reviewer.get("/engine-rest/task/" + task.getId() + "/deployed-form").json();
    assertThat(form.get("id").asText()).as("the migrated task opens the new version's form").isEqualTo("probe-review");
    assertThat(reviewer.post("/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "xinxi2")).status()).isEqualTo(204);

    Rest.Response outsideTheForm = reviewer.post("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", Map.of(
        "decision", Map.of("value", "APPROVED"), "budget", Map.of("value", "1.00"))));
    assertThat(outsideTheForm.status()).as(outsideTheForm.body()).isEqualTo(400);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    Rest.Response withinTheForm = reviewer.post("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", Map.of(
        "decision", Map.of("value", "APPROVED"), "opinion", Map.of("value", "同意"))));
    assertThat(withinTheForm.status()).as(withinTheForm.body()).isEqualTo(204);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).count()).isZero();
  }

  @Test
  void anInstanceWaitingAtATaskTheTargetLacksIsRefusedWithTheEnginesReportAndNothingMoves() {
    String key = "migration-back-" + System.nanoTime();
    Rest admin = Rest.as(port, "admin");
    assertThat(ModelerDeploymentTest.deployFromModeler(port, "admin", key, ModelerDeploymentTest.probe(key, null, true)).status())
        .isEqualTo(200);
    Map<String, String> v2 = ModelerDeploymentTest.probe(key, RENAME_AND_ADD_BEFORE, true);
    assertThat(ModelerDeploymentTest.deployFromModeler(port, "admin", key, v2).status()).isEqualTo(200);
    String v2Id = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).processDefinitionVersion(2).singleResult().getId();
    String businessKey = "MIGB-" + System.nanoTime();
    assertThat(admin.post("/engine-rest/process-definition/" + v2Id + "/submit-form", Map.of("variables", Map.of(
        "businessKey", Map.of("value", businessKey), "projectName", Map.of("value", "回退探针项目")))).status()).isEqualTo(200);
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(businessKey).singleResult().getTaskDefinitionKey())
        .isEqualTo("Task_Intake");

    Rest.Response refused = admin.post("/api/admin/migrations", migration(key, 2, 1, false));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("message").asText()).contains("不能迁移", "未迁移任何实例", "Task_Intake");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).singleResult().getProcessDefinitionId())
        .isEqualTo(v2Id);

    assertThat(admin.post("/api/admin/migrations", migration(key, 2, 9, true)).json().get("field").asText()).isEqualTo("toVersion");
  }
}
