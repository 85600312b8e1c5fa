package cn.healthit.approval.tianjin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The server-side checks hold for callers of /engine-rest too, not only for Tasklist's forms. */
@PlatformTest
class TianjinProjectRestTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  private static Map<String, Object> value(Object v) {
    return Map.of("value", v);
  }

  @Test
  void aDepartmentStartsAProjectAndAnUnquantifiedPocResultIsRefusedWith400() {
    String key = Processes.uniqueKey("TJ-REST");
    Rest requester = Rest.as(port, "yiwu");
    Rest.Response started = requester.post("/engine-rest/process-definition/key/tianjin-project/start", Map.of(
        "businessKey", key,
        "variables", Map.of("projectName", value("移动护理"), "budget", value(500000), "category", value("SPECIALIZED"),
            "requestingDepartment", value("dept-medical-affairs"))));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String id = started.json().get("id").asText();
    // the tier is computed after the start's transaction, by the job executor (README "Reliability")
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(id).activityId("Task_DetermineTier").count())
        .isEqualTo(1);
    assertThat(Processes.init(engine).runAsyncContinuations(key)).isGreaterThanOrEqualTo(1);
    assertThat(engine.getRuntimeService().getVariable(id, "tier")).isEqualTo("IMPORTANT");
    assertThat(engine.getRuntimeService().getVariable(id, "budget")).isEqualTo("500000.00");

    Rest.Response refusedStart = requester.post("/engine-rest/process-definition/key/tianjin-project/start", Map.of(
        "businessKey", Processes.uniqueKey("TJ-REST"),
        "variables", Map.of("projectName", value("x"), "budget", value("12.345"), "category", value("SPECIALIZED"),
            "requestingDepartment", value("dept-medical-affairs"))));
    assertThat(refusedStart.status()).isEqualTo(400);
    assertThat(refusedStart.json().get("field").asText()).isEqualTo("budget");

    complete(requester, "yiwu", id, "Task_Requirement", Map.of("caseHandler", value("王"), "responsiblePerson", value("李"),
        "requirementSummary", value("移动护理"), "systemType", value("NURSING"), "acquisitionType", value("PURCHASE_SOFTWARE")));
    complete(requester, "yiwu", id, "Task_MarketResearch", Map.of("vendorsSurveyed", value("甲"), "marketShareAndReputation", value("好"),
        "vendorsHaveClearIp", value(true), "meetsNationalStandards", value(true)));

    Rest it = Rest.as(port, "xinxi2");
    Task poc = engine.getTaskService().createTaskQuery().processInstanceId(id).taskDefinitionKey("Task_PocTest").singleResult();
    assertThat(it.post("/engine-rest/task/" + poc.getId() + "/claim", Map.of("userId", "xinxi2")).status()).isEqualTo(204);
    Rest.Response refused = it.post("/engine-rest/task/" + poc.getId() + "/complete", Map.of("variables", Map.of(
        "pocEnvironment", value("院内"), "pocContent", value("床旁扫码"), "pocResults", value("满意"), "pocOnSite", value(true))));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("field").asText()).isEqualTo("pocResults");
    assertThat(refused.json().get("message").asText()).contains("量化的数值结果");
    assertThat(engine.getTaskService().createTaskQuery().taskId(poc.getId()).count()).isEqualTo(1);
  }

  private void complete(Rest rest, String user, String instanceId, String taskKey, Map<String, Object> variables) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instanceId).taskDefinitionKey(taskKey).singleResult();
    assertThat(rest.post("/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", user)).status()).isEqualTo(204);
    Rest.Response done = rest.post("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", variables));
    assertThat(done.status()).as(done.body()).isEqualTo(204);
  }

  private Rest.Response start(String user, String department, String key) {
    Map<String, Object> variables = new java.util.HashMap<>(Map.of("projectName", value("病理信息系统"),
        "budget", value("500000.00"), "category", value("SPECIALIZED")));
    if (department != null) {
      variables.put("requestingDepartment", value(department));
    }
    return Rest.as(port, user).post("/engine-rest/process-definition/key/tianjin-project/start",
        Map.of("businessKey", key, "variables", variables));
  }

  @Test
  void aDepartmentFilesForItselfByDefaultAndOnlyThePlanningOfficeForAnother() {
    // 放射科 files for 放射科, and for 放射科 when it leaves the field empty
    Rest.Response own = start("fangshe", "dept-radiology", Processes.uniqueKey("TJ-DEPT"));
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    Rest.Response byDefault = start("fangshe", null, Processes.uniqueKey("TJ-DEPT"));
    assertThat(byDefault.status()).as(byDefault.body()).isEqualTo(200);
    assertThat(engine.getRuntimeService().getVariable(byDefault.json().get("id").asText(), "requestingDepartment"))
        .isEqualTo("dept-radiology");

    // … but not for 护理部
    String refusedKey = Processes.uniqueKey("TJ-DEPT");
    Rest.Response other = start("fangshe", "dept-nursing", refusedKey);
    assertThat(other.status()).isEqualTo(400);
    assertThat(other.json().get("field").asText()).isEqualTo("requestingDepartment");
    assertThat(other.json().get("message").asText()).contains("需求部门", "放射科", "护理部");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(refusedKey).count()).isZero();

    // the planning office (信息处) files for any department
    Rest.Response planning = start("xinxi", "dept-nursing", Processes.uniqueKey("TJ-DEPT"));
    assertThat(planning.status()).as(planning.body()).isEqualTo(200);
  }

  @Test
  void theFirstTaskAndTheApprovalRecordShowNamesAndFormattedAmountsNotIdsOrConstants() {
    String key = Processes.uniqueKey("TJ-LABEL");
    Rest.Response started = start("yiwu", "dept-medical-affairs", key);
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    Processes.init(engine).runAsyncContinuations(key);
    Task requirement = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key)
        .taskDefinitionKey("Task_Requirement").singleResult();
    Map<String, Object> shown = engine.getTaskService().getVariables(requirement.getId());
    assertThat(shown).containsEntry("budgetLabel", "500,000.00 元（50 万元）").containsEntry("requestingDepartmentLabel", "医务处")
        .containsEntry("tierLabel", "重要项目").doesNotContainKey("reviewOutcome");

    Rest.Response record = Rest.as(port, "yiwu").get("/api/projects/" + key + "/record");
    assertThat(record.status()).isEqualTo(200);
    String body = record.body();
    int technical = body.indexOf("<h2>技术信息</h2>");
    assertThat(technical).as("ids only in the record's 技术信息 part").isPositive();
    String read = body.substring(0, technical);
    assertThat(read).contains("病理信息系统", "医务处", "专用类", "重要项目", "500,000.00 元（50 万元）")
        .doesNotContain("dept-medical-affairs", "SPECIALIZED", "IMPORTANT", "500000.00");
    assertThat(body.substring(technical)).contains("dept-medical-affairs", "SPECIALIZED", "500000.00");
  }
}
