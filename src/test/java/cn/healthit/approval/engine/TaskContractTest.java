package cn.healthit.approval.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import cn.healthit.approval.support.WebSession;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The deployed form is the step's contract (issue 16, CONTRACT.md Access), tried as the interested party with a
 * REST client: the requesting department may not rewrite the tier, the budget or a later decision, by any path
 * that carries variables — complete, submit-form, resolve, the webapps' API Tasklist calls, a start at a chosen
 * step, a message — while an administrator's deliberate correction stays possible and on the record.
 */
@PlatformTest
class TaskContractTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Processes processes;

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
  }

  private static Map<String, Object> value(Object v) {
    return Map.of("value", v);
  }

  /** A MAJOR project (3,000,000 元) of 医务处, waiting at 编制项目需求书, claimed by its member yiwu. */
  private String majorProject() {
    String key = Processes.uniqueKey("TJ-CONTRACT");
    Rest.Response started = Rest.as(port, "yiwu").post("/engine-rest/process-definition/key/tianjin-project/start", Map.of(
        "businessKey", key, "variables", Map.of("projectName", value("全院集成平台"), "budget", value("3000000.00"),
            "category", value("SPECIALIZED"), "requestingDepartment", value("dept-medical-affairs"))));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    processes.runAsyncContinuations(key);
    String id = started.json().get("id").asText();
    assertThat(engine.getRuntimeService().getVariable(id, "tier")).isEqualTo("MAJOR");
    return id;
  }

  private Task requirement(String instanceId) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instanceId).taskDefinitionKey("Task_Requirement").singleResult();
    assertThat(Rest.as(port, "yiwu").post("/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "yiwu")).status()).isEqualTo(204);
    return task;
  }

  private static Map<String, Object> requirementForm() {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("caseHandler", value("王承办"));
    form.put("responsiblePerson", value("李责任"));
    form.put("systemType", value("OTHER"));
    form.put("acquisitionType", value("PURCHASE_SOFTWARE"));
    form.put("requirementSummary", value("集成平台需求"));
    return form;
  }

  private void assertRefusedAndUnchanged(Rest.Response response, String field, String instanceId, Task task) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo(field);
    assertThat(response.json().get("message").asText()).isNotBlank();
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).as("the task is still open").isEqualTo(1);
    assertThat(engine.getRuntimeService().getVariable(instanceId, "tier")).isEqualTo("MAJOR");
    assertThat(engine.getRuntimeService().getVariable(instanceId, "budget")).isEqualTo("3000000.00");
    assertThat(engine.getRuntimeService().getVariable(instanceId, "caseHandler")).as("nothing of the request is stored").isNull();
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instanceId).count()).isZero();
  }

  @Test
  void theRequestingDepartmentCannotChooseItsOwnTierBudgetOrOutcome() {
    String id = majorProject();
    Task task = requirement(id);
    Rest yiwu = Rest.as(port, "yiwu");
    String complete = "/engine-rest/task/" + task.getId() + "/complete";

    Map<String, Object> withTier = requirementForm();
    withTier.put("tier", value("GENERAL"));
    assertRefusedAndUnchanged(yiwu.post(complete, Map.of("variables", withTier)), "tier", id, task);

    Map<String, Object> withBudget = requirementForm();
    withBudget.put("budget", value("1000.00"));
    assertRefusedAndUnchanged(yiwu.post(complete, Map.of("variables", withBudget)), "budget", id, task);

    Map<String, Object> withShownBudget = requirementForm();
    withShownBudget.put("budgetLabel", value("1,000.00 元"));
    Rest.Response shown = yiwu.post(complete, Map.of("variables", withShownBudget));
    assertRefusedAndUnchanged(shown, "budgetLabel", id, task);
    assertThat(shown.json().get("message").asText()).contains("只读");

    Map<String, Object> withOutcome = requirementForm();
    withOutcome.put("reviewOutcome", value("APPROVED"));
    assertRefusedAndUnchanged(yiwu.post("/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", withOutcome)),
        "reviewOutcome", id, task);

    Map<String, Object> numberForText = requirementForm();
    numberForText.put("caseHandler", value(12));
    assertRefusedAndUnchanged(yiwu.post(complete, Map.of("variables", numberForText)), "caseHandler", id, task);

    Map<String, Object> missing = requirementForm();
    missing.remove("requirementSummary");
    assertRefusedAndUnchanged(yiwu.post(complete, Map.of("variables", missing)), "requirementSummary", id, task);

    // the read-only budget sent back unchanged, as Tasklist does, is fine; the optional opinion left out too
    Map<String, Object> asTasklist = requirementForm();
    asTasklist.put("budgetLabel", value(engine.getRuntimeService().getVariable(id, "budgetLabel")));
    Rest.Response done = yiwu.post(complete, Map.of("variables", asTasklist));
    assertThat(done.status()).as(done.body()).isEqualTo(204);
    assertThat(engine.getRuntimeService().getVariable(id, "caseHandler")).isEqualTo("王承办");
    assertThat(engine.getRuntimeService().getVariable(id, "tier")).isEqualTo("MAJOR");
  }

  @Test
  void resolvingADelegatedTaskGoesThroughTheSameContract() {
    String id = majorProject();
    Task task = requirement(id);
    engine.getTaskService().delegateTask(task.getId(), "yiwu");
    Map<String, Object> withTier = new LinkedHashMap<>(Map.of("tier", value("GENERAL")));
    assertRefusedAndUnchanged(Rest.as(port, "yiwu").post("/engine-rest/task/" + task.getId() + "/resolve",
        Map.of("variables", withTier)), "tier", id, task);
    Rest.Response resolved = Rest.as(port, "yiwu").post("/engine-rest/task/" + task.getId() + "/resolve",
        Map.of("variables", Map.of("caseHandler", value("王承办"))));
    assertThat(resolved.status()).as(resolved.body()).isEqualTo(204);
    assertThat(engine.getRuntimeService().getVariable(id, "caseHandler")).isEqualTo("王承办");
  }

  @Test
  void tasklistsOwnApiAnswers400WithTheMessage() {
    String id = majorProject();
    Task task = requirement(id);
    WebSession tasklist = WebSession.login(port, "yiwu");
    Map<String, Object> withTier = requirementForm();
    withTier.put("tier", value("GENERAL"));
    Rest.Response refused = tasklist.postJson("/camunda/api/engine/engine/default/task/" + task.getId() + "/submit-form",
        Map.of("variables", withTier));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("message").asText()).contains("tier").contains("不是本步骤表单中的字段");
    assertThat(engine.getRuntimeService().getVariable(id, "tier")).isEqualTo("MAJOR");

    Rest.Response done = tasklist.postJson("/camunda/api/engine/engine/default/task/" + task.getId() + "/submit-form",
        Map.of("variables", requirementForm()));
    assertThat(done.status()).as(done.body()).isEqualTo(204);

    // a regulation's own check, raised by the model's listener inside the engine, answers the same way
    // (000 §3: for 公共基础设施类 the requester is 信息处 itself)
    Rest.Response ruleRefusal = tasklist.postJson("/camunda/api/engine/engine/default/process-definition/key/tianjin-project/submit-form",
        Map.of("variables", Map.of("businessKey", value(Processes.uniqueKey("TJ-WEB")), "projectName", value("机房改造"),
            "budget", value("100.00"), "category", value("PUBLIC_INFRASTRUCTURE"), "requestingDepartment", value("dept-medical-affairs"))));
    assertThat(ruleRefusal.status()).as(ruleRefusal.body()).isEqualTo(400);
    assertThat(ruleRefusal.json().get("message").asText()).contains("信息处");

    // and a task listener's cross-field rule (Zhuhai: a self-defined code needs its description)
    var zhuhai = processes.start("zhuhai-project", Processes.uniqueKey("ZH-WEB"),
        Map.of("projectName", "区域检验结果互认平台", "unitName", "香洲区人民医院", "amount", "100000.00"));
    Task declare = engine.getTaskService().createTaskQuery().processInstanceId(zhuhai.getId()).singleResult();
    WebSession unit = WebSession.login(port, "zh-unit");
    assertThat(unit.postJson("/camunda/api/engine/engine/default/task/" + declare.getId() + "/claim", Map.of("userId", "zh-unit"))
        .status()).isEqualTo(204);
    Rest.Response crossField = unit.postJson("/camunda/api/engine/engine/default/task/" + declare.getId() + "/submit-form",
        Map.of("variables", Map.of("standards", value("WS 363"), "selfDefinedCode", value(true),
            "networkPlan", value("万兆"), "securityLevel", value("LEVEL_3"), "softwareScope", value("接口"))));
    assertThat(crossField.status()).as(crossField.body()).isEqualTo(400);
    assertThat(crossField.json().get("message").asText()).contains("selfDefinedCodeDescription");
  }

  @Test
  void noParticipantStartsAtAChosenStepSkipsTheListenersOrSendsVariablesWithAMessage() {
    Rest yiwu = Rest.as(port, "yiwu");
    Map<String, Object> filed = Map.of("projectName", value("x"), "budget", value("100.00"), "category", value("SPECIALIZED"),
        "requestingDepartment", value("dept-medical-affairs"));
    Rest.Response atAcceptance = yiwu.post("/engine-rest/process-definition/key/tianjin-project/start", Map.of(
        "businessKey", Processes.uniqueKey("TJ-SKIP"), "variables", filed,
        "startInstructions", java.util.List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_VendorEvaluation"))));
    assertThat(atAcceptance.status()).as(atAcceptance.body()).isEqualTo(400);
    Rest.Response skipping = yiwu.post("/engine-rest/process-definition/key/tianjin-project/start", Map.of(
        "businessKey", Processes.uniqueKey("TJ-SKIP"), "variables", filed, "skipCustomListeners", true));
    assertThat(skipping.status()).as(skipping.body()).isEqualTo(400);
    Rest.Response message = yiwu.post("/engine-rest/message", Map.of("messageName", "anything",
        "processVariables", Map.of("tier", value("GENERAL"))));
    assertThat(message.status()).as(message.body()).isEqualTo(400);
    assertThat(message.json().get("field").asText()).isEqualTo("tier");
    Rest.Response signal = yiwu.post("/engine-rest/signal", Map.of("name", "anything", "variables", Map.of("tier", value("GENERAL"))));
    assertThat(signal.status()).as(signal.body()).isEqualTo(400);
  }

  @Test
  void theVariableEndpointsRefuseParticipantsAndRecordTheAdministratorsCorrection() {
    String id = majorProject();
    Rest.Response participant = Rest.as(port, "yiwu").put("/engine-rest/process-instance/" + id + "/variables/tier", value("GENERAL"));
    assertThat(participant.status()).isEqualTo(403);
    Rest.Response admin = Rest.as(port, "admin").put("/engine-rest/process-instance/" + id + "/variables/tier", value("IMPORTANT"));
    assertThat(admin.status()).as(admin.body()).isEqualTo(204);
    assertThat(engine.getRuntimeService().getVariable(id, "tier")).isEqualTo("IMPORTANT");
    UserOperationLogEntry entry = engine.getHistoryService().createUserOperationLogQuery().processInstanceId(id)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE).singleResult();
    assertThat(entry.getUserId()).isEqualTo("admin");
    assertThat(entry.getTimestamp()).isNotNull();
  }
}
