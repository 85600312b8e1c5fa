package cn.healthit.approval.tianjin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Walks tianjin-project and tianjin-acceptance with the engine. The technical review panel and the
 * change request are built in other branches; TEST-ONLY stand-ins (src/test/resources/test-models)
 * are deployed here only while no real definition with their key exists.
 */
@PlatformTest
class TianjinProjectProcessTest {

  static final String REQUESTER = "yiwu"; // 医务处
  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repositoryService;
  Processes processes;

  @BeforeEach
  void setUp() {
    processes = Processes.init(engine);
  }

  // ---------------------------------------------------------------- start and tier

  private Map<String, Object> filed(String budget, String category, String department) {
    Map<String, Object> v = new HashMap<>();
    v.put("projectName", "智慧病案系统");
    v.put("budget", budget);
    v.put("category", category);
    v.put("requestingDepartment", department);
    return v;
  }

  private ProcessInstance start(Map<String, Object> variables) {
    return processes.start("tianjin-project", Processes.uniqueKey("TJ"), variables);
  }

  private ProcessInstance startSpecialized(String budget) {
    return start(filed(budget, "SPECIALIZED", "dept-medical-affairs"));
  }

  @ParameterizedTest(name = "{0} 元, complex={1}, designated={2} → {3}")
  @CsvSource({
      "499999.99, false, , GENERAL",
      "500000.00, false, , IMPORTANT",
      "500000.01, false, , IMPORTANT",
      "1999999.99, false, , IMPORTANT",
      "2000000.00, false, , MAJOR",
      "2000000.01, false, , MAJOR",
      "100000.00, true, , MAJOR",
      "100000.00, false, IMPORTANT, IMPORTANT",
      "3000000.00, false, IMPORTANT, MAJOR"})
  void theTierIsSetBeforeTheFirstUserTask(String budget, boolean complex, String designated, Tier expected) {
    Map<String, Object> v = filed(budget, "SPECIALIZED", "dept-medical-affairs");
    v.put("technicallyComplex", complex);
    v.put("designatedTier", designated);
    ProcessInstance pi = start(v);
    assertThat(pi).isWaitingAt("Task_Requirement").hasPassed("Task_DetermineTier");
    assertThat(processes.variable(pi, "tier")).isEqualTo(expected.name());
    assertThat(processes.variable(pi, "tierLabel")).isEqualTo(expected.label());
    assertThat(processes.variable(pi, "budget")).isEqualTo(budget);
    assertThat(processes.variable(pi, "projectNumber")).isEqualTo(pi.getBusinessKey());
    assertThat(processes.task(pi, "Task_Requirement").getTaskDefinitionKey()).isEqualTo("Task_Requirement");
  }

  @Test
  void aBudgetAsJsonNumberIsStoredAsCanonicalText() {
    Map<String, Object> v = filed("0", "SPECIALIZED", "dept-nursing");
    v.put("budget", 500000);
    assertThat(processes.variable(start(v), "budget")).isEqualTo("500000.00");
  }

  @Test
  void badStartVariablesAreRefusedOnTheServerNamingTheField() {
    assertRefused(() -> start(filed("-1", "SPECIALIZED", "dept-nursing")), "budget", "不能为负数");
    assertRefused(() -> start(filed("100.001", "SPECIALIZED", "dept-nursing")), "budget", "两位小数");
    assertRefused(() -> start(filed("100.00", "HOSPITAL", "dept-nursing")), "category", "项目类别");
    assertRefused(() -> start(filed("100.00", "SPECIALIZED", "dept-nowhere")), "requestingDepartment", "无效");
    // 000 §3: for 公共基础设施类 the requester is 信息处 itself
    assertRefused(() -> start(filed("100.00", "PUBLIC_INFRASTRUCTURE", "dept-nursing")), "requestingDepartment", "必须是信息处");
    Map<String, Object> noName = filed("100.00", "SPECIALIZED", "dept-nursing");
    noName.remove("projectName");
    assertRefused(() -> start(noName), "projectName", "不能为空");
    Map<String, Object> badTier = filed("100.00", "SPECIALIZED", "dept-nursing");
    badTier.put("designatedTier", "HUGE");
    assertRefused(() -> start(badTier), "designatedTier", "无效");
  }

  private static void assertRefused(Runnable action, String field, String message) {
    // a listener's refusal reaches the caller wrapped by the engine; /engine-rest unwraps it the same way
    assertThatThrownBy(action::run).satisfies(thrown -> {
      InvalidInputException refusal = refusal(thrown);
      assertThat(refusal).as("an InvalidInputException in %s", thrown).isNotNull();
      assertThat(refusal.getField()).isEqualTo(field);
      assertThat(refusal.getMessage()).contains(message);
    });
  }

  private static InvalidInputException refusal(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof InvalidInputException e) {
        return e;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- requirement to pre-review

  private void requirement(ProcessInstance pi, String requester, String acquisition, String systemType) {
    processes.complete(pi, "Task_Requirement", requester, Map.of(
        "caseHandler", "王承办", "responsiblePerson", "李责任", "requirementSummary", "病案无纸化",
        "systemType", systemType, "acquisitionType", acquisition));
    processes.complete(pi, "Task_MarketResearch", requester, Map.of(
        "vendorsSurveyed", "甲、乙、丙三家", "marketShareAndReputation", "甲占有率最高", "pocRecruitment", "PUBLIC",
        "vendorsHaveClearIp", true, "meetsNationalStandards", true));
  }

  private Map<String, Object> poc(String results) {
    return Map.of("pocEnvironment", "院内测试环境", "pocContent", "挂号与病案归档", "pocResults", results, "pocOnSite", true);
  }

  private ProcessInstance toPreReview(String acquisition, String systemType) {
    ProcessInstance pi = startSpecialized("800000.00");
    requirement(pi, REQUESTER, acquisition, systemType);
    if (acquisition.equals("PURCHASE_SOFTWARE")) {
      processes.complete(pi, "Task_PocTest", "xinxi2", poc("平均响应 0.8 秒，500 并发错误率 0%"));
      processes.complete(pi, "Task_PocConfirm", REQUESTER, Map.of("decision", "CONFIRMED"));
    } else {
      processes.complete(pi, "Task_PeerArgument", "xinxi2", Map.of("peerExperts", "三位院外专家", "technicalPlan", "微服务",
          "procurementMethod", "公开招标", "argumentBudget", "780000.00"));
    }
    processes.complete(pi, "Task_PrepareSubmission", REQUESTER, Map.of("submissionSummary", "可研报告与测试报告"));
    assertThat(pi).isWaitingAt("Task_PreReview");
    return pi;
  }

  @Test
  void boughtSoftwareNeedsAQuantifiedPocJointlyConfirmed() {
    ProcessInstance pi = startSpecialized("800000.00");
    requirement(pi, REQUESTER, "PURCHASE_SOFTWARE", "EMR");
    assertThat(pi).isWaitingAt("Task_PocTest");
    // 000 §10.3: “通过” or “满意” is not a result
    assertRefused(() -> processes.complete(pi, "Task_PocTest", "xinxi2", poc("通过")), "pocResults", "量化的数值结果");
    assertRefused(() -> processes.complete(pi, "Task_PocTest", "xinxi2", poc("1. 满意")), "pocResults", "量化的数值结果");
    assertThat(pi).isWaitingAt("Task_PocTest");
    processes.complete(pi, "Task_PocTest", "xinxi2", poc("平均响应 0.8 秒"));
    assertThat(processes.variable(pi, "pocConfirmedByItDivision")).isEqualTo("xinxi2");
    // the requester sends it back once (opinion required), then confirms
    assertRefused(() -> processes.complete(pi, "Task_PocConfirm", REQUESTER, Map.of("decision", "RETURNED")), "opinion", "不能为空");
    processes.complete(pi, "Task_PocConfirm", REQUESTER, Map.of("decision", "RETURNED", "opinion", "请补充并发测试"));
    assertThat(pi).isWaitingAt("Task_PocTest");
    processes.complete(pi, "Task_PocTest", "xinxi2", poc("平均响应 0.8 秒，500 并发错误率 0%"));
    processes.complete(pi, "Task_PocConfirm", REQUESTER, Map.of("decision", "CONFIRMED"));
    assertThat(processes.variable(pi, "pocConfirmedByRequester")).isEqualTo(REQUESTER);
    assertThat(pi).isWaitingAt("Task_PrepareSubmission").hasNotPassed("Task_PeerArgument");
  }

  @Test
  void marketResearchRefusesVendorsWithoutClearIp() {
    ProcessInstance pi = startSpecialized("800000.00");
    processes.complete(pi, "Task_Requirement", REQUESTER, Map.of("caseHandler", "王承办", "responsiblePerson", "李责任",
        "requirementSummary", "x", "systemType", "EMR", "acquisitionType", "PURCHASE_SOFTWARE"));
    assertThat(processes.variable(pi, "caseHandler")).isEqualTo("王承办");
    assertRefused(() -> processes.complete(pi, "Task_MarketResearch", REQUESTER, Map.of("vendorsSurveyed", "甲",
        "marketShareAndReputation", "好", "vendorsHaveClearIp", false, "meetsNationalStandards", true)), "vendorsHaveClearIp", "知识产权");
  }

  @Test
  void softwareDevelopmentTakesThePeerArgumentPath() {
    ProcessInstance pi = toPreReview("SOFTWARE_DEVELOPMENT", "OA");
    assertThat(pi).hasPassed("Task_PeerArgument").hasNotPassed("Task_PocTest");
    assertThat(processes.variable(pi, "argumentBudget")).isEqualTo("780000.00");
  }

  @Test
  void preReviewShowsProjectsForTheSameSystemTypeAndCanSendBack() {
    ProcessInstance first = toPreReview("PURCHASE_SOFTWARE", "PACS");
    ProcessInstance second = toPreReview("PURCHASE_SOFTWARE", "PACS");
    assertThat((String) processes.variable(second, "similarProjects")).contains(first.getBusinessKey()).contains("进行中");
    // the projects other tests left in the database count too: the second sees what the first saw, and the first
    int seenByFirst = (Integer) processes.variable(first, "similarProjectCount");
    assertThat(processes.variable(second, "similarProjectCount")).isEqualTo(Math.min(seenByFirst + 1, TianjinSimilarSystemsDelegate.LIMIT));
    assertThat((String) processes.variable(first, "similarProjects")).doesNotContain(second.getBusinessKey());

    assertRefused(() -> processes.complete(second, "Task_PreReview", "zhiyi", Map.of("decision", "APPROVED")), "duplicateChecked", "重复建设");
    processes.complete(second, "Task_PreReview", "zhiyi", Map.of("decision", "RETURNED", "opinion", "与在建PACS项目重复"));
    assertThat(second).isWaitingAt("Task_Requirement");
  }

  // ---------------------------------------------------------------- outcome routing 000 §11.三

  private ProcessInstance toTechnicalReview(ProcessInstance pi) {
    processes.complete(pi, "Task_PreReview", "zhiyi", Map.of("decision", "APPROVED", "duplicateChecked", true));
    assertThat(pi).isWaitingAt("Call_TechnicalReview");
    return pi;
  }

  /** Walks the real five-person panel (tianjin-technical-review) to a unanimous {@code outcome}. */
  private void review(ProcessInstance pi, String outcome) {
    ProcessInstance panel = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId())
        .processDefinitionKey("tianjin-technical-review").singleResult();
    processes.convenePanel(panel);
    for (org.camunda.bpm.engine.task.Task task;
        (task = engine.getTaskService().createTaskQuery().processInstanceId(panel.getId()).listPage(0, 1)
            .stream().findFirst().orElse(null)) != null; ) {
      switch (task.getTaskDefinitionKey()) {
        case "Task_Review" -> processes.complete(task, task.getAssignee(), Map.of("decision", outcome, "opinion", "评审意见"));
        case "Task_Sign" -> processes.complete(task, task.getAssignee(), Map.of("signed", true));
        default -> throw new AssertionError("unexpected panel task " + task.getTaskDefinitionKey());
      }
    }
  }

  @Test
  void rejectedByThePanelGoesBackToTheRequirementKeepingTheEvaluation() {
    ProcessInstance pi = toTechnicalReview(toPreReview("PURCHASE_SOFTWARE", "LIS"));
    review(pi, "REJECTED");
    assertThat(pi).isWaitingAt("Task_Requirement");
    assertThat((String) processes.variable(pi, "technicalEvaluation")).contains("技术评价结果").contains("结论（一致意见）：不通过");
    assertThat(processes.variable(pi, "pocResults")).isEqualTo("平均响应 0.8 秒，500 并发错误率 0%");
    // the second round starts over and reaches the panel again
    requirement(pi, REQUESTER, "SOFTWARE_DEVELOPMENT", "LIS");
    processes.complete(pi, "Task_PeerArgument", "xinxi2", Map.of("peerExperts", "专家", "technicalPlan", "方案",
        "procurementMethod", "公开招标", "argumentBudget", "700000.00"));
    processes.complete(pi, "Task_PrepareSubmission", REQUESTER, Map.of("submissionSummary", "补充后的材料"));
    toTechnicalReview(pi);
  }

  @Test
  void approvedAfterSupplementIsCheckedByTheOfficeAgainstTheExpertsThenDecided() {
    ProcessInstance pi = toTechnicalReview(toPreReview("PURCHASE_SOFTWARE", "NURSING"));
    review(pi, "APPROVED_AFTER_SUPPLEMENT");
    assertThat(pi).isWaitingAt("Task_Supplement").hasNotPassed("Task_CommitteeArgument");
    processes.complete(pi, "Task_Supplement", REQUESTER, Map.of("supplementDescription", "补充数据安全方案"));
    processes.complete(pi, "Task_OfficeCheckSupplement", "weiban", Map.of("decision", "RETURNED", "opinion", "未回应第3条意见"));
    assertThat(pi).isWaitingAt("Task_Supplement");
    processes.complete(pi, "Task_Supplement", REQUESTER, Map.of("supplementDescription", "已回应全部意见"));
    processes.complete(pi, "Task_OfficeCheckSupplement", "weiban", Map.of("decision", "PASSED"));
    assertThat(pi).isWaitingAt("Task_DecisionBody");
    processes.complete(pi, "Task_DecisionBody", "juece", Map.of("decision", "REJECTED", "opinion", "年度资金不足"));
    assertThat(pi).isEnded().hasPassed("End_NotApproved");
  }

  @Test
  void committeeRejectionGoesBackToTheRequirement() {
    ProcessInstance pi = toTechnicalReview(toPreReview("PURCHASE_SOFTWARE", "PHARMACY"));
    review(pi, "APPROVED");
    processes.complete(pi, "Task_CommitteeArgument", "weiyuan", Map.of("decision", "REJECTED", "opinion", "不符合总体规划"));
    assertThat(pi).isWaitingAt("Task_Requirement");
  }

  // ---------------------------------------------------------------- approved → budget → procurement → deployment

  private ProcessInstance toDeployment(ProcessInstance pi, String requester, String procurementBy, String executor) {
    review(pi, "APPROVED");
    processes.complete(pi, "Task_CommitteeArgument", "weiyuan", Map.of("decision", "APPROVED"));
    processes.complete(pi, "Task_CommitteeOfficeSubmit", "weiban", Map.of());
    processes.complete(pi, "Task_DecisionBody", "juece", Map.of("decision", "APPROVED"));
    processes.complete(pi, "Task_BudgetDeclaration", requester, Map.of("declaredBudget", "800000.00"));
    processes.complete(pi, "Task_DeptHeadBudgetReview", requester, Map.of("decision", "APPROVED"));
    processes.complete(pi, "Task_VicePresidentBudgetReview", "fenguan", Map.of("decision", "APPROVED"));
    processes.complete(pi, "Task_BudgetConsolidation", "xinxi", Map.of("budgetDrafts", "三项草案", "filedWithSmartHospitalOffice", true));
    processes.complete(pi, "Task_ProcurementPlan", "xinxi", Map.of("procurementPlan", "2027年度计划"));
    processes.complete(pi, "Task_ProcurementOfficeReview", "caigou", Map.of());
    processes.complete(pi, "Task_ProcurementPlanApproval", "yuanzhang", Map.of("procurementPlanApproved", true));
    processes.complete(pi, "Task_PurchaseRequest", requester, Map.of("purchaseRequestNumber", "CG-001"));
    processes.complete(pi, "Task_ProcurementExecution", procurementBy, Map.of("procurementExecutor", executor,
        "procurementParticipants", "caigou"));
    processes.complete(pi, "Task_Contract", "hetong", Map.of("contractNumber", "HT-1", "vendorName", "甲公司",
        "contractAmount", "780000.00", "supervisionUsed", true));
    processes.complete(pi, "Task_AssignImplementer", "xinxi", Map.of("implementer", "xinxi2"));
    processes.complete(pi, "Task_NameCounterpart", requester, Map.of("counterpart", requester));
    assertThat(pi).isWaitingAt("Task_Deployment");
    return pi;
  }

  @Test
  void budgetReturnsLoopBackToTheDeclaration() {
    ProcessInstance pi = toTechnicalReview(toPreReview("PURCHASE_SOFTWARE", "HIS"));
    review(pi, "APPROVED");
    processes.complete(pi, "Task_CommitteeArgument", "weiyuan", Map.of("decision", "APPROVED"));
    processes.complete(pi, "Task_CommitteeOfficeSubmit", "weiban", Map.of());
    processes.complete(pi, "Task_DecisionBody", "juece", Map.of("decision", "APPROVED"));
    assertRefused(() -> processes.complete(pi, "Task_BudgetDeclaration", REQUESTER, Map.of("declaredBudget", "1.234")), "declaredBudget", "两位小数");
    processes.complete(pi, "Task_BudgetDeclaration", REQUESTER, Map.of("declaredBudget", "800000"));
    assertThat(processes.variable(pi, "declaredBudget")).isEqualTo("800000.00");
    processes.complete(pi, "Task_DeptHeadBudgetReview", REQUESTER, Map.of("decision", "RETURNED", "opinion", "压缩预算"));
    processes.complete(pi, "Task_BudgetDeclaration", REQUESTER, Map.of("declaredBudget", "750000.00"));
    processes.complete(pi, "Task_DeptHeadBudgetReview", REQUESTER, Map.of("decision", "APPROVED"));
    processes.complete(pi, "Task_VicePresidentBudgetReview", "fenguan", Map.of("decision", "RETURNED", "opinion", "分年度实施"));
    assertThat(pi).isWaitingAt("Task_BudgetDeclaration");
  }

  @Test
  void procurementRecordsWhoTookPartAndTheImplementerMustBeFromItDivision() {
    ProcessInstance pi = toDeployment(toTechnicalReview(toPreReview("PURCHASE_SOFTWARE", "FINANCE_HR")),
        REQUESTER, "xinxi2", "IT_DIVISION");
    assertThat(processes.variable(pi, "procurementParticipants")).isEqualTo("caigou,xinxi2");
    assertThat(processes.variable(pi, "separationOfDutiesApplies")).isEqualTo(false);
    assertThat(processes.variable(pi, "implementer")).isEqualTo("xinxi2");
    assertThat(processes.variable(pi, "contractAmount")).isEqualTo("780000.00");
  }

  @Test
  void theChangeLoopCallsTheChangeRequestAndReturnsToDeployment() {
    ProcessInstance pi = toDeployment(toTechnicalReview(toPreReview("PURCHASE_SOFTWARE", "OTHER")),
        REQUESTER, "xinxi2", "IT_DIVISION");
    processes.complete(pi, "Task_Deployment", "xinxi2", Map.of("deploymentSummary", "部署中", "decision", "RAISE_CHANGE",
        "opinion", "增加接口"));
    assertThat(pi).isWaitingAt("Call_ChangeRequest");
    ProcessInstance change = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult();
    assertThat(change.getBusinessKey()).isEqualTo(pi.getBusinessKey());
    assertThat(engine.getRuntimeService().getVariable(change.getId(), "projectNumber")).isEqualTo(pi.getBusinessKey());
    assertThat(engine.getRuntimeService().getVariable(change.getId(), "contractAmount")).isEqualTo("780000.00");
    assertThat(engine.getRuntimeService().getVariable(change.getId(), "governmentFunded")).isEqualTo(false);
    processes.complete(change, "Task_FileRequest", "gongying", Map.of("requestSource", "VENDOR", "reason", "增加接口",
        "plan", "开发 2 个接口", "workload", "20 人日", "costEstimate", "50000.00"));
    processes.complete(change, "Task_ItReview", "xinxi", Map.of("proposedCost", "50000.00",
        "designStandardKept", true, "withinContract", true, "opinion", "单价合理"));
    processes.complete(change, "Task_OfficeApproval", "zhiyi", Map.of("decision", "APPROVE", "opinion", "同意"));
    assertThat(pi).isWaitingAt("Task_Deployment");
    assertThat(engine.getTaskService().getVariable(processes.task(pi, "Task_Deployment").getId(), "changeSummary").toString())
        .contains("50000.00");
  }

  // ---------------------------------------------------------------- acceptance 000 §16

  private ProcessInstance toAcceptance(String requester, String department, String category, String procurementBy,
      String executor, boolean supervision) {
    ProcessInstance pi = start(filed("800000.00", category, department));
    requirement(pi, requester, "PURCHASE_SOFTWARE", "INFRASTRUCTURE");
    processes.complete(pi, "Task_PocTest", "xinxi2", poc("吞吐量 3000 笔/分钟"));
    processes.complete(pi, "Task_PocConfirm", requester, Map.of("decision", "CONFIRMED"));
    processes.complete(pi, "Task_PrepareSubmission", requester, Map.of("submissionSummary", "材料"));
    toTechnicalReview(pi);
    toDeployment(pi, requester, procurementBy, executor);
    if (!supervision) {
      engine.getRuntimeService().setVariable(pi.getId(), "supervisionUsed", false);
    }
    processes.complete(pi, "Task_Deployment", "xinxi2", Map.of("deploymentSummary", "已上线", "decision", "DONE"));
    assertThat(pi).isWaitingAt("Call_Acceptance");
    return pi;
  }

  private ProcessInstance acceptance(ProcessInstance pi) {
    return engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult();
  }

  private void readinessAndSelfCheck(ProcessInstance pi, String itUser) {
    processes.complete(pi, "Task_Readiness", itUser, Map.of("readinessBuildAndTests", true, "readinessSecurityFixed", true,
        "readinessMaterials", true, "readinessAssetOwnership", true));
    processes.complete(pi, "Task_VendorSelfCheck", "gongying", Map.of("selfCheckConsistency", true, "selfCheckEquipment", true,
        "selfCheckSecurity", true, "selfCheckBaseSoftware", true, "selfCheckReport", "自查无问题"));
  }

  private Map<String, Object> catalogue(boolean complete) {
    Map<String, Object> v = new HashMap<>();
    v.put("trialRunUserReport", "试运行三个月，用户满意度 92%");
    DeliverablesRule.SOFTWARE.keySet().forEach(k -> v.put(k, true));
    v.put("hasHardware", true);
    v.put("deliverableHardwareBarcodes", true);
    v.put("deliverableSitePhotos", complete);
    return v;
  }

  @Test
  void fullLifecycleWithSupervisorRectificationTrialRunAndRefusedIncompleteFinalAcceptance() {
    ProcessInstance pi = toAcceptance(REQUESTER, "dept-medical-affairs", "SPECIALIZED", "xinxi2", "IT_DIVISION", true);
    ProcessInstance sub = acceptance(pi);
    assertThat(sub.getBusinessKey()).isEqualTo(pi.getBusinessKey());
    assertRefused(() -> processes.complete(pi, "Task_Readiness", "xinxi", Map.of("readinessBuildAndTests", true,
        "readinessSecurityFixed", false, "readinessMaterials", true, "readinessAssetOwnership", true)), "readinessSecurityFixed", "安全检测");
    readinessAndSelfCheck(pi, "xinxi");
    assertThat(sub).isWaitingAt("Task_InitialWithSupervisor");
    assertRefused(() -> processes.complete(pi, "Task_InitialWithSupervisor", "jianli", Map.of("decision", "RECTIFY", "opinion", "有问题")),
        "rectificationList", "问题整改清单");
    processes.complete(pi, "Task_InitialWithSupervisor", "jianli", Map.of("decision", "RECTIFY", "opinion", "两项缺陷",
        "rectificationList", "1. 报表导出乱码 2. 日志缺失"));
    processes.complete(pi, "Task_Rectification", "gongying", Map.of("rectificationResult", "两项均已修复"));
    assertThat(sub).isWaitingAt("Task_InitialWithSupervisor");
    processes.complete(pi, "Task_InitialWithSupervisor", "xinxi", Map.of("decision", "PASSED"));
    processes.complete(pi, "Task_FileInitialOpinion", "xinxi", Map.of("initialAcceptanceOpinion", "通过初验", "initialOpinionFiled", true));

    // trial run: at least three calendar months; final acceptance cannot be applied for earlier
    assertThat(sub).isWaitingAt("Event_TrialRunElapsed");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey())
        .taskDefinitionKey("Task_ApplyFinalAcceptance").count()).isZero();
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(sub.getId()).timers().singleResult();
    LocalDate due = timer.getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
    assertThat(due).isAfterOrEqualTo(LocalDate.now().plusMonths(3)).isBefore(LocalDate.now().plusMonths(3).plusDays(2));
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(sub.getId()).executable().count()).isZero();
    assertThat(engine.getRuntimeService().getVariable(sub.getId(), "trialRunEndsOn")).isEqualTo(due.toString());
    engine.getManagementService().executeJob(timer.getId());
    assertThat(sub).isWaitingAt("Task_ApplyFinalAcceptance");

    // an incomplete catalogue: 智医办 cannot accept, only refuse
    processes.complete(pi, "Task_ApplyFinalAcceptance", "xinxi", catalogue(false));
    assertRefused(() -> processes.complete(pi, "Task_FinalAcceptance", "zhiyi", Map.of("decision", "ACCEPTED", "expertGroup", "五位专家")),
        "decision", "与条形码对应的现场图片");
    assertThat(sub).isWaitingAt("Task_FinalAcceptance");
    processes.complete(pi, "Task_FinalAcceptance", "zhiyi", Map.of("decision", "REFUSED", "opinion", "缺现场图片"));
    processes.complete(pi, "Task_ApplyFinalAcceptance", "xinxi", catalogue(true));
    processes.complete(pi, "Task_FinalAcceptance", "zhiyi", Map.of("decision", "ACCEPTED", "expertGroup", "五位专家"));
    assertThat(sub).isEnded().hasPassed("End_Accepted");

    processes.complete(pi, "Task_Training", "xinxi", Map.of("trainingSummary", "培训 3 场", "promotionSummary", "全院推广"));
    assertRefused(() -> processes.complete(pi, "Task_VendorEvaluation", "xinxi", Map.of("vendorScore", 101, "vendorComment", "好")),
        "vendorScore", "0 到 100");
    processes.complete(pi, "Task_VendorEvaluation", "xinxi", Map.of("vendorScore", 100, "vendorComment", "响应及时"));
    assertThat(pi).isEnded().hasPassed("End_Completed");
    List<String> kept = List.of("vendorScore", "vendorComment");
    kept.forEach(name -> assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(pi.getId()).variableName(name).count()).isEqualTo(1));
  }

  @Test
  void withoutASupervisorTheUserDepartmentsTakePartInInitialAcceptance() {
    ProcessInstance pi = toAcceptance(REQUESTER, "dept-medical-affairs", "SPECIALIZED", "xinxi2", "IT_DIVISION", false);
    readinessAndSelfCheck(pi, "xinxi");
    assertThat(acceptance(pi)).isWaitingAt("Task_InitialWithUsers");
    assertRefused(() -> processes.complete(pi, "Task_InitialWithUsers", "xinxi", Map.of("decision", "PASSED")), "userDepartments", "使用部门");
    processes.complete(pi, "Task_InitialWithUsers", "xinxi", Map.of("decision", "PASSED", "userDepartments", "医务处、护理部"));
    assertThat(acceptance(pi)).isWaitingAt("Task_FileInitialOpinion");
  }

  @Test
  void whereTheRequesterAlsoRanProcurementAParticipantMayNotCompleteAnAcceptanceTask() {
    // 公共基础设施类: 信息处 is requester and procurement executor at once
    ProcessInstance pi = toAcceptance("xinxi", "it-division", "PUBLIC_INFRASTRUCTURE", "xinxi2", "IT_DIVISION", false);
    assertThat(processes.variable(pi, "separationOfDutiesApplies")).isEqualTo(true);
    Map<String, Object> ready = Map.of("readinessBuildAndTests", true, "readinessSecurityFixed", true,
        "readinessMaterials", true, "readinessAssetOwnership", true);
    assertRefused(() -> processes.complete(pi, "Task_Readiness", "xinxi2", ready), "assignee", "不得办理验收任务");
    assertThat(acceptance(pi)).isWaitingAt("Task_Readiness");
    // someone who did not take part may
    engine.getTaskService().setAssignee(processes.task(pi, "Task_Readiness").getId(), null);
    processes.complete(pi, "Task_Readiness", "xinxi", ready);
    assertThat(acceptance(pi)).isWaitingAt("Task_VendorSelfCheck");
  }

  @Test
  void whenItDivisionRanProcurementForAnotherDepartmentItsBuyersMayStillAccept() {
    ProcessInstance pi = toAcceptance(REQUESTER, "dept-medical-affairs", "SPECIALIZED", "xinxi2", "IT_DIVISION", true);
    processes.complete(pi, "Task_Readiness", "xinxi2", Map.of("readinessBuildAndTests", true, "readinessSecurityFixed", true,
        "readinessMaterials", true, "readinessAssetOwnership", true));
    assertThat(acceptance(pi)).isWaitingAt("Task_VendorSelfCheck");
  }
}
