package cn.healthit.approval.tianjin;

import cn.healthit.approval.input.Values;
import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.input.Inputs;
import cn.healthit.approval.money.Money;
import cn.healthit.approval.tianjin.SeparationOfDutiesRule.ProcurementExecutor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The server-side twin of every Tianjin form: on completion, checks what the form checked in the
 * browser (and the rules behind it) and stores values canonically. A refusal rolls the completion back.
 */
@Component("tianjinTaskCheck")
public class TianjinTaskCheck implements TaskListener {

  /** Decision tasks: allowed values; the first is the positive one, the others need an opinion. */
  static final Map<String, List<String>> DECISIONS = Map.ofEntries(
      Map.entry("Task_PocConfirm", List.of("CONFIRMED", "RETURNED")),
      Map.entry("Task_PreReview", List.of("APPROVED", "RETURNED")),
      Map.entry("Task_CommitteeArgument", List.of("APPROVED", "REJECTED")),
      Map.entry("Task_OfficeCheckSupplement", List.of("PASSED", "RETURNED")),
      Map.entry("Task_DecisionBody", List.of("APPROVED", "REJECTED")),
      Map.entry("Task_DeptHeadBudgetReview", List.of("APPROVED", "RETURNED")),
      Map.entry("Task_VicePresidentBudgetReview", List.of("APPROVED", "RETURNED")),
      Map.entry("Task_Deployment", List.of("DONE", "RAISE_CHANGE")),
      Map.entry("Task_InitialWithSupervisor", List.of("PASSED", "RECTIFY")),
      Map.entry("Task_InitialWithUsers", List.of("PASSED", "RECTIFY")),
      Map.entry("Task_FinalAcceptance", List.of("ACCEPTED", "REFUSED")));

  /** 000 §10: the kinds of system, so that duplicates can be found (不允许重复建设). */
  public enum SystemType { HIS, EMR, LIS, PACS, NURSING, PHARMACY, OA, FINANCE_HR, NETWORK_SECURITY, INFRASTRUCTURE, OTHER }

  public enum AcquisitionType { PURCHASE_SOFTWARE, SOFTWARE_DEVELOPMENT }

  public enum PocRecruitment { PUBLIC, ARGUMENT }

  private final IdentityService identityService;

  public TianjinTaskCheck(@org.springframework.context.annotation.Lazy IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateTask task) {
    String key = task.getTaskDefinitionKey();
    List<String> decisions = DECISIONS.get(key);
    if (decisions != null) {
      checkDecision(task, decisions);
    }
    switch (key) {
      case "Task_Requirement" -> {
        text(task, "caseHandler", "承办人");
        text(task, "responsiblePerson", "责任人");
        text(task, "requirementSummary", "需求概要");
        task.setVariable("systemType", Inputs.requireEnum("systemType", "系统类型", task.getVariable("systemType"), SystemType.class).name());
        task.setVariable("acquisitionType",
            Inputs.requireEnum("acquisitionType", "建设方式", task.getVariable("acquisitionType"), AcquisitionType.class).name());
      }
      case "Task_MarketResearch" -> {
        text(task, "vendorsSurveyed", "调研厂商");
        text(task, "marketShareAndReputation", "市场占有率与用户口碑");
        Inputs.optionalEnum("pocRecruitment", "验证性测试厂商招募方式", task.getVariable("pocRecruitment"), PocRecruitment.class);
        // 000 §10.2: 厂商必须具有清晰的知识产权、产品必须满足国家的强制技术标准
        checked(task, "vendorsHaveClearIp", "厂商具有清晰的知识产权", "必须确认后才能继续（第十条第2款）");
        checked(task, "meetsNationalStandards", "产品满足国家强制技术标准", "必须确认后才能继续（第十条第2款）");
      }
      case "Task_PocTest" -> {
        text(task, "pocEnvironment", "测试环境");
        text(task, "pocContent", "测试内容");
        task.setVariable("pocResults", PocResultRule.require("pocResults", "测试结果", task.getVariable("pocResults")));
        checked(task, "pocOnSite", "在医院技术环境中实测（非PPT讲解）", "必须确认，不允许以PPT讲解代替验证性测试（第十条第3款）");
        task.setVariable("pocConfirmedByItDivision", currentUser(task));
      }
      case "Task_PocConfirm" -> {
        if ("CONFIRMED".equals(task.getVariable("decision"))) {
          // the report must still be quantified when the requester confirms it
          PocResultRule.require("pocResults", "测试结果", task.getVariable("pocResults"));
          task.setVariable("pocConfirmedByRequester", currentUser(task));
        }
      }
      case "Task_PeerArgument" -> {
        text(task, "peerExperts", "评议专家");
        text(task, "technicalPlan", "技术方案");
        text(task, "procurementMethod", "采购方式");
        task.setVariable("argumentBudget", Money.format(Money.parse("argumentBudget", "评议确定的预算", task.getVariable("argumentBudget"))));
      }
      case "Task_PrepareSubmission" -> text(task, "submissionSummary", "前置审核材料说明");
      case "Task_PreReview" -> {
        if ("APPROVED".equals(task.getVariable("decision"))) {
          checked(task, "duplicateChecked", "已核对同类系统，无重复建设", "必须确认后才能通过前置审核（第十条第5款）");
        }
      }
      case "Task_Supplement" -> text(task, "supplementDescription", "补充材料说明");
      case "Task_BudgetDeclaration" ->
          task.setVariable("declaredBudget", Money.format(Money.parse("declaredBudget", "申报预算金额", task.getVariable("declaredBudget"))));
      case "Task_BudgetConsolidation" -> {
        text(task, "budgetDrafts", "预算草案汇总说明");
        checked(task, "filedWithSmartHospitalOffice", "已报智医办备案", "必须确认（第十二条（二））");
      }
      case "Task_ProcurementPlan" -> text(task, "procurementPlan", "年度采购计划说明");
      case "Task_ProcurementPlanApproval" ->
          checked(task, "procurementPlanApproved", "医院年度采购计划已审批通过", "必须确认后才能发起采购（第十三条（三））");
      case "Task_PurchaseRequest" -> text(task, "purchaseRequestNumber", "采购申请编号");
      case "Task_ProcurementExecution" -> procurementExecution(task);
      case "Task_Contract" -> {
        text(task, "contractNumber", "合同编号");
        text(task, "vendorName", "供应商名称");
        task.setVariable("contractAmount", Money.format(Money.parse("contractAmount", "合同金额", task.getVariable("contractAmount"))));
        task.setVariable("supervisionUsed", Inputs.requireBoolean("supervisionUsed", "是否采用监理", task.getVariable("supervisionUsed")));
      }
      case "Task_AssignImplementer" -> member(task, "implementer", "实施负责人", SeparationOfDutiesRule.IT_DIVISION);
      case "Task_NameCounterpart" -> member(task, "counterpart", "需求部门配合人员", Values.text(task.getVariable("requestingDepartment")));
      case "Task_Deployment" -> text(task, "deploymentSummary", "部署实施情况");
      case "Task_Training" -> {
        text(task, "trainingSummary", "培训情况");
        text(task, "promotionSummary", "推广情况");
      }
      case "Task_VendorEvaluation" -> {
        task.setVariable("vendorScore", Inputs.requireWholeNumber("vendorScore", "供应商评分", task.getVariable("vendorScore"), 0, 100));
        text(task, "vendorComment", "评价意见");
      }
      case "Task_Readiness" -> {
        checked(task, "readinessBuildAndTests", "已完成建设、部署、功能测试、性能测试和设备调试", "必须确认（第十六条（一）1）");
        checked(task, "readinessSecurityFixed", "已完成系统安全检测并整改", "必须确认（第十六条（一）2）");
        checked(task, "readinessMaterials", "已完成初步验收材料准备", "必须确认（第十六条（一）3）");
        checked(task, "readinessAssetOwnership", "已明确资产产权归属且交付物满足国家标准", "必须确认（第十六条（一）4）");
      }
      case "Task_VendorSelfCheck" -> {
        checked(task, "selfCheckConsistency", "建设内容与立项、招投标、合同、建设方案一致", "必须自查确认（第十六条（二）1）");
        checked(task, "selfCheckEquipment", "设备到货、调试及功能测试、压力测试", "必须自查确认（第十六条（二）2）");
        checked(task, "selfCheckSecurity", "安全检测、等保测评、密码测评已落实", "必须自查确认（第十六条（二）3）");
        checked(task, "selfCheckBaseSoftware", "基础软件、运行环境满足合同要求", "必须自查确认（第十六条（二）4）");
        text(task, "selfCheckReport", "初步验收申请表说明");
      }
      case "Task_InitialWithSupervisor", "Task_InitialWithUsers" -> {
        if ("Task_InitialWithUsers".equals(key)) {
          text(task, "userDepartments", "参加初步验收的使用部门");
        }
        if ("RECTIFY".equals(task.getVariable("decision"))) {
          text(task, "rectificationList", "问题整改清单");
        }
      }
      case "Task_Rectification" -> text(task, "rectificationResult", "整改结果");
      case "Task_FileInitialOpinion" -> {
        text(task, "initialAcceptanceOpinion", "初步验收意见");
        checked(task, "initialOpinionFiled", "已报智医办备案", "必须确认（第十六条（三））");
      }
      case "Task_FinalAcceptance" -> {
        if ("ACCEPTED".equals(task.getVariable("decision"))) {
          List<String> missing = DeliverablesRule.missing(task::getVariable);
          if (!missing.isEmpty()) {
            throw new InvalidInputException("decision", "终验申请材料不齐全，缺少：" + String.join("、", missing)
                + "。智医办应拒绝终验申请（第十六条（四）），请选择“拒绝终验申请”");
          }
          text(task, "expertGroup", "同行专家验收小组成员");
        }
      }
      default -> { }
    }
  }

  private void checkDecision(DelegateTask task, List<String> allowed) {
    String decision = Inputs.requireText("decision", "审批结论", task.getVariable("decision"));
    if (!allowed.contains(decision)) {
      throw new InvalidInputException("decision", "审批结论（decision）的取值“" + decision + "”无效，可选：" + String.join("、", allowed));
    }
    if (!decision.equals(allowed.get(0))) {
      text(task, "opinion", "审批意见");
    }
  }

  private void procurementExecution(DelegateTask task) {
    ProcurementExecutor executor = Inputs.requireEnum("procurementExecutor", "采购实施部门",
        task.getVariable("procurementExecutor"), ProcurementExecutor.class);
    Set<String> participants = SeparationOfDutiesRule.parseParticipants(
        Inputs.requireText("procurementParticipants", "采购实施参与人员", task.getVariable("procurementParticipants")));
    for (String user : participants) {
      if (identityService.createUserQuery().userId(user).count() == 0) {
        throw new InvalidInputException("procurementParticipants", "采购实施参与人员（procurementParticipants）中的“" + user + "”不是已登记的用户");
      }
    }
    String current = currentUser(task);
    if (current != null) {
      participants.add(current);
    }
    task.setVariable("procurementExecutor", executor.name());
    task.setVariable("procurementParticipants", String.join(",", participants));
    task.setVariable("separationOfDutiesApplies",
        SeparationOfDutiesRule.applies(Values.text(task.getVariable("requestingDepartment")), executor));
  }

  private void member(DelegateTask task, String field, String label, String group) {
    String user = text(task, field, label);
    if (identityService.createUserQuery().userId(user).memberOfGroup(group).count() == 0) {
      throw new InvalidInputException(field, Inputs.describe(field, label) + "“" + user + "”必须是 " + group + " 的已登记人员");
    }
  }

  private static String text(DelegateTask task, String field, String label) {
    String value = Inputs.requireText(field, label, task.getVariable(field));
    task.setVariable(field, value);
    return value;
  }

  private static void checked(DelegateTask task, String field, String label, String reason) {
    Object value = task.getVariable(field);
    Inputs.requireTrue(field, label, Boolean.TRUE.equals(value) || "true".equals(String.valueOf(value)), reason);
    task.setVariable(field, true);
  }

  private static String currentUser(DelegateTask task) {
    Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return auth != null && auth.getUserId() != null ? auth.getUserId() : task.getAssignee();
  }
}
