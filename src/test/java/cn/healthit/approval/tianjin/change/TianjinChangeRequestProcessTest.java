package cn.healthit.approval.tianjin.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** tianjin-change-request walked through every path (000 §15). */
@PlatformTest
class TianjinChangeRequestProcessTest {

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Processes processes;

  @BeforeEach
  void setUp() {
    processes = Processes.init(engine);
  }

  private String project() {
    return Processes.uniqueKey("TJ-CHG");
  }

  private ProcessInstance start(String projectNumber, int n, String contract, boolean governmentFunded) {
    Map<String, Object> v = new HashMap<>();
    v.put("projectNumber", projectNumber);
    v.put("contractAmount", contract);
    v.put("governmentFunded", governmentFunded);
    v.put("requestSource", "VENDOR");
    v.put("reason", "接口标准升级");
    v.put("plan", "增加 HL7 FHIR 接口");
    v.put("workload", "20 人日");
    v.put("costEstimate", "50000.00");
    return processes.start("tianjin-change-request", projectNumber + "-BG-" + n, v);
  }

  private void review(ProcessInstance pi, String proposedCost) {
    processes.complete(pi, "Task_ItReview", "xinxi", Map.of("proposedCost", proposedCost,
        "designStandardKept", true, "withinContract", true, "opinion", "单价合理"));
  }

  private void approve(ProcessInstance pi, String task, String user) {
    processes.complete(pi, task, user, Map.of("decision", "APPROVE", "opinion", "同意"));
  }

  /** A small change: 智医办's approval closes it; exactly 10% is not escalated. */
  private ProcessInstance smallChange(String projectNumber, int n, String contract, String cost) {
    ProcessInstance pi = start(projectNumber, n, contract, false);
    review(pi, cost);
    assertThat(pi).isWaitingAt("Task_OfficeApproval");
    approve(pi, "Task_OfficeApproval", "zhiyi");
    assertThat(pi).isEnded().hasPassed("Event_ChangeApproved");
    return pi;
  }

  @Test
  void aChangeOfExactlyTenPercentIsClosedBySmartHospitalOffice() {
    ProcessInstance pi = start(project(), 1, "1000000.00", false);
    review(pi, "100000.00");
    assertThat(processes.variable(pi, "escalated")).isEqualTo(false);
    assertThat(processes.variable(pi, "runningRatio")).isEqualTo("10.0000%");
    assertThat(processes.variable(pi, "runningTotal")).isEqualTo("100000.00");
    approve(pi, "Task_OfficeApproval", "zhiyi");
    assertThat(pi).isEnded().hasPassed("Event_ChangeApproved").hasNotPassed("Task_CommitteeApproval");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName("changeOutcome").singleResult().getValue()).isEqualTo("APPROVED");
  }

  @Test
  void oneFenOverTenPercentGoesToCommitteeDecisionBodyAndALawfulMeasure() {
    ProcessInstance pi = start(project(), 1, "1000000.00", false);
    review(pi, "100000.01");
    assertThat(processes.variable(pi, "escalated")).isEqualTo(true);
    approve(pi, "Task_OfficeApproval", "zhiyi");
    assertThat(pi).isWaitingAt("Task_CommitteeApproval");
    approve(pi, "Task_CommitteeApproval", "weiyuan");
    approve(pi, "Task_DecisionBodyReview", "juece");
    assertThatThrownBy(() -> processes.complete(pi, "Task_RecordMeasure", "xinxi", Map.of("measure", "NEW_TENDER")))
        .hasStackTraceContaining("InvalidInputException").hasMessageContaining("法律依据");
    processes.complete(pi, "Task_RecordMeasure", "xinxi",
        Map.of("measure", "NEW_TENDER", "legalBasis", "《政府采购法》第四十九条"));
    assertThat(pi).isEnded().hasPassed("Event_ChangeApproved").hasNotPassed("Task_ReportToAuthority");
  }

  @Test
  void smallChangesAddUpAndTheOneThatCrossesTheLineIsEscalated() {
    String projectNumber = project();
    smallChange(projectNumber, 1, "1000000.00", "60000.00");
    smallChange(projectNumber, 2, "1000000.00", "40000.00"); // together exactly 10%: still not over
    // a rejected change does not count
    ProcessInstance rejected = start(projectNumber, 3, "1000000.00", false);
    review(rejected, "50000.00");
    processes.complete(rejected, "Task_OfficeApproval", "zhiyi", Map.of("decision", "REJECT", "opinion", "理由不充分"));
    assertThat(rejected).isEnded().hasPassed("Event_OfficeRejected");

    ProcessInstance third = start(projectNumber, 4, "1000000.00", false);
    review(third, "0.01");
    assertThat(processes.variable(third, "earlierApprovedCost")).isEqualTo("100000.00");
    assertThat(processes.variable(third, "runningTotal")).isEqualTo("100000.01");
    assertThat(processes.variable(third, "escalated")).isEqualTo(true);
    approve(third, "Task_OfficeApproval", "zhiyi");
    assertThat(third).isWaitingAt("Task_CommitteeApproval");

    String summary = (String) processes.variable(third, "changeSummary");
    assertThat(summary).contains(projectNumber + "-BG-1", projectNumber + "-BG-3", "已批准", "未批准",
        "理由不充分", "智医办 → 委员会", "已批准变更合计 100000.00 元");
  }

  @Test
  void aChangeApprovedMeanwhileIsCountedWhenOfficeApproves() {
    String projectNumber = project();
    ProcessInstance first = start(projectNumber, 1, "1000000.00", false);
    ProcessInstance second = start(projectNumber, 2, "1000000.00", false);
    review(first, "60000.00");
    review(second, "60000.00");
    assertThat(processes.variable(second, "escalated")).isEqualTo(false);
    approve(first, "Task_OfficeApproval", "zhiyi");
    approve(second, "Task_OfficeApproval", "zhiyi");
    // the re-check after 智医办 sees the first change: 120,000 > 100,000
    assertThat(second).isWaitingAt("Task_CommitteeApproval");
  }

  @Test
  void aGovernmentFundedEscalatedChangeIsReportedToTheOriginalApprovingAuthority() {
    ProcessInstance pi = start(project(), 1, "1000000.00", true);
    review(pi, "200000.00");
    approve(pi, "Task_OfficeApproval", "zhiyi");
    approve(pi, "Task_CommitteeApproval", "weiyuan");
    approve(pi, "Task_DecisionBodyReview", "juece");
    processes.complete(pi, "Task_RecordMeasure", "xinxi",
        Map.of("measure", "OTHER_LAWFUL_MEASURE", "legalBasis", "《政府投资条例》第二十一条"));
    assertThat(pi).isWaitingAt("Task_ReportToAuthority");
    assertThat(processes.task(pi, "Task_ReportToAuthority")).isNotNull();
    approve(pi, "Task_ReportToAuthority", "yuanshen");
    assertThat(pi).isEnded().hasPassed("Event_ChangeApproved");
  }

  @Test
  void theAuthorityMayRefuse() {
    ProcessInstance pi = start(project(), 1, "1000000.00", true);
    review(pi, "200000.00");
    approve(pi, "Task_OfficeApproval", "zhiyi");
    approve(pi, "Task_CommitteeApproval", "weiyuan");
    approve(pi, "Task_DecisionBodyReview", "juece");
    processes.complete(pi, "Task_RecordMeasure", "xinxi",
        Map.of("measure", "NEW_TENDER", "legalBasis", "《招标投标法》"));
    processes.complete(pi, "Task_ReportToAuthority", "yuanshen", Map.of("decision", "REJECT", "opinion", "超出批复"));
    assertThat(pi).isEnded().hasPassed("Event_AuthorityRejected");
  }

  @Test
  void aGovernmentFundedSmallChangeIsNotReported() {
    ProcessInstance pi = start(project(), 1, "1000000.00", true);
    review(pi, "1000.00");
    approve(pi, "Task_OfficeApproval", "zhiyi");
    assertThat(pi).isEnded().hasPassed("Event_ChangeApproved").hasNotPassed("Task_ReportToAuthority");
  }

  @Test
  void committeeAndDecisionBodyMayReject() {
    ProcessInstance a = start(project(), 1, "1000000.00", false);
    review(a, "200000.00");
    approve(a, "Task_OfficeApproval", "zhiyi");
    processes.complete(a, "Task_CommitteeApproval", "weiyuan", Map.of("decision", "REJECT", "opinion", "费用过高"));
    assertThat(a).isEnded().hasPassed("Event_CommitteeRejected");

    ProcessInstance b = start(project(), 1, "1000000.00", false);
    review(b, "200000.00");
    approve(b, "Task_OfficeApproval", "zhiyi");
    approve(b, "Task_CommitteeApproval", "weiyuan");
    processes.complete(b, "Task_DecisionBodyReview", "juece", Map.of("decision", "REJECT", "opinion", "暂缓"));
    assertThat(b).isEnded().hasPassed("Event_DecisionBodyRejected");
  }

  @Test
  void aRejectionNeedsItsReason() {
    ProcessInstance pi = start(project(), 1, "1000000.00", false);
    review(pi, "1000.00");
    assertThatThrownBy(() -> processes.complete(pi, "Task_OfficeApproval", "zhiyi", Map.of("decision", "REJECT")))
        .hasStackTraceContaining("InvalidInputException");
    assertThat(pi).isWaitingAt("Task_OfficeApproval");
  }

  @Test
  void loweringTheDesignStandardOrLeavingTheContractEndsTheChangeWithItsReason() {
    ProcessInstance a = start(project(), 1, "1000000.00", false);
    assertThatThrownBy(() -> processes.complete(a, "Task_ItReview", "xinxi", Map.of("proposedCost", "1000.00",
        "designStandardKept", false, "withinContract", true))).hasStackTraceContaining("InvalidInputException");
    assertThatThrownBy(() -> processes.complete(a, "Task_ItReview", "xinxi", Map.of("proposedCost", "1000.00",
        "withinContract", true))).hasStackTraceContaining("InvalidInputException").hasMessageContaining("designStandardKept");
    processes.complete(a, "Task_ItReview", "xinxi", Map.of("proposedCost", "1000.00",
        "designStandardKept", false, "withinContract", true, "opinion", "降低了等保要求"));
    assertThat(a).isEnded().hasPassed("Event_ChangeRefused").hasNotPassed("Task_OfficeApproval");

    ProcessInstance b = start(project(), 1, "1000000.00", false);
    processes.complete(b, "Task_ItReview", "xinxi", Map.of("proposedCost", "1000.00",
        "designStandardKept", true, "withinContract", false, "opinion", "超出合同范围"));
    assertThat(b).isEnded().hasPassed("Event_ChangeRefused");
  }

  @Test
  void aStandaloneChangeNeedsTheProjectNumberInItsBusinessKey() {
    Map<String, Object> v = Map.of("projectNumber", "TJ-X", "contractAmount", "100.00", "governmentFunded", false,
        "requestSource", "HOSPITAL", "reason", "r", "plan", "p", "workload", "w", "costEstimate", "1.00");
    assertThatThrownBy(() -> processes.start("tianjin-change-request", Processes.uniqueKey("OTHER"), v))
        .hasStackTraceContaining("InvalidInputException").hasMessageContaining("-BG-");
    assertThatThrownBy(() -> processes.start("tianjin-change-request", "TJ-X-BG-" + System.nanoTime(),
        Map.of("projectNumber", "TJ-X", "contractAmount", "-1", "governmentFunded", false,
        "requestSource", "HOSPITAL", "reason", "r", "plan", "p", "workload", "w", "costEstimate", "1.00")))
        .hasStackTraceContaining("InvalidInputException").hasMessageContaining("contractAmount");
  }

  @Test
  void withoutAWrittenRequestTheFirstStepIsToFileOne() {
    String projectNumber = project();
    // as the project calls it (000 §15: the written request may be filed afterwards); Tasklist's start form asks for it
    ProcessInstance pi = processes.startCalled("tianjin-change-request", projectNumber + "-BG-1",
        Map.of("projectNumber", projectNumber, "contractAmount", 1000000, "governmentFunded", false));
    assertThat(pi).isWaitingAt("Task_FileRequest");
    processes.complete(pi, "Task_FileRequest", "jianli", Map.of("requestSource", "SUPERVISOR", "reason", "现场条件变化",
        "plan", "调整布线", "workload", "5 人日", "costEstimate", "3000"));
    assertThat(pi).isWaitingAt("Task_ItReview");
    assertThat(processes.variable(pi, "costEstimate")).isEqualTo("3000.00");
  }

  @Test
  void theChangeRecordIsServedAsJsonToThoseWhoMayReadIt() {
    String projectNumber = project();
    smallChange(projectNumber, 1, "1000000.00", "12345.67");
    Rest.Response ok = Rest.as(port, "zhiyi").get("/api/tianjin/projects/" + projectNumber + "/changes");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().get("changes").get(0).get("proposedCost").asText()).isEqualTo("12345.67");
    assertThat(ok.json().get("changes").get(0).get("outcome").asText()).isEqualTo("APPROVED");
    assertThat(Rest.as(port, "yiwu").get("/api/tianjin/projects/" + projectNumber + "/changes").status()).isEqualTo(403);
    assertThat(Rest.anonymous(port).get("/api/tianjin/projects/" + projectNumber + "/changes").status()).isEqualTo(401);
  }
}
