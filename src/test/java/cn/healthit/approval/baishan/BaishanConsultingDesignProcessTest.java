package cn.healthit.approval.baishan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** baishan-consulting-design and its called baishan-design-service, every branch, loop and the 45-day clock (seed 003). */
@PlatformTest
class BaishanConsultingDesignProcessTest {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  @Autowired ProcessEngine engine;
  Processes processes;

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
    today(LocalDate.of(2026, 3, 2));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private static void today(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(9, 0).atZone(CHINA).toInstant()));
  }

  private ProcessInstance start() {
    return processes.start("baishan-consulting-design", Processes.uniqueKey("BS"), Map.of("projectName",
        "白山市公立医院改革与高质量发展信息化建设项目", "submittingUnit", "白山市中心医院", "requirementPlan", "紧密型医联体、三医联动平台"));
  }

  private static Map<String, Object> decide(String decision, String opinion) {
    Map<String, Object> v = new HashMap<>();
    v.put("decision", decision);
    v.put("opinion", opinion);
    return v;
  }

  private ProcessInstance appointed() {
    ProcessInstance p = start();
    processes.complete(p, "Task_AcceptRequirement", "bs-commission", decide("ACCEPTED", null));
    processes.complete(p, "Task_SelectConsultant", "bs-commission",
        Map.of("consultantName", "吉林省信息咨询设计院", "appointmentDate", "2026-03-02"));
    assertThat(processes.variable(p, "deliveryDeadline")).isEqualTo("2026-04-16");
    return p;
  }

  private void throughResearch(ProcessInstance p, boolean consultation) {
    processes.complete(p, "Task_TeamAndWorkPlan", "bs-consultant", Map.of("projectTeam", "项目经理 1 人、咨询师 4 人", "workPlan", "三阶段"));
    processes.complete(p, "Task_ResearchPlan", "bs-consultant", Map.of("researchPlan", "走访 2 个医疗集团、5 个医共体"));
    processes.complete(p, "Task_Research", "bs-consultant", Map.of("researchRecord", "访谈 36 人次"));
    processes.complete(p, "Task_RequirementsReport", "bs-consultant", Map.of("requirementsReportVersion", "v1"));
    if (consultation) {
      processes.complete(p, "Task_ReviewRequirementsReport", "bs-commission", decide("REVISE", "补充医保联动需求"));
      processes.complete(p, "Task_RequirementsReport", "bs-consultant", Map.of("requirementsReportVersion", "v2"));
    }
    Map<String, Object> approved = decide("APPROVED", null);
    approved.put("expertConsultation", consultation);
    processes.complete(p, "Task_ReviewRequirementsReport", "bs-commission", approved);
    if (consultation) {
      processes.complete(p, "Task_ExpertConsultation", "bs-expert", Map.of("expertConsultationOpinion", "需求完整"));
    }
    processes.complete(p, "Task_ConfirmRequirements", "bs-commission", Map.of("requirementsConfirmationNo", "白卫需确〔2026〕3号"));
  }

  private static Map<String, Object> deliverables() {
    Map<String, Object> v = new HashMap<>();
    v.put("deliverableProposal", "项目建议书 v1");
    v.put("deliverableFeasibilityStudy", "可行性研究报告 v1");
    v.put("deliverablePreliminaryDesign", "初步设计方案 v1");
    v.put("deliverableBudgetEstimate", "概算 v1");
    v.put("engineeringCost", "100000000.00");
    v.put("thirdPartyServiceCost", 5000000);
    return v;
  }

  @Test
  void theWholeServiceWithEveryLoopEndsWithHelpForTheApproval() {
    ProcessInstance p = appointed();
    Task first = processes.task(p, "Task_TeamAndWorkPlan");
    assertThat(first.getDueDate()).isEqualTo(Date.from(LocalDate.of(2026, 4, 16).atTime(23, 59, 59).atZone(CHINA).toInstant()));
    assertThat(engine.getTaskService().getVariableLocal(first.getId(), "remainingDays")).isEqualTo(45L);
    today(LocalDate.of(2026, 4, 10));
    throughResearch(p, true);
    Task deliver = processes.task(p, "Task_Deliverables");
    assertThat(engine.getTaskService().getVariableLocal(deliver.getId(), "remainingDays")).isEqualTo(6L);
    Map<String, Object> incomplete = deliverables();
    incomplete.put("deliverablePreliminaryDesign", "");
    assertThatThrownBy(() -> processes.complete(deliver, "bs-consultant", incomplete))
        .hasMessageContaining("《项目初步设计方案》").hasMessageContaining("deliverablePreliminaryDesign").hasMessageContaining("不能为空");
    processes.complete(deliver, "bs-consultant", deliverables());
    assertThat(processes.variable(p, "contingencyReserve")).isEqualTo("6300000.00");
    assertThat(processes.variable(p, "totalEstimate")).isEqualTo("111300000.00");

    processes.complete(p, "Task_ExpertReview", "bs-expert", decide("FAILED", "概算依据不足"));
    processes.complete(p, "Task_ResponseTable", "bs-consultant", Map.of("responseTable", "1. 已补充定额依据", "revisedPlanVersion", "v2"));
    assertThat(p).isWaitingAt("Task_ExpertReview");
    processes.complete(p, "Task_ExpertReview", "bs-expert", decide("PASSED", "同意，按意见修改"));
    processes.complete(p, "Task_ResponseTable", "bs-consultant", Map.of("responseTable", "1. 已修改", "revisedPlanVersion", "v3"));
    assertThat(p).isWaitingAt("Task_CommissionConfirmation", "Task_DepartmentsConfirmation");
    processes.complete(p, "Task_CommissionConfirmation", "bs-commission", decide("REVISE", "请细化分期建设"));
    processes.complete(p, "Task_DepartmentsConfirmation", "bs-department", Map.of("departmentsDecision", "CONFIRMED"));
    processes.complete(p, "Task_RevisePlan", "bs-consultant", Map.of("responseTable", "2. 已细化分期", "revisedPlanVersion", "v4"));
    processes.complete(p, "Task_CommissionConfirmation", "bs-commission", decide("CONFIRMED", null));
    processes.complete(p, "Task_DepartmentsConfirmation", "bs-department", Map.of("departmentsDecision", "CONFIRMED"));
    processes.complete(p, "Task_AssistApproval", "bs-consultant", Map.of("approvalMaterials", "立项申请、可研、初设、概算"));
    assertThat(p).isEnded().hasPassed("Event_Done", "Task_RevisePlan").hasNotPassed("Task_EscalateOverdue");
  }

  @Test
  void overrunningTheFortyFiveDaysEscalatesToTheCommissionWhileTheWorkGoesOn() {
    ProcessInstance p = appointed();
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(p.getId()).timers().singleResult();
    assertThat(timer.getDuedate()).isEqualTo(Date.from(LocalDate.of(2026, 4, 17).atStartOfDay(CHINA).toInstant()));
    today(LocalDate.of(2026, 4, 17));
    engine.getManagementService().executeJob(timer.getId());
    assertThat(p).isWaitingAt("Call_DesignService", "Task_EscalateOverdue");
    throughResearch(p, false);
    // a task created after the deadline shows the overrun as negative days left
    assertThat(engine.getTaskService().getVariableLocal(processes.task(p, "Task_Deliverables").getId(), "remainingDays"))
        .isEqualTo(-1L);
    processes.complete(p, "Task_EscalateOverdue", "bs-commission", Map.of("opinion", "已约谈咨询单位，限 3 日内提交"));
    processes.complete(p, "Task_Deliverables", "bs-consultant", deliverables());
    assertThat(p).isWaitingAt("Task_ExpertReview").hasPassed("Event_Escalated").hasNotPassed("Task_ExpertConsultation");
  }

  @Test
  void aRequirementTheCommissionDoesNotAcceptEndsThere() {
    ProcessInstance p = start();
    assertThatThrownBy(() -> processes.complete(p, "Task_AcceptRequirement", "bs-commission", decide("REJECTED", "")))
        .hasMessageContaining("opinion");
    processes.complete(p, "Task_AcceptRequirement", "bs-commission", decide("REJECTED", "已纳入省统建项目"));
    assertThat(p).isEnded().hasPassed("Event_NotAccepted");
  }

  @Test
  void confirmationIsRefusedWhileADeliverableIsMissing() {
    ProcessInstance p = appointed();
    throughResearch(p, false);
    processes.complete(p, "Task_Deliverables", "bs-consultant", deliverables());
    processes.complete(p, "Task_ExpertReview", "bs-expert", decide("PASSED", "同意"));
    processes.complete(p, "Task_ResponseTable", "bs-consultant", Map.of("responseTable", "无修改", "revisedPlanVersion", "v1"));
    engine.getRuntimeService().setVariable(p.getId(), "deliverableBudgetEstimate", "");
    assertThatThrownBy(() -> processes.complete(p, "Task_CommissionConfirmation", "bs-commission", decide("CONFIRMED", null)))
        .hasMessageContaining("缺少成果物 《概算》");
    assertThatThrownBy(() -> processes.complete(p, "Task_DepartmentsConfirmation", "bs-department",
        Map.of("departmentsDecision", "CONFIRMED"))).hasMessageContaining("《概算》");
  }
}
