package cn.healthit.approval.guangzhou;

import cn.healthit.approval.input.Inputs;
import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.money.Money;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What each Guangzhou task must carry when it is completed — the server-side twin of its form
 * (forms validate only in the browser). Returns the values to store back in canonical form
 * (decisions upper-case, amounts as "500000.00"); throws {@link InvalidInputException} naming the field.
 */
public final class TaskRules {

  /** A decision field: the values a task allows, and those that need a written reason. */
  record Decision(String field, String label, List<String> allowed, Set<String> needReason) {}

  private static final Map<String, Decision> DECISIONS = Map.ofEntries(
      // 001 §1.3/§1.8: 审核意见；视情况召开专家评审会
      Map.entry("Task_BureauReview", decision("PASS", "REVISE", "REJECT", "EXPERT_MEETING").reasonFor("REVISE", "REJECT")),
      // 001 §1.5: 审核后发出项目建设任务书
      Map.entry("Task_AuthorityPlanReview", decision("ISSUE_TASK_BOOK", "REJECT").reasonFor("REJECT")),
      // 001 §1.10
      Map.entry("Task_AuthorityConstructionPlanReview", decision("APPROVE", "REJECT").reasonFor("REJECT")),
      // 001 §2.6: 变更、延期、中止、撤销
      Map.entry("Task_Construction", decision("COMPLETED", "CHANGE").reasonFor("CHANGE")),
      // 001 §3.2(2)(3): 用户测试，修改后再次测试直至符合要求
      Map.entry("Task_UserTesting", decision("PASS", "FIX").reasonFor("FIX")),
      // 001 §3.2(7)
      Map.entry("Task_InitialAcceptanceMeeting", decision("PASS", "RECTIFY").reasonFor("RECTIFY")),
      // 001 §3.3(4)
      Map.entry("Task_TrialRunFeedback", decision("MEETS_REQUIREMENTS", "FIX").reasonFor("FIX")),
      // 001 §3.4(3)(4)
      Map.entry("Task_SelfOrganisedFinalAcceptance", decision("PASS", "FAIL").reasonFor("FAIL")),
      Map.entry("Task_AuthorityFinalAcceptance", decision("PASS", "FAIL").reasonFor("FAIL")),
      Map.entry("Task_FinanceFinalAcceptance",
          new Decision("financeDecision", "财政验收意见", List.of("PASS", "FAIL"), Set.of("FAIL"))),
      // 001 §4.1: 确定纳入绩效评价范围的项目
      Map.entry("Task_FinancePerformanceScope", decision("IN_SCOPE", "NOT_IN_SCOPE").reasonFor()));

  /** Tasks whose written opinion is the work itself (a pre-review, a meeting's conclusion, a chase). */
  private static final Set<String> OPINION_REQUIRED = Set.of(
      "Task_ConsolidatePlans", "Task_TechnicalReview", "Task_ExpertMeeting", "Task_EscalateOverdueReview",
      "Task_OnSiteInspection", "Task_OnSiteInspectionBeforeCloseOut", "Task_ChaseQuarterlyReport",
      "Task_QuarterlyProgressReport", "Task_ChangeApplication", "Task_VerifyChangeCost",
      "Task_BureauAssessmentAndAudit", "Task_FinancePerformanceEvaluation");

  /** 001 §3.4(1): the signed and stamped materials for the final acceptance. */
  public static final Map<String, String> FINAL_ACCEPTANCE_MATERIALS = materials();

  private TaskRules() {}

  private static Map<String, String> materials() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("materialSummary", "项目概要");
    m.put("materialTestReport", "测试报告");
    m.put("materialInitialAcceptanceOpinion", "初步验收意见");
    m.put("materialTrialRunReport", "试运行报告");
    m.put("materialUserOpinion", "用户意见书");
    m.put("materialSupervisionReport", "监理工作报告");
    m.put("materialFinalAccounts", "财务决算报告");
    m.put("materialsSignedAndStamped", "所有材料已签字、盖章、审核");
    return m;
  }

  private static DecisionBuilder decision(String... allowed) {
    return new DecisionBuilder(List.of(allowed));
  }

  private record DecisionBuilder(List<String> allowed) {
    Decision reasonFor(String... values) {
      return new Decision("decision", "审核结论", allowed, Set.of(values));
    }
  }

  /** The decision values a task allows (empty when the task decides nothing). */
  public static List<String> allowedDecisions(String taskKey) {
    Decision d = DECISIONS.get(taskKey);
    return d == null ? List.of() : d.allowed();
  }

  /**
   * Checks the variables a task is completed with.
   *
   * @param taskKey   the task definition key
   * @param variable  the task's variables (completion values over the process's)
   * @param important whether the project is important (001 §3.2(1))
   * @return canonical values to store back
   */
  public static Map<String, Object> check(String taskKey, Function<String, Object> variable, boolean important) {
    Map<String, Object> out = new LinkedHashMap<>();
    String opinion = Inputs.optionalText(variable.apply("opinion"));
    Decision d = DECISIONS.get(taskKey);
    if (d != null) {
      String value = Inputs.requireText(d.field(), d.label(), variable.apply(d.field())).toUpperCase(java.util.Locale.ROOT);
      if (!d.allowed().contains(value)) {
        throw new InvalidInputException(d.field(), Inputs.describe(d.field(), d.label()) + "的取值“" + value
            + "”无效，可选：" + String.join("、", d.allowed()));
      }
      if (d.needReason().contains(value) && opinion == null) {
        throw new InvalidInputException("opinion", "退回、不通过或需修改时，必须填写审批意见（opinion），说明理由");
      }
      out.put(d.field(), value);
    }
    if (OPINION_REQUIRED.contains(taskKey) && opinion == null) {
      throw new InvalidInputException("opinion", "请填写办理说明（opinion）");
    }
    switch (taskKey) {
      case "Task_FillPlanDeclaration" -> {
        // 001 §1.1: 确定项目负责人，填写申报表及前三年建设情况，经单位盖章确认
        Inputs.requireText("projectLeader", "项目负责人", variable.apply("projectLeader"));
        Inputs.requireText("previousProjects", "前三年广州市财政投资信息化项目建设情况", variable.apply("previousProjects"));
        Inputs.requireTrue("stamped", "单位盖章确认",
            Inputs.requireBoolean("stamped", "单位盖章确认", variable.apply("stamped")), "：申报表须经单位盖章确认后报送");
      }
      case "Task_AuthorityPlanReview" -> {
        if ("ISSUE_TASK_BOOK".equals(out.get("decision"))) {
          Inputs.requireText("taskBookNumber", "项目建设任务书文号", variable.apply("taskBookNumber"));
        }
      }
      case "Task_AuthorityConstructionPlanReview" -> {
        if ("APPROVE".equals(out.get("decision"))) {
          // 001 §1.10/§1.12: 审核意见中的资金使用意见，卫生行政主管部门据此安排预算
          out.put("approvedFunds", Money.format(Money.parse("approvedFunds", "资金使用意见（核定金额）", variable.apply("approvedFunds"))));
        }
      }
      case "Task_ArrangeBudget" ->
          out.put("annualBudget", Money.format(Money.parse("annualBudget", "年度财政预算", variable.apply("annualBudget"))));
      case "Task_ChangeApplication" -> {
        ChangeType type = Inputs.requireEnum("changeType", "变更类型", variable.apply("changeType"), ChangeType.class);
        if (type == ChangeType.NONE) {
          throw new InvalidInputException("changeType", "变更类型（changeType）请选择变更内容、延期、中止或撤销");
        }
        out.put("changeType", type.name());
        out.put("changeCost", Money.format(Money.parse("changeCost", "变更费用", variable.apply("changeCost"))));
      }
      case "Task_VerifyChangeCost" ->
          // 001 §2.6: 严格审查和核定变更费用
          out.put("verifiedChangeCost", Money.format(Money.parse("verifiedChangeCost", "核定变更费用", variable.apply("verifiedChangeCost"))));
      case "Task_QuarterlyProgressReport" ->
          out.put("progressPercent", Inputs.requireWholeNumber("progressPercent", "累计完成进度（%）", variable.apply("progressPercent"), 0, 100));
      case "Task_SystemTesting" -> {
        // 001 §3.2(1): 软件测评和信息安全测评；重要项目由具有测评资质的第三方机构完成
        Inputs.requireTrue("softwareTestingDone", "软件测评",
            Inputs.requireBoolean("softwareTestingDone", "软件测评", variable.apply("softwareTestingDone")), "尚未完成");
        Inputs.requireTrue("securityTestingDone", "信息安全测评",
            Inputs.requireBoolean("securityTestingDone", "信息安全测评", variable.apply("securityTestingDone")), "尚未完成");
        Inputs.requireText("testingAgency", "测评机构", variable.apply("testingAgency"));
        boolean qualified = Inputs.optionalBoolean("qualifiedThirdParty", "具有测评资质的第三方机构", variable.apply("qualifiedThirdParty"), false);
        if (important && !qualified) {
          throw new InvalidInputException("qualifiedThirdParty",
              "重要项目的测评须由具有测评资质的第三方机构完成（001 §3.2(1)），请确认测评机构的资质");
        }
        out.put("qualifiedThirdParty", qualified);
      }
      case "Task_TrainUsers" ->
          out.put("trainedUsers", Inputs.requireWholeNumber("trainedUsers", "培训人数", variable.apply("trainedUsers"), 1, 100_000));
      case "Task_PrepareFinalAcceptanceMaterials" -> {
        for (Map.Entry<String, String> m : FINAL_ACCEPTANCE_MATERIALS.entrySet()) {
          Inputs.requireTrue(m.getKey(), m.getValue(),
              Inputs.optionalBoolean(m.getKey(), m.getValue(), variable.apply(m.getKey()), false),
              "尚未齐备：竣工验收材料须齐全并签字、盖章、审核（001 §3.4(1)）");
        }
      }
      case "Task_SelfOrganisedFinalAcceptance" ->
          // 001 §3.4(3): 邀请市卫生信息中心参加，各方共同签字
          Inputs.requireText("infoCenterAttendees", "市卫生信息中心参会人员", variable.apply("infoCenterAttendees"));
      default -> { }
    }
    return out;
  }
}
