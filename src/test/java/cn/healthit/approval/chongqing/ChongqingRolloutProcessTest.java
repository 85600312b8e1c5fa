package cn.healthit.approval.chongqing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** chongqing-rollout, its implementation, flow changes and feedback: every branch, loop and timer (seed 002). */
@PlatformTest
class ChongqingRolloutProcessTest {

  @Autowired ProcessEngine engine;
  Processes processes;

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
  }

  private ProcessInstance started() {
    ProcessInstance p = processes.start("chongqing-rollout", Processes.uniqueKey("CQ"),
        Map.of("projectName", "智慧医院妇幼健康服务项目", "hospitalName", "渝北区妇幼保健院"));
    Map<String, Object> plan = new HashMap<>(Map.of("implementationPlan", "30 天实施计划",
        "vendorTrialLead", "cq-vendor", "itTrialLead", "cq-it", "departmentTrialLead", "cq-dept"));
    plan.put("departmentTrialLead", "cq-it");
    assertThatThrownBy(() -> processes.complete(p, "Task_OrganiseAndPlan", "cq-vendor", plan))
        .hasMessageContaining("departmentTrialLead").hasMessageContaining("chongqing-departments");
    plan.put("departmentTrialLead", "cq-dept");
    processes.complete(p, "Task_OrganiseAndPlan", "cq-vendor", plan);
    return p;
  }

  private String implementation(ProcessInstance p) {
    return engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(p.getId()).singleResult().getId();
  }

  private void work(ProcessInstance p, String task, String user, String field) {
    processes.complete(p, task, user, Map.of(field, "已完成"));
  }

  /** The job at this activity in the rollout or its called implementation (same business key). */
  private Job timer(ProcessInstance p, String activityId) {
    for (var instance : engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(p.getBusinessKey()).list()) {
      Job job = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
          .activityId(activityId).singleResult();
      if (job != null) {
        return job;
      }
    }
    return null;
  }

  private void fire(ProcessInstance p, String activityId) {
    engine.getManagementService().executeJob(timer(p, activityId).getId());
  }

  @Test
  void theWholeRolloutWithRetrainingStagedTrialRunChangeAndRectification() {
    ProcessInstance p = started();
    assertThat(p).isWaitingAt("Call_Implementation");
    work(p, "Task_RequirementResearch", "cq-vendor", "researchReport");
    work(p, "Task_ConfirmInitialFlow", "cq-dept", "initialFlow");
    work(p, "Task_TestEnvironment", "cq-vendor2", "testEnvironment");
    work(p, "Task_InterfaceHisLisPacs", "cq-vendor", "hisInterfaceResult");
    work(p, "Task_InterfaceWechat", "cq-vendor2", "wechatInterfaceResult");
    work(p, "Task_IntegratedTest", "cq-vendor", "integratedTestResult");
    work(p, "Task_Training", "cq-vendor", "trainingRecord");
    assertThatThrownBy(() -> processes.complete(p, "Task_TrainingExam", "cq-it", Map.of("trainingPassRate", 120)))
        .hasMessageContaining("0 到 100");
    processes.complete(p, "Task_TrainingExam", "cq-it", Map.of("trainingPassRate", 80));
    assertThat(processes.task(p, "Task_Training")).isNotNull();
    work(p, "Task_Training", "cq-vendor", "trainingRecord");
    processes.complete(p, "Task_TrainingExam", "cq-it", Map.of("trainingPassRate", "80.01"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> attempts = (List<Map<String, Object>>) engine.getRuntimeService()
        .getVariable(implementation(p), "trainingAttempts");
    assertThat(attempts).extracting(a -> a.get("passRate")).containsExactly("80", "80.01");
    assertThat(attempts).extracting(a -> a.get("retrainingNeeded")).containsExactly(true, false);

    work(p, "Task_DeployServers", "cq-vendor", "serverDeployment");
    assertThat(timer(p, "Event_VendorTrialElapsed")).isNotNull();
    fire(p, "Event_VendorTrialElapsed");
    assertThatThrownBy(() -> work(p, "Task_VendorTrialSignOff", "cq-vendor2", "trialFindings"))
        .isInstanceOf(AuthorizationException.class);
    work(p, "Task_VendorTrialSignOff", "cq-vendor", "trialFindings");
    fire(p, "Event_ItTrialElapsed");
    work(p, "Task_ItTrialSignOff", "cq-it", "trialFindings");
    fire(p, "Event_DepartmentTrialElapsed");
    work(p, "Task_DepartmentTrialSignOff", "cq-dept", "trialFindings");
    String early = p.getBusinessKey() + "-BG-0";
    assertThatThrownBy(() -> processes.start("chongqing-flow-change", early,
        Map.of("rolloutNumber", p.getBusinessKey(), "changeRequest", "调整建档流程"))).hasMessageContaining("尚未正式运行");
    fire(p, "Event_GoLiveDue");
    work(p, "Task_GoLive", "cq-lead", "goLivePreparation");

    ProcessInstance change = processes.start("chongqing-flow-change", p.getBusinessKey() + "-BG-1",
        Map.of("rolloutNumber", p.getBusinessKey(), "changeRequest", "儿保建档增加身份证校验"));
    Map<String, Object> meeting = new HashMap<>(Map.of("decision", "APPROVED", "meetingAttendees", "双方小组全体成员"));
    assertThatThrownBy(() -> processes.complete(change, "Task_CoordinationMeeting", "cq-lead", meeting))
        .hasMessageContaining("confirmationFormNo");
    meeting.put("confirmationFormNo", "BGQR-2026-01");
    processes.complete(change, "Task_CoordinationMeeting", "cq-lead", meeting);
    processes.complete(change, "Task_ImplementChange", "cq-vendor", Map.of());
    assertThat(change).isEnded().hasPassed("Event_ChangeDone");

    work(p, "Task_Optimisation", "cq-vendor", "optimisation");
    assertThat(engine.getTaskService().getVariable(processes.task(p, "Task_Acceptance").getId(), "changeRecords").toString())
        .contains("儿保建档增加身份证校验").contains("BGQR-2026-01");
    processes.complete(p, "Task_Acceptance", "cq-lead", Map.of("decision", "RECTIFY", "opinion", "统计报表有误"));
    work(p, "Task_Optimisation", "cq-vendor", "optimisation");
    processes.complete(p, "Task_Acceptance", "cq-lead", Map.of("decision", "ACCEPTED",
        "acceptanceBasis", "签字实施方案及变更记录 BGQR-2026-01", "blockedByHospital", "医保接口（院方未开通）"));
    assertThat(engine.getRuntimeService().getVariable(implementation(p), "blockedByHospital")).isEqualTo("医保接口（院方未开通）");
    assertThatThrownBy(() -> processes.complete(p, "Task_Handover", "cq-it", Map.of("deploymentDetails", "2 台应用服务器")))
        .hasMessageContaining("handoverDocuments");
    processes.complete(p, "Task_Handover", "cq-it", Map.of("deploymentDetails", "2 台应用服务器", "handoverDocuments", "实施文档全套"));
    assertThat(p).isEnded().hasPassed("Event_HandedOver");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(p.getId()).count()).isZero();
  }

  @Test
  void weeklyReportsAndMonthlySummariesRecurWhileTheRolloutRuns() {
    ProcessInstance p = started();
    Job weekly = timer(p, "Event_WeeklyReportDue");
    engine.getManagementService().executeJob(weekly.getId());
    assertThat(timer(p, "Event_WeeklyReportDue")).as("the cycle schedules the next week").isNotNull();
    processes.complete(p, "Task_WeeklyProgress", "cq-vendor", Map.of("weeklyProgress", "完成需求调研"));
    fire(p, "Event_MonthlySummaryDue");
    String summary = processes.task(p, "Task_MonthlySummary").getId();
    assertThat(engine.getTaskService().getVariable(summary, "riskRegisterText").toString()).contains("7. [数据录入]");
    assertThatThrownBy(() -> processes.complete(p, "Task_MonthlySummary", "cq-lead",
        Map.of("summary", "进度正常", "riskNo", 3, "riskLevel", "LOW"))).hasMessageContaining("riskResponse");
    processes.complete(p, "Task_MonthlySummary", "cq-lead",
        Map.of("summary", "进度正常", "riskNo", 3, "riskLevel", "LOW", "riskResponse", "数据修改须书面告知厂商"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> register = (List<Map<String, Object>>) processes.variable(p, "riskRegister");
    assertThat(register.get(2)).containsEntry("level", "LOW");
    assertThat(p).isWaitingAt("Call_Implementation").hasPassed("Event_WeeklyReported", "Event_MonthlySummarised");
  }

  @Test
  void departmentFeedbackIsScreenedAnalysedFixedAndConfirmed() {
    ProcessInstance f = processes.start("chongqing-feedback", Processes.uniqueKey("CQFB"),
        Map.of("rolloutNumber", "CQ-1", "department", "儿童保健科", "issue", "打印预约单缺少二维码"));
    processes.complete(f, "Task_Screen", "cq-it", Map.of("decision", "ACCEPTED"));
    processes.complete(f, "Task_JointAnalysis", "cq-vendor", Map.of("analysis", "模板缺字段"));
    processes.complete(f, "Task_Fix", "cq-vendor", Map.of("fix", "已加二维码"));
    assertThatThrownBy(() -> processes.complete(f, "Task_ConfirmFix", "cq-dept", Map.of("decision", "REOPEN")))
        .hasMessageContaining("opinion");
    processes.complete(f, "Task_ConfirmFix", "cq-dept", Map.of("decision", "REOPEN", "opinion", "二维码扫不出"));
    processes.complete(f, "Task_JointAnalysis", "cq-vendor", Map.of("analysis", "分辨率不足"));
    processes.complete(f, "Task_Fix", "cq-vendor", Map.of("fix", "提高分辨率"));
    processes.complete(f, "Task_ConfirmFix", "cq-dept", Map.of("decision", "FIXED"));
    assertThat(f).isEnded().hasPassed("Event_Fixed");

    ProcessInstance r = processes.start("chongqing-feedback", Processes.uniqueKey("CQFB"),
        Map.of("rolloutNumber", "CQ-1", "department", "儿童保健科", "issue", "希望更换界面颜色"));
    processes.complete(r, "Task_Screen", "cq-it", Map.of("decision", "REJECTED", "opinion", "非程序问题，程序稳定后再处理"));
    assertThat(r).isEnded().hasPassed("Event_NotAccepted");
  }

  @Test
  void aChangeTheProjectLeadRefusesKeepsTheFlow() {
    ProcessInstance p = started();
    engine.getRuntimeService().setVariable(p.getId(), "goLiveDone", true); // as Task_GoLive leaves it
    ProcessInstance change = processes.start("chongqing-flow-change", p.getBusinessKey() + "-BG-2",
        Map.of("rolloutNumber", p.getBusinessKey(), "changeRequest", "取消纸质登记"));
    processes.complete(change, "Task_CoordinationMeeting", "cq-lead",
        Map.of("decision", "REJECTED", "meetingAttendees", "双方小组", "opinion", "纸质登记为医保稽核所需"));
    assertThat(change).isEnded().hasPassed("Event_ChangeRefused");
    assertThatThrownBy(() -> processes.start("chongqing-flow-change", Processes.uniqueKey("BG"),
        Map.of("rolloutNumber", "NO-SUCH", "changeRequest", "x"))).hasMessageContaining("没有进行中的实施项目");
  }
}
