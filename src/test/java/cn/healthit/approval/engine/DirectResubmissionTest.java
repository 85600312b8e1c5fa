package cn.healthit.approval.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 退回 with direct resubmission, where a model marks it (approval.resubmit = direct and its way back): an analyst's
 * model deployed from Modeler, in which 决策机构 may send the plan back to its author and have the revised plan come
 * straight back, without 智医办's review in between — and the deployment that forgets the way back is refused.
 */
@PlatformTest
class DirectResubmissionTest {

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Processes processes;

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
  }

  private static Map<String, String> files(String key, String model) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(key + ".bpmn", model);
    files.put("probe-start.form", ModelerDeploymentTest.resource("modeler/probe-start.form"));
    files.put("probe-draft.form", ModelerDeploymentTest.resource("modeler/probe-draft.form"));
    files.put("probe-review.form", ModelerDeploymentTest.resource("modeler/probe-review.form"));
    return files;
  }

  @Test
  void theDecisionBodySendsThePlanBackAndTheRevisionComesStraightBackOnlyWhenItAskedSo() {
    String key = "direct-probe-" + System.nanoTime();
    String model = ModelerDeploymentTest.resource("modeler/direct-resubmission.bpmn").replace("PROCESS_KEY", key);

    // Modeler: a model that allows direct resubmission without a way back is refused, saying what is missing
    var refused = ModelerDeploymentTest.deployFromModeler(port, "admin", key, files(key,
        model.replace("${resubmitTo == 'Task_Approve'}", "${planSummary == 'x'}")));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("approval.resubmit=direct", "${resubmitTo == 'Task_Approve'}");
    var wrongValue = ModelerDeploymentTest.deployFromModeler(port, "admin", key, files(key,
        model.replace("name=\"approval.resubmit\" value=\"direct\"", "name=\"approval.resubmit\" value=\"straight\"")));
    assertThat(wrongValue.status()).isEqualTo(400);
    assertThat(wrongValue.body()).contains("“straight”不是可用的值");
    var accepted = ModelerDeploymentTest.deployFromModeler(port, "admin", key, files(key, model));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);

    ProcessInstance p = processes.start(key, Processes.uniqueKey("DR"), Map.of("projectName", "移动护理"));
    assertThat(processes.variable(p, "resubmitTo")).isEqualTo("");
    processes.complete(p, "Task_Draft", "xinxi", Map.of("planSummary", "初稿"));
    processes.complete(p, "Task_Check", "zhiyi", Map.of("decision", "APPROVED"));
    Task approve = processes.task(p, "Task_Approve");
    Rest board = Rest.as(port, "juece");
    assertThat(board.get("/api/tasks/" + approve.getId() + "/actions").json().get("resubmitDirect").asBoolean()).isTrue();

    Rest.Response wrong = board.post("/api/tasks/" + approve.getId() + "/return",
        Map.of("target", "Task_Draft", "opinion", "补充预算", "resubmit", "straight"));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().get("field").asText()).isEqualTo("resubmit");
    assertThat(p).isWaitingAt("Task_Approve");

    Rest.Response back = board.post("/api/tasks/" + approve.getId() + "/return",
        Map.of("target", "Task_Draft", "opinion", "补充预算", "resubmit", "direct"));
    assertThat(back.status()).as(back.body()).isEqualTo(200);
    assertThat(back.json().get("record").asText()).contains("修改后直接送回本环节");
    assertThat(processes.variable(p, "resubmitTo")).isEqualTo("Task_Approve");
    // the author cannot send resubmitTo themselves: it is the platform's
    Task draft = processes.task(p, "Task_Draft");
    assertThat(Rest.as(port, "xinxi").post("/engine-rest/task/" + draft.getId() + "/complete",
        Map.of("variables", Map.of("planSummary", Map.of("value", "改稿"), "resubmitTo", Map.of("value", "Task_Check")))).status())
        .isEqualTo(400);
    processes.complete(p, "Task_Draft", "xinxi", Map.of("planSummary", "补充了预算"));
    assertThat(p).isWaitingAt("Task_Approve"); // straight back, 智医办's review not repeated
    assertThat(processes.variable(p, "resubmitTo")).isEqualTo("");
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(p.getId())
        .taskDefinitionKey("Task_Check").count()).isEqualTo(1);

    // without asking for it, the default: forward through every step in between
    approve = processes.task(p, "Task_Approve");
    Rest.Response forward = board.post("/api/tasks/" + approve.getId() + "/return", Map.of("target", "Task_Draft", "opinion", "再补充"));
    assertThat(forward.status()).as(forward.body()).isEqualTo(200);
    assertThat(processes.variable(p, "resubmitTo")).isEqualTo("");
    processes.complete(p, "Task_Draft", "xinxi", Map.of("planSummary", "再次补充"));
    assertThat(p).isWaitingAt("Task_Check");
    Task check = processes.task(p, "Task_Check");
    // a step that does not allow it refuses a direct return
    Rest.Response notHere = Rest.as(port, "zhiyi").post("/api/tasks/" + check.getId() + "/return",
        Map.of("target", "Task_Draft", "opinion", "退回", "resubmit", "direct"));
    assertThat(notHere.status()).isEqualTo(400);
    assertThat(notHere.json().get("message").asText()).contains("流程模型未允许“智医办审核”退回后直接送回本环节");
    processes.complete(p, "Task_Check", "zhiyi", Map.of("decision", "APPROVED"));
    processes.complete(p, "Task_Approve", "juece", Map.of("decision", "APPROVED"));
    assertThat(p).isEnded();
  }
}
