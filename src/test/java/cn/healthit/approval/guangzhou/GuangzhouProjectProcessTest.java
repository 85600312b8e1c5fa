package cn.healthit.approval.guangzhou;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * guangzhou-project walked with the engine: every gateway branch, every loop back, every timer.
 * The clock is set to days the holiday data covers, so working-day deadlines are real dates.
 */
@PlatformTest
class GuangzhouProjectProcessTest {

  static final String UNIT = "gz-jianshe";
  static final String INFO_CENTER = "gz-xinxi";
  static final String BUREAU = "gz-juxinxi";
  static final String BUREAU_HEAD = "gz-juxinxi-head";
  static final String AUTHORITY = "gz-zhuguan";
  static final String FINANCE = "gz-caizheng";
  static final String HEALTH_BUREAU = "gz-weisheng";
  static final String LEADING_GROUP = "gz-lingdao";
  static final String CONTRACTOR = "gz-chengjian";
  static final String SUPERVISOR = "jianli";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired cn.healthit.approval.calendar.CalendarYears calendarYears;
  @Autowired cn.healthit.approval.calendar.WorkingDayCalendar calendar;
  Processes processes;

  @BeforeEach
  void setUp() {
    processes = Processes.init(engine);
    clock("2025-03-03T09:30:00+08:00"); // a Monday
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static Date at(String iso) {
    return Date.from(OffsetDateTime.parse(iso).toInstant());
  }

  static void clock(String iso) {
    ClockUtil.setCurrentTime(at(iso));
  }

  ProcessInstance start(String investment, boolean important) {
    return processes.start("guangzhou-project", Processes.uniqueKey("GZ"), Map.of(
        "projectName", "区域全民健康信息平台升级", "investment", investment,
        "constructionUnit", "construction-unit", "important", important));
  }

  void complete(ProcessInstance pi, String taskKey, String user, Object... kv) {
    Map<String, Object> vars = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      vars.put((String) kv[i], kv[i + 1]);
    }
    processes.complete(pi, taskKey, user, vars);
  }

  List<Task> openTasks(ProcessInstance pi, String taskKey) {
    return taskService.createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey()).taskDefinitionKey(taskKey).list();
  }

  /** The timer jobs of an activity in the project or any of its called instances. */
  List<Job> timers(ProcessInstance pi, String activityId) {
    List<Job> jobs = new ArrayList<>();
    for (ProcessInstance p : runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(pi.getBusinessKey()).list()) {
      jobs.addAll(managementService.createJobQuery().processInstanceId(p.getId()).activityId(activityId).timers().list());
    }
    return jobs;
  }

  Job timer(ProcessInstance pi, String activityId) {
    List<Job> jobs = timers(pi, activityId);
    assertThat(jobs).as("timer %s", activityId).hasSize(1);
    return jobs.get(0);
  }

  void fire(ProcessInstance pi, String activityId) {
    managementService.executeJob(timer(pi, activityId).getId());
  }

  /** The refusal (InvalidInputException) somewhere in the chain: the engine wraps a listener's exception. */
  static void isRefusal(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof InvalidInputException) {
        return;
      }
    }
    throw new AssertionError("not a refusal: " + thrown);
  }

  /** A variable of the project or of one of its running called instances. */
  Object anyVariable(ProcessInstance pi, String name) {
    List<String> ids = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(pi.getBusinessKey()).list()
        .stream().map(ProcessInstance::getId).toList();
    var found = runtimeService.createVariableInstanceQuery().processInstanceIdIn(ids.toArray(String[]::new))
        .variableName(name).list();
    assertThat(found).as("variable %s", name).hasSize(1);
    return found.get(0).getValue();
  }

  boolean ended(ProcessInstance pi, String endEventId) {
    return historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
        .activityId(endEventId).finished().count() == 1
        && runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count() == 0;
  }

  // ------------------------------------------------------------------ walks

  void declareUpToFirstReview(ProcessInstance pi) {
    complete(pi, "Task_FillPlanDeclaration", UNIT, "projectLeader", "梁建生", "previousProjects", "2022–2024 年无市财政投资项目", "stamped", true);
    complete(pi, "Task_ConsolidatePlans", INFO_CENTER, "opinion", "材料齐全，建议报局信息办审核");
  }

  void declare(ProcessInstance pi) {
    declareUpToFirstReview(pi);
    complete(pi, "Task_BureauReview", BUREAU, "decision", "PASS");
    complete(pi, "Task_AuthorityPlanReview", AUTHORITY, "decision", "ISSUE_TASK_BOOK", "taskBookNumber", "穗信建〔2025〕12号");
    complete(pi, "Task_ConstructionPlan", UNIT);
    complete(pi, "Task_TechnicalReview", INFO_CENTER, "opinion", "技术路线可行");
    complete(pi, "Task_BureauReview", BUREAU, "decision", "PASS");
    complete(pi, "Task_AuthorityConstructionPlanReview", AUTHORITY, "decision", "APPROVE", "approvedFunds", "900000.00");
    complete(pi, "Task_ReviseConstructionPlanForFiling", UNIT);
    complete(pi, "Task_FileConstructionPlan", BUREAU);
    complete(pi, "Task_ArrangeBudget", HEALTH_BUREAU, "annualBudget", 900000);
  }

  void implementUpToConstruction(ProcessInstance pi) {
    complete(pi, "Task_GovernmentProcurement", UNIT);
    complete(pi, "Task_EstablishProjectOrganisation", UNIT);
    complete(pi, "Task_ImplementationPlan", UNIT);
    complete(pi, "Task_FileImplementationPlan", INFO_CENTER);
  }

  void testAndInitialAcceptance(ProcessInstance pi, boolean important) {
    complete(pi, "Task_SystemTesting", CONTRACTOR, "softwareTestingDone", true, "securityTestingDone", true,
        "testingAgency", important ? "广东省信息安全测评中心" : "承建单位测试组", "qualifiedThirdParty", important);
    complete(pi, "Task_UserTesting", UNIT, "decision", "PASS");
    complete(pi, "Task_FundsUseSummary", CONTRACTOR);
    complete(pi, "Task_InitialAcceptanceApplication", CONTRACTOR);
    complete(pi, "Task_AcceptancePlan", SUPERVISOR);
    complete(pi, "Task_InitialAcceptanceMeeting", UNIT, "decision", "PASS");
  }

  void trialRunAndMaterials(ProcessInstance pi) {
    complete(pi, "Task_TrialRunPlan", UNIT);
    complete(pi, "Task_DeployTrialEnvironment", CONTRACTOR);
    complete(pi, "Task_TrainUsers", CONTRACTOR, "trainedUsers", 40);
    complete(pi, "Task_TrialRunFeedback", UNIT, "decision", "MEETS_REQUIREMENTS");
    fire(pi, "Event_TrialRunElapsed");
    complete(pi, "Task_TrialRunReport", CONTRACTOR);
    complete(pi, "Task_UserReport", UNIT);
    Map<String, Object> materials = new HashMap<>();
    TaskRules.FINAL_ACCEPTANCE_MATERIALS.keySet().forEach(k -> materials.put(k, true));
    processes.complete(pi, "Task_PrepareFinalAcceptanceMaterials", UNIT, materials);
    complete(pi, "Task_FinalAcceptancePlan", UNIT);
  }

  // ------------------------------------------------------------------ tests

  @Test
  void underOneMillionTheUnitAcceptsItselfAfterEveryLoopOfTheCloseOut() {
    ProcessInstance pi = start("999999.99", false);
    declare(pi);
    implementUpToConstruction(pi);
    complete(pi, "Task_Construction", UNIT, "decision", "COMPLETED");
    // no inspection was held while building: close-out waits for one (001 §2.5)
    complete(pi, "Task_OnSiteInspectionBeforeCloseOut", INFO_CENTER, "opinion", "进度、质量符合要求");

    complete(pi, "Task_SystemTesting", CONTRACTOR, "softwareTestingDone", true, "securityTestingDone", true,
        "testingAgency", "承建单位测试组");
    // user testing fails once → fix and retest (001 §3.2(3))
    assertThatThrownBy(() -> complete(pi, "Task_UserTesting", UNIT, "decision", "FIX"))
        .satisfies(GuangzhouProjectProcessTest::isRefusal).hasMessageContaining("opinion");
    complete(pi, "Task_UserTesting", UNIT, "decision", "FIX", "opinion", "挂号模块响应慢");
    complete(pi, "Task_FixAndRetest", CONTRACTOR);
    complete(pi, "Task_UserTesting", UNIT, "decision", "PASS");
    complete(pi, "Task_FundsUseSummary", CONTRACTOR);
    complete(pi, "Task_InitialAcceptanceApplication", CONTRACTOR);
    complete(pi, "Task_AcceptancePlan", SUPERVISOR);
    // the initial acceptance meeting sends it back once → fix, test again, apply again
    complete(pi, "Task_InitialAcceptanceMeeting", UNIT, "decision", "RECTIFY", "opinion", "接口文档不全");
    complete(pi, "Task_FixAndRetest", CONTRACTOR);
    complete(pi, "Task_UserTesting", UNIT, "decision", "PASS");
    complete(pi, "Task_FundsUseSummary", CONTRACTOR);
    complete(pi, "Task_InitialAcceptanceApplication", CONTRACTOR);
    complete(pi, "Task_AcceptancePlan", SUPERVISOR);
    complete(pi, "Task_InitialAcceptanceMeeting", UNIT, "decision", "PASS");

    complete(pi, "Task_TrialRunPlan", UNIT);
    complete(pi, "Task_DeployTrialEnvironment", CONTRACTOR);
    clock("2025-06-10T17:00:00+08:00");
    complete(pi, "Task_TrainUsers", CONTRACTOR, "trainedUsers", 40);
    // the trial run lasts three calendar months (P3M), not 90 days
    assertThat(timer(pi, "Event_TrialRunElapsed").getDuedate()).isEqualTo(at("2025-09-10T17:00:00+08:00"));
    complete(pi, "Task_TrialRunFeedback", UNIT, "decision", "FIX", "opinion", "报表导出错误");
    complete(pi, "Task_TrialRunFix", CONTRACTOR);
    complete(pi, "Task_TrialRunFeedback", UNIT, "decision", "MEETS_REQUIREMENTS");
    // meeting the requirements early does not end the trial run
    assertThat(openTasks(pi, "Task_TrialRunReport")).isEmpty();
    clock("2025-09-10T17:00:00+08:00");
    fire(pi, "Event_TrialRunElapsed");
    complete(pi, "Task_TrialRunReport", CONTRACTOR);
    complete(pi, "Task_UserReport", UNIT);
    // every signed material is required (001 §3.4(1))
    assertThatThrownBy(() -> complete(pi, "Task_PrepareFinalAcceptanceMaterials", UNIT, "materialSummary", true))
        .satisfies(GuangzhouProjectProcessTest::isRefusal);
    Map<String, Object> materials = new HashMap<>();
    TaskRules.FINAL_ACCEPTANCE_MATERIALS.keySet().forEach(k -> materials.put(k, true));
    processes.complete(pi, "Task_PrepareFinalAcceptanceMaterials", UNIT, materials);
    complete(pi, "Task_FinalAcceptancePlan", UNIT);

    assertThat(anyVariable(pi, "finalAcceptanceBy")).isEqualTo("CONSTRUCTION_UNIT");
    complete(pi, "Task_SelfOrganisedFinalAcceptance", UNIT, "infoCenterAttendees", "陈卫信",
        "decision", "FAIL", "opinion", "用户手册缺失");
    complete(pi, "Task_SelfAcceptanceRectification", CONTRACTOR, "opinion", "已补齐用户手册");
    clock("2025-09-30T10:00:00+08:00");
    complete(pi, "Task_SelfOrganisedFinalAcceptance", UNIT, "infoCenterAttendees", "陈卫信", "decision", "PASS");
    complete(pi, "Task_FileFinalAcceptance", UNIT);

    // in use: warranty from the final acceptance date (001 §3.5)
    assertThat(processes.variable(pi, "finalAcceptanceDate")).isEqualTo("2025-09-30");
    assertThat(processes.variable(pi, "softwareWarrantyEnds")).isEqualTo("2026-09-30");
    assertThat(processes.variable(pi, "hardwareWarrantyEnds")).isEqualTo("2027-09-30");
    assertThat(timer(pi, "Event_SoftwareWarrantyReminder").getDuedate()).isEqualTo(at("2026-08-31T09:00:00+08:00"));
    assertThat(timer(pi, "Event_HardwareWarrantyReminder").getDuedate()).isEqualTo(at("2027-08-31T09:00:00+08:00"));
    assertThat(openTasks(pi, "Task_SoftwareWarrantyExpiry")).isEmpty();

    complete(pi, "Task_FinancePerformanceScope", FINANCE, "decision", "NOT_IN_SCOPE");
    complete(pi, "Task_BureauAssessmentAndAudit", BUREAU, "opinion", "考核良好，审计无问题");
    complete(pi, "Task_LeadingGroupReviewsResults", LEADING_GROUP);
    fire(pi, "Event_SoftwareWarrantyReminder");
    complete(pi, "Task_SoftwareWarrantyExpiry", UNIT);
    assertThat(pi).isActive();
    fire(pi, "Event_HardwareWarrantyReminder");
    complete(pi, "Task_HardwareWarrantyExpiry", UNIT);
    assertThat(ended(pi, "Event_ProjectClosed")).isTrue();
  }

  @Test
  void exactlyOneMillionIsAcceptedByTheAuthorityTogetherWithFinance() {
    ProcessInstance pi = start("1000000.00", true);
    declare(pi);
    implementUpToConstruction(pi);
    fire(pi, "Event_InspectionYear");
    complete(pi, "Task_OnSiteInspection", INFO_CENTER, "opinion", "年度现场督查：进度正常");
    complete(pi, "Task_Construction", UNIT, "decision", "COMPLETED");
    // an inspection was held: no extra one before close-out
    assertThat(openTasks(pi, "Task_OnSiteInspectionBeforeCloseOut")).isEmpty();

    // an important project is tested by a qualified third party (001 §3.2(1))
    assertThatThrownBy(() -> complete(pi, "Task_SystemTesting", CONTRACTOR, "softwareTestingDone", true,
        "securityTestingDone", true, "testingAgency", "承建单位测试组", "qualifiedThirdParty", false))
        .satisfies(GuangzhouProjectProcessTest::isRefusal).hasMessageContaining("第三方");
    testAndInitialAcceptance(pi, true);
    trialRunAndMaterials(pi);

    assertThat(anyVariable(pi, "finalAcceptanceBy")).isEqualTo("MUNICIPAL_IT_AUTHORITY");
    complete(pi, "Task_ApplyForAuthorityAcceptance", UNIT);
    // both must pass; finance's refusal sends the project back to rectify and apply again
    complete(pi, "Task_AuthorityFinalAcceptance", AUTHORITY, "decision", "PASS");
    complete(pi, "Task_FinanceFinalAcceptance", FINANCE, "financeDecision", "FAIL", "opinion", "财务决算未经审计");
    complete(pi, "Task_AuthorityAcceptanceRectification", CONTRACTOR, "opinion", "已补充决算审计报告");
    complete(pi, "Task_ApplyForAuthorityAcceptance", UNIT);
    complete(pi, "Task_AuthorityFinalAcceptance", AUTHORITY, "decision", "PASS");
    complete(pi, "Task_FinanceFinalAcceptance", FINANCE, "financeDecision", "PASS");
    complete(pi, "Task_FileFinalAcceptance", UNIT);

    complete(pi, "Task_FinancePerformanceScope", FINANCE, "decision", "IN_SCOPE");
    complete(pi, "Task_FinancePerformanceEvaluation", UNIT, "opinion", "绩效目标全部完成");
    complete(pi, "Task_BureauAssessmentAndAudit", BUREAU, "opinion", "考核优秀");
    complete(pi, "Task_LeadingGroupReviewsResults", LEADING_GROUP);
    fire(pi, "Event_HardwareWarrantyReminder");
    complete(pi, "Task_HardwareWarrantyExpiry", UNIT);
    fire(pi, "Event_SoftwareWarrantyReminder");
    complete(pi, "Task_SoftwareWarrantyExpiry", UNIT);
    assertThat(ended(pi, "Event_ProjectClosed")).isTrue();
  }

  @Test
  void oneFenAboveOneMillionIsAcceptedByTheAuthority() {
    ProcessInstance pi = start("1000000.01", false);
    declare(pi);
    implementUpToConstruction(pi);
    complete(pi, "Task_Construction", UNIT, "decision", "COMPLETED");
    complete(pi, "Task_OnSiteInspectionBeforeCloseOut", INFO_CENTER, "opinion", "符合要求");
    testAndInitialAcceptance(pi, false);
    trialRunAndMaterials(pi);
    assertThat(anyVariable(pi, "finalAcceptanceBy")).isEqualTo("MUNICIPAL_IT_AUTHORITY");
    // the authority's own refusal also sends the project back, even when finance agrees
    complete(pi, "Task_ApplyForAuthorityAcceptance", UNIT);
    complete(pi, "Task_AuthorityFinalAcceptance", AUTHORITY, "decision", "FAIL", "opinion", "性能测试未达标");
    complete(pi, "Task_FinanceFinalAcceptance", FINANCE, "financeDecision", "PASS");
    complete(pi, "Task_AuthorityAcceptanceRectification", CONTRACTOR, "opinion", "已优化并复测");
    assertThat(openTasks(pi, "Task_ApplyForAuthorityAcceptance")).hasSize(1);
    assertThat(openTasks(pi, "Task_FileFinalAcceptance")).isEmpty();
  }

  @Test
  void oneFenBelowOneMillionIsAcceptedByTheUnit() {
    ProcessInstance pi = start("999999.99", false);
    declare(pi);
    implementUpToConstruction(pi);
    complete(pi, "Task_Construction", UNIT, "decision", "COMPLETED");
    complete(pi, "Task_OnSiteInspectionBeforeCloseOut", INFO_CENTER, "opinion", "符合要求");
    testAndInitialAcceptance(pi, false);
    trialRunAndMaterials(pi);
    assertThat(anyVariable(pi, "finalAcceptanceBy")).isEqualTo("CONSTRUCTION_UNIT");
    assertThat(openTasks(pi, "Task_SelfOrganisedFinalAcceptance")).hasSize(1);
  }

  @Test
  void theBureauAnswersWithinTwentyWorkingDaysOrItsHeadIsAlerted() {
    clock("2024-09-20T10:15:00+08:00"); // Friday before National Day 2024
    ProcessInstance pi = start("500000", false);
    declareUpToFirstReview(pi);
    Date due = at("2024-10-23T23:59:59+08:00"); // 20 working days, with Sun 9/29 and Sat 10/12 at work
    assertThat(processes.task(pi, "Task_BureauReview").getDueDate()).isEqualTo(due);
    assertThat(timer(pi, "Event_ReviewOverdue").getDuedate()).isEqualTo(due);

    // an expert meeting does not restart the clock
    clock("2024-10-08T09:00:00+08:00");
    complete(pi, "Task_BureauReview", BUREAU, "decision", "EXPERT_MEETING");
    assertThat(processes.task(pi, "Task_ExpertMeeting").getDueDate()).isEqualTo(due);
    complete(pi, "Task_ExpertMeeting", BUREAU, "opinion", "专家建议补充数据安全方案");
    assertThat(processes.task(pi, "Task_BureauReview").getDueDate()).isEqualTo(due);

    // the deadline passes: the office's head gets a task, the review stays open
    clock("2024-10-24T08:00:00+08:00");
    fire(pi, "Event_ReviewOverdue");
    Task escalation = processes.task(pi, "Task_EscalateOverdueReview");
    assertThat(taskService.getIdentityLinksForTask(escalation.getId()))
        .anyMatch(l -> "bureau-it-office-head".equals(l.getGroupId()));
    assertThatThrownBy(() -> processes.complete(escalation, BUREAU, Map.of("opinion", "x")))
        .isInstanceOf(AuthorizationException.class);
    complete(pi, "Task_EscalateOverdueReview", BUREAU_HEAD, "opinion", "已督促，限两日内答复");
    assertThat(openTasks(pi, "Task_BureauReview")).hasSize(1);

    // revision loop: the revised plan is reviewed again, with a fresh 20 working days
    complete(pi, "Task_BureauReview", BUREAU, "decision", "REVISE", "opinion", "请补充数据安全方案");
    clock("2024-10-28T09:00:00+08:00");
    complete(pi, "Task_RevisePlanDeclaration", UNIT);
    Date secondDue = at("2024-11-25T23:59:59+08:00"); // Mon 10/28 + 20 working days
    assertThat(processes.task(pi, "Task_BureauReview").getDueDate()).isEqualTo(secondDue);
    // an escalation still open when the answer comes is closed with the round
    fire(pi, "Event_ReviewOverdue");
    assertThat(openTasks(pi, "Task_EscalateOverdueReview")).hasSize(1);
    complete(pi, "Task_BureauReview", BUREAU, "decision", "PASS");
    assertThat(openTasks(pi, "Task_EscalateOverdueReview")).isEmpty();
    assertThat(openTasks(pi, "Task_AuthorityPlanReview")).hasSize(1);
  }

  @Test
  void theConstructionPlanHasItsOwnReviewRoundWithRevisionLoop() {
    ProcessInstance pi = start("500000", false);
    declareUpToFirstReview(pi);
    complete(pi, "Task_BureauReview", BUREAU, "decision", "PASS");
    complete(pi, "Task_AuthorityPlanReview", AUTHORITY, "decision", "ISSUE_TASK_BOOK", "taskBookNumber", "穗信建〔2025〕13号");
    complete(pi, "Task_ConstructionPlan", UNIT);
    complete(pi, "Task_TechnicalReview", INFO_CENTER, "opinion", "需细化部署架构");
    assertThat(processes.task(pi, "Task_BureauReview").getDueDate())
        .isEqualTo(at("2025-03-31T23:59:59+08:00")); // Mon 3/3 + 20 working days
    complete(pi, "Task_BureauReview", BUREAU, "decision", "REVISE", "opinion", "补充等保测评安排");
    complete(pi, "Task_ReviseConstructionPlan", UNIT);
    complete(pi, "Task_BureauReview", BUREAU, "decision", "PASS");
    complete(pi, "Task_AuthorityConstructionPlanReview", AUTHORITY, "decision", "REJECT", "opinion", "与已建系统重复");
    assertThat(ended(pi, "Event_ProjectRejected")).isTrue();
  }

  @Test
  void theBureauMayRefuseToForwardAPlan() {
    ProcessInstance pi = start("500000", false);
    declareUpToFirstReview(pi);
    complete(pi, "Task_BureauReview", BUREAU, "decision", "REJECT", "opinion", "不符合年度规划");
    assertThat(ended(pi, "Event_ProjectRejected")).isTrue();
  }

  @Test
  void theAuthorityMayRefuseTheTaskBookAndTheSecondRoundMayReject() {
    ProcessInstance first = start("500000", false);
    declareUpToFirstReview(first);
    complete(first, "Task_BureauReview", BUREAU, "decision", "PASS");
    complete(first, "Task_AuthorityPlanReview", AUTHORITY, "decision", "REJECT", "opinion", "资金不足");
    assertThat(ended(first, "Event_ProjectRejected")).isTrue();

    ProcessInstance second = start("500000", false);
    declareUpToFirstReview(second);
    complete(second, "Task_BureauReview", BUREAU, "decision", "PASS");
    complete(second, "Task_AuthorityPlanReview", AUTHORITY, "decision", "ISSUE_TASK_BOOK", "taskBookNumber", "穗信建〔2025〕14号");
    complete(second, "Task_ConstructionPlan", UNIT);
    complete(second, "Task_TechnicalReview", INFO_CENTER, "opinion", "技术方案不可行");
    complete(second, "Task_BureauReview", BUREAU, "decision", "REJECT", "opinion", "技术方案不可行");
    assertThat(ended(second, "Event_ProjectRejected")).isTrue();
  }

  @Test
  void quarterlyReportsAreDueEveryQuarterAndAMissedOneIsChased() {
    ProcessInstance pi = start("500000", false);
    declare(pi);
    implementUpToConstruction(pi);
    Job quarter = timer(pi, "Event_QuarterEnded");
    assertThat(quarter.getDuedate()).isEqualTo(at("2025-06-03T09:30:00+08:00"));
    assertThat(timer(pi, "Event_InspectionYear").getDuedate()).isEqualTo(at("2026-03-03T09:30:00+08:00"));

    clock("2025-06-03T09:30:00+08:00"); // Tuesday
    fire(pi, "Event_QuarterEnded");
    Task report = processes.task(pi, "Task_QuarterlyProgressReport");
    // 10 working days from Tue 6/3: 6/4–6/6, 6/9–6/13, 6/16, 6/17
    assertThat(report.getDueDate()).isEqualTo(at("2025-06-17T23:59:59+08:00"));
    assertThat(timer(pi, "Event_ReportOverdue").getDuedate()).isEqualTo(report.getDueDate());
    // the cycle goes on: the next quarter's timer is set
    assertThat(timer(pi, "Event_QuarterEnded").getDuedate()).isEqualTo(at("2025-09-03T09:30:00+08:00"));

    // overdue: it shows in the overdue list and the info center is asked to chase it
    clock("2025-06-18T09:00:00+08:00");
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey()).dueBefore(ClockUtil.getCurrentTime())
        .taskDefinitionKey("Task_QuarterlyProgressReport").count()).isEqualTo(1);
    fire(pi, "Event_ReportOverdue");
    complete(pi, "Task_ChaseQuarterlyReport", INFO_CENTER, "opinion", "已电话催报");
    assertThat(openTasks(pi, "Task_QuarterlyProgressReport")).hasSize(1);
    assertThatThrownBy(() -> complete(pi, "Task_QuarterlyProgressReport", UNIT, "opinion", "完成需求调研", "progressPercent", 130))
        .satisfies(GuangzhouProjectProcessTest::isRefusal).hasMessageContaining("progressPercent");
    complete(pi, "Task_QuarterlyProgressReport", UNIT, "opinion", "完成需求调研和概要设计", "progressPercent", 35);

    clock("2025-09-03T09:30:00+08:00");
    fire(pi, "Event_QuarterEnded");
    complete(pi, "Task_QuarterlyProgressReport", UNIT, "opinion", "完成开发 60%", "progressPercent", 60);
    assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceBusinessKey(pi.getBusinessKey())
        .taskDefinitionKey("Task_QuarterlyProgressReport").finished().count()).isEqualTo(2);

    // the yearly inspection (001 §2.5)
    clock("2026-03-03T09:30:00+08:00");
    fire(pi, "Event_InspectionYear");
    complete(pi, "Task_OnSiteInspection", INFO_CENTER, "opinion", "现场督查：按计划推进");
    assertThat(timer(pi, "Event_InspectionYear").getDuedate()).isEqualTo(at("2027-03-03T09:30:00+08:00"));

    complete(pi, "Task_Construction", UNIT, "decision", "COMPLETED");
    assertThat(timers(pi, "Event_QuarterEnded")).isEmpty();
    assertThat(openTasks(pi, "Task_SystemTesting")).hasSize(1);
  }

  @Test
  void aCancellationGoesBackThroughDeclarationAndReviewThenEndsTheProject() {
    ProcessInstance pi = start("500000", false);
    declare(pi);
    implementUpToConstruction(pi);
    assertThatThrownBy(() -> complete(pi, "Task_Construction", UNIT, "decision", "CHANGE"))
        .satisfies(GuangzhouProjectProcessTest::isRefusal);
    complete(pi, "Task_Construction", UNIT, "decision", "CHANGE", "opinion", "上级平台统一建设，本项目不再需要");
    complete(pi, "Task_ChangeApplication", UNIT, "changeType", "CANCELLATION", "changeCost", "0", "opinion", "申请撤销");
    complete(pi, "Task_VerifyChangeCost", INFO_CENTER, "verifiedChangeCost", "0", "opinion", "无新增费用");
    assertThat(processes.variable(pi, "changeType")).isEqualTo("CANCELLATION");
    declare(pi);
    assertThat(ended(pi, "Event_ProjectCancelled")).isTrue();
  }

  @Test
  void aSuspensionApprovedInReviewEndsTheProjectAsSuspended() {
    ProcessInstance pi = start("500000", false);
    declare(pi);
    implementUpToConstruction(pi);
    complete(pi, "Task_Construction", UNIT, "decision", "CHANGE", "opinion", "院区改造，暂停建设");
    complete(pi, "Task_ChangeApplication", UNIT, "changeType", "SUSPENSION", "changeCost", "0", "opinion", "申请中止");
    complete(pi, "Task_VerifyChangeCost", INFO_CENTER, "verifiedChangeCost", "0", "opinion", "无新增费用");
    declare(pi);
    assertThat(ended(pi, "Event_ProjectSuspended")).isTrue();
  }

  @Test
  void anApprovedExtensionResumesConstructionWithoutProcuringAgain() {
    ProcessInstance pi = start("500000", false);
    declare(pi);
    implementUpToConstruction(pi);
    complete(pi, "Task_Construction", UNIT, "decision", "CHANGE", "opinion", "接口厂商延期");
    complete(pi, "Task_ChangeApplication", UNIT, "changeType", "EXTENSION", "changeCost", 30000, "opinion", "延期三个月");
    complete(pi, "Task_VerifyChangeCost", INFO_CENTER, "verifiedChangeCost", "25000.00", "opinion", "核减监理费");
    assertThat(processes.variable(pi, "verifiedChangeCost")).isEqualTo("25000.00");
    declare(pi);
    assertThat(openTasks(pi, "Task_GovernmentProcurement")).isEmpty();
    assertThat(openTasks(pi, "Task_Construction")).hasSize(1);
    complete(pi, "Task_Construction", UNIT, "decision", "COMPLETED");
    complete(pi, "Task_OnSiteInspectionBeforeCloseOut", INFO_CENTER, "opinion", "符合要求");
    assertThat(openTasks(pi, "Task_SystemTesting")).hasSize(1);
  }

  @Test
  void aRejectedChangeLeavesTheProjectBuildingAsPlanned() {
    ProcessInstance pi = start("500000", false);
    declare(pi);
    implementUpToConstruction(pi);
    complete(pi, "Task_Construction", UNIT, "decision", "CHANGE", "opinion", "增加移动端");
    complete(pi, "Task_ChangeApplication", UNIT, "changeType", "CONTENT", "changeCost", "200000", "opinion", "增加移动端功能");
    complete(pi, "Task_VerifyChangeCost", INFO_CENTER, "verifiedChangeCost", "180000", "opinion", "核定 18 万元");
    declareUpToFirstReview(pi);
    complete(pi, "Task_BureauReview", BUREAU, "decision", "REJECT", "opinion", "变更内容不属于本项目范围");
    assertThat(pi).isActive();
    assertThat(openTasks(pi, "Task_Construction")).hasSize(1);
  }

  @Test
  void theStartIsCheckedOnTheServer() {
    String key = Processes.uniqueKey("GZ");
    assertThatThrownBy(() -> processes.start("guangzhou-project", key, Map.of(
        "projectName", "x", "investment", "100.001", "constructionUnit", "construction-unit", "important", false)))
        .satisfies(GuangzhouProjectProcessTest::isRefusal).hasMessageContaining("investment");
    assertThatThrownBy(() -> processes.start("guangzhou-project", key, Map.of(
        "projectName", "x", "investment", "100", "constructionUnit", "no-such-unit", "important", false)))
        .satisfies(GuangzhouProjectProcessTest::isRefusal).hasMessageContaining("no-such-unit");
    assertThatThrownBy(() -> processes.start("guangzhou-project", key, Map.of(
        "projectName", " ", "investment", "100", "constructionUnit", "construction-unit", "important", false)))
        .satisfies(GuangzhouProjectProcessTest::isRefusal).hasMessageContaining("projectName");
    assertThatThrownBy(() -> processes.start("guangzhou-project", key, Map.of(
        "projectName", "x", "investment", "100", "constructionUnit", "construction-unit", "important", "maybe")))
        .satisfies(GuangzhouProjectProcessTest::isRefusal).hasMessageContaining("important");
    ProcessInstance pi = processes.start("guangzhou-project", key, Map.of(
        "projectName", "x", "investment", 1500000, "constructionUnit", "construction-unit", "important", "true"));
    assertThat(processes.variable(pi, "investment")).isEqualTo("1500000.00");
    assertThat(processes.variable(pi, "important")).isEqualTo(true);
  }

  static String sample2027() throws java.io.IOException {
    return new String(GuangzhouProjectProcessTest.class.getResourceAsStream("/calendar/2027-sample.json").readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void aProjectStartedOn20DecemberRunsOnProvisionalDeadlinesUntilTheAdministratorLoads2027() throws Exception {
    calendarYears.remove(2027);
    calendar.refresh();
    try {
      clock("2026-12-20T10:00:00+08:00"); // 2027's notice is not loaded
      ProcessInstance pi = start("500000", false);
      declareUpToFirstReview(pi);
      Task review = processes.task(pi, "Task_BureauReview");
      Date provisional = at("2027-01-15T23:59:59+08:00"); // 20 working days with 元旦 2027 unknown: weekends alone
      assertThat(review.getDueDate()).isEqualTo(provisional);
      assertThat(timer(pi, "Event_ReviewOverdue").getDuedate()).isEqualTo(provisional);
      assertThat((String) taskService.getVariableLocal(review.getId(), "deadlineNote")).startsWith("暂定：2027 年节假日安排尚未载入");
      Rest admin = Rest.as(port, "admin");
      assertThat(admin.get("/api/projects/" + pi.getBusinessKey() + "/record").body())
          .contains("2027-01-15 23:59（暂定）").contains("暂定：2027 年");
      assertThat(Rest.anonymous(port).get("/actuator/health").body()).contains("2027 年节假日安排尚未载入");
      assertThat(admin.get("/api/admin/notices").body()).contains("CALENDAR").contains("2027 年节假日安排尚未载入");

      // a bad file is refused with the reason; nothing changes
      Rest.Response bad = admin.post("/api/admin/calendar/2027", sample2027().replace("\"2027-02-20\"", "\"2027-02-17\""));
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().get("message").asText()).contains("2027-02-17").contains("不是周六或周日");
      assertThat(Rest.as(port, BUREAU).post("/api/admin/calendar/2027", sample2027()).status()).as("not an administrator").isEqualTo(403);
      assertThat(calendar.get().covers(java.time.LocalDate.of(2027, 1, 1))).isFalse();
      assertThat(processes.task(pi, "Task_BureauReview").getDueDate()).isEqualTo(provisional);

      // the administrator loads 2027: every open deadline is counted again, and the change is on the project
      Rest.Response loaded = admin.post("/api/admin/calendar/2027", sample2027());
      assertThat(loaded.status()).as(loaded.body()).isEqualTo(200);
      assertThat(loaded.json().get("recomputedTasks").asInt()).isGreaterThanOrEqualTo(1);
      assertThat(loaded.json().get("recomputedTimers").asInt()).isGreaterThanOrEqualTo(1);
      Date exact = at("2027-01-18T23:59:59+08:00"); // 元旦 1/1 off
      review = processes.task(pi, "Task_BureauReview");
      assertThat(review.getDueDate()).isEqualTo(exact);
      assertThat(timer(pi, "Event_ReviewOverdue").getDuedate()).isEqualTo(exact);
      assertThat(runtimeService.getVariable(review.getExecutionId(), "reviewDueDate")).isEqualTo(exact);
      assertThat(taskService.getVariableLocal(review.getId(), "deadlineNote")).isNull();
      assertThat(taskService.getTaskComments(review.getId())).anyMatch(c -> c.getFullMessage().startsWith("【工作日历】已载入 2027 年")
          && c.getFullMessage().contains("2027-01-15 23:59（暂定） 重算为 2027-01-18 23:59"));
      assertThat(Rest.anonymous(port).get("/actuator/health").body()).doesNotContain("尚未载入");

      // the project runs on through January on the exact calendar
      clock("2027-01-05T09:00:00+08:00");
      complete(pi, "Task_BureauReview", BUREAU, "decision", "EXPERT_MEETING");
      Task meeting = processes.task(pi, "Task_ExpertMeeting");
      assertThat(meeting.getDueDate()).isEqualTo(exact);
      assertThat(taskService.getVariableLocal(meeting.getId(), "deadlineNote")).isNull();
    } finally {
      calendarYears.remove(2027);
      calendar.refresh();
    }
  }

  @Test
  void overRestARefusalIsA400NamingTheField() {
    Rest unit = Rest.as(port, UNIT);
    Rest.Response refused = unit.post("/engine-rest/process-definition/key/guangzhou-project/start", Map.of(
        "businessKey", Processes.uniqueKey("GZ"),
        "variables", Map.of("projectName", Map.of("value", "区域影像云"), "investment", Map.of("value", "-5"),
            "constructionUnit", Map.of("value", "construction-unit"), "important", Map.of("value", false))));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("field").asText()).isEqualTo("investment");

    String key = Processes.uniqueKey("GZ");
    Rest.Response started = unit.post("/engine-rest/process-definition/key/guangzhou-project/start", Map.of(
        "businessKey", key,
        "variables", Map.of("projectName", Map.of("value", "区域影像云"), "investment", Map.of("value", 1000000),
            "constructionUnit", Map.of("value", "construction-unit"), "important", Map.of("value", false))));
    assertThat(started.status()).isEqualTo(200);
    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processDefinitionKey("guangzhou-project")
        .processInstanceBusinessKey(key).singleResult();
    assertThat(processes.variable(pi, "investment")).isEqualTo("1000000.00");
    declareUpToFirstReview(pi);
    Task review = processes.task(pi, "Task_BureauReview");
    Rest bureau = Rest.as(port, BUREAU);
    assertThat(bureau.post("/engine-rest/task/" + review.getId() + "/claim", Map.of("userId", BUREAU)).status()).isEqualTo(204);
    Rest.Response noReason = bureau.post("/engine-rest/task/" + review.getId() + "/complete",
        Map.of("variables", Map.of("decision", Map.of("value", "REVISE"))));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().get("field").asText()).isEqualTo("opinion");
    assertThat(openTasks(pi, "Task_BureauReview")).hasSize(1);
  }
}
