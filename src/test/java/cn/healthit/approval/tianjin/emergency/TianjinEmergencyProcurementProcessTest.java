package cn.healthit.approval.tianjin.emergency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** tianjin-emergency-procurement walked through every path (000 §18–§20). */
@PlatformTest
class TianjinEmergencyProcurementProcessTest {

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Processes processes;

  @BeforeEach
  void setUp() {
    processes = Processes.init(engine);
  }

  private ProcessInstance start(String estimatedCost) {
    return processes.start("tianjin-emergency-procurement", Processes.uniqueKey("JJCG"), Map.of(
        "trigger", "SAFETY_HAZARD", "description", "核心交换机故障", "solution", "更换核心交换机",
        "estimatedCost", estimatedCost));
  }

  private void decide(ProcessInstance pi, String task, String user, String decision) {
    processes.complete(pi, task, user, Map.of("decision", decision, "opinion", decision.equals("APPROVE") ? "同意" : "不同意，风险过大"));
  }

  private void postReview(ProcessInstance pi, String finalCost) {
    assertThat(pi).isWaitingAt("Task_PostReviewTechnical");
    processes.complete(pi, "Task_PostReviewTechnical", "xinxi", Map.of("opinion", "方案可行"));
    processes.complete(pi, "Task_CompileSolutionAndCost", "xinxi",
        Map.of("finalSolution", "已更换核心交换机", "finalCost", finalCost));
    processes.complete(pi, "Task_CommitteePostReview", "weiyuan", Map.of("opinion", "复盘通过"));
    assertThat(pi).hasPassed("Event_PostReviewed");
  }

  private void closeSupervision(ProcessInstance pi) {
    processes.complete(pi, "Task_Supervise", "shenji", Map.of("finding", "CLOSE"));
  }

  @Test
  void underFiftyWanTheLeadershipSignsOffThenExecutionAndPostReview() {
    ProcessInstance pi = start("499999.99");
    assertThat(processes.variable(pi, "emergencyRoute")).isEqualTo("LEADERSHIP_SIGN_OFF");
    assertThat(pi).isWaitingAt("Task_OfficeTechnicalReview", "Task_Supervise");
    decide(pi, "Task_OfficeTechnicalReview", "zhiyi", "APPROVE");
    decide(pi, "Task_VicePresidentSignOff", "fenguan", "APPROVE");
    decide(pi, "Task_PresidentSignOff", "yuanzhang", "APPROVE");
    processes.complete(pi, "Task_ExecuteProcurement", "xinxi", Map.of("opinion", "已签订合同并到货"));
    assertThat(processes.variable(pi, "procurementOutcome")).isEqualTo("EXECUTED");
    postReview(pi, "480000.00");
    assertThat(pi).isWaitingAt("Task_Supervise");
    closeSupervision(pi);
    assertThat(pi).isEnded().hasPassed("Event_SupervisionClosed");
  }

  @Test
  void fromExactlyFiftyWanTheJointReviewAndTheProcurementLawBasis() {
    ProcessInstance pi = start("500000.00");
    assertThat(processes.variable(pi, "emergencyRoute")).isEqualTo("JOINT_REVIEW");
    assertThat(pi).isWaitingAt("Task_JointReviewOffice", "Task_JointReviewIt", "Task_Supervise");
    decide(pi, "Task_JointReviewOffice", "zhiyi", "APPROVE");
    decide(pi, "Task_JointReviewIt", "xinxi2", "APPROVE");
    assertThatThrownBy(() -> processes.complete(pi, "Task_ExecuteUnderProcurementLaw", "xinxi", Map.of("opinion", "已执行")))
        .hasStackTraceContaining("legalBasis");
    processes.complete(pi, "Task_ExecuteUnderProcurementLaw", "xinxi",
        Map.of("opinion", "已执行", "legalBasis", "《政府采购法》第八十五条"));
    assertThat(processes.variable(pi, "legalBasis")).isEqualTo("《政府采购法》第八十五条");
    postReview(pi, "510000.00");
    closeSupervision(pi);
    assertThat(pi).isEnded().hasNotPassed("Task_VicePresidentSignOff");
  }

  @Test
  void oneFenAboveFiftyWanAlsoTakesTheJointReview() {
    ProcessInstance pi = start("500000.01");
    assertThat(pi).isWaitingAt("Task_JointReviewOffice", "Task_JointReviewIt", "Task_Supervise");
  }

  @Test
  void aRefusedSignOffEndsTheProcurementButNotThePostReview() {
    for (String refuser : List.of("Task_OfficeTechnicalReview", "Task_VicePresidentSignOff", "Task_PresidentSignOff")) {
      ProcessInstance pi = start("100000.00");
      for (String step : List.of("Task_OfficeTechnicalReview", "Task_VicePresidentSignOff", "Task_PresidentSignOff")) {
        String user = Map.of("Task_OfficeTechnicalReview", "zhiyi", "Task_VicePresidentSignOff", "fenguan",
            "Task_PresidentSignOff", "yuanzhang").get(step);
        if (step.equals(refuser)) {
          assertThatThrownBy(() -> processes.complete(pi, step, user, Map.of("decision", "REJECT")))
              .hasStackTraceContaining("opinion");
          decide(pi, step, user, "REJECT");
          break;
        }
        decide(pi, step, user, "APPROVE");
      }
      assertThat(processes.variable(pi, "procurementOutcome")).isEqualTo("REFUSED");
      assertThat((String) processes.variable(pi, "refusalReason")).contains("不同意，风险过大");
      postReview(pi, "0");
      assertThat(pi).hasNotPassed("Task_ExecuteProcurement");
      closeSupervision(pi);
      assertThat(pi).isEnded();
    }
  }

  @Test
  void aRefusedJointReviewEndsTheProcurementButNotThePostReview() {
    ProcessInstance pi = start("800000.00");
    decide(pi, "Task_JointReviewOffice", "zhiyi", "APPROVE");
    decide(pi, "Task_JointReviewIt", "xinxi2", "REJECT");
    assertThat(pi).hasNotPassed("Task_ExecuteUnderProcurementLaw");
    postReview(pi, "0.00");
  }

  @Test
  void supervisionCannotCloseBeforeTheCommitteesPostReview() {
    ProcessInstance pi = start("1000.00");
    assertThatThrownBy(() -> closeSupervision(pi)).hasStackTraceContaining("复盘尚未经委员会审议");
    assertThat(pi).isWaitingAt("Task_Supervise");
  }

  @Test
  void priceGougingOpensThePenaltyStepWhileSupervisionGoesOn() {
    ProcessInstance pi = start("300000.00");
    processes.complete(pi, "Task_Supervise", "jiwei", Map.of("finding", "OTHER_ISSUE", "findingDetails", "到货延迟两天"));
    assertThat(pi).isWaitingAt("Task_Supervise", "Task_OfficeTechnicalReview").isNotWaitingAt("Task_PenaltyAndAccountability");
    processes.complete(pi, "Task_Supervise", "shenji", Map.of("finding", "PRICE_GOUGING", "findingDetails", "报价高于市场价 40%"));
    assertThat(pi).isWaitingAt("Task_Supervise", "Task_PenaltyAndAccountability", "Task_OfficeTechnicalReview");
    assertThat((String) processes.variable(pi, "findings")).contains("到货延迟两天", "哄抬物价");
    assertThatThrownBy(() -> processes.complete(pi, "Task_PenaltyAndAccountability", "jiwei", Map.of("penalty", "列入不良记录")))
        .hasStackTraceContaining("accountability");
    processes.complete(pi, "Task_PenaltyAndAccountability", "jiwei",
        Map.of("penalty", "列入供应商不良记录，扣减货款", "accountability", "约谈采购经办人"));
    assertThat(pi).hasPassed("Event_PenaltyDone");
    processes.complete(pi, "Task_Supervise", "jiwei", Map.of("finding", "SHODDY_GOODS", "findingDetails", "交换机为翻新件"));
    assertThat(pi).isWaitingAt("Task_PenaltyAndAccountability");
  }

  @Test
  void auditAndDisciplineReadEverythingButCannotWorkOthersTasks() {
    ProcessInstance pi = start("200000.00");
    Task review = processes.task(pi, "Task_OfficeTechnicalReview");
    for (String observer : List.of("shenji", "jiwei")) {
      assertThatThrownBy(() -> processes.complete(review, observer,
          Map.of("decision", "APPROVE", "opinion", "越权"))).isInstanceOf(AuthorizationException.class);
      Rest rest = Rest.as(port, observer);
      assertThat(rest.get("/engine-rest/task?processInstanceId=" + pi.getId()).json().findValuesAsText("taskDefinitionKey"))
          .contains("Task_OfficeTechnicalReview", "Task_Supervise");
      assertThat(rest.get("/engine-rest/history/process-instance?processInstanceId=" + pi.getId()).json()).hasSize(1);
      assertThat(rest.get("/engine-rest/process-instance/" + pi.getId() + "/variables/estimatedCost").status()).isEqualTo(200);
      Rest.Response refused = rest.post("/engine-rest/task/" + review.getId() + "/complete", Map.of());
      assertThat(refused.status()).isEqualTo(403);
    }
    // an outsider sees nothing of it
    assertThat(Rest.as(port, "yiwu").get("/engine-rest/task?processInstanceId=" + pi.getId()).json()).isEmpty();
    decide(pi, "Task_OfficeTechnicalReview", "zhiyi", "APPROVE");
    assertThat(pi).isWaitingAt("Task_VicePresidentSignOff");
  }

  @Test
  void theStartIsCheckedOnTheServer() {
    assertThatThrownBy(() -> processes.start("tianjin-emergency-procurement", Processes.uniqueKey("JJCG"),
        Map.of("trigger", "BORED", "description", "x", "solution", "y", "estimatedCost", "1.00")))
        .hasStackTraceContaining("trigger");
    assertThatThrownBy(() -> processes.start("tianjin-emergency-procurement", Processes.uniqueKey("JJCG"),
        Map.of("trigger", "OTHER", "description", "x", "solution", "y", "estimatedCost", "1.001")))
        .hasStackTraceContaining("estimatedCost");
  }
}
