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
 * What Tianjin's forms cannot say: the regulation's cross-field rules on completion. Each form's own fields (required,
 * options, amounts, confirmations) are its contract and checked before this runs ({@code input.FormContract}); here
 * remain the rules that read two values at once, the people a value must name, and who confirmed what.
 * A refusal rolls the completion back.
 */
@Component("tianjinTaskCheck")
public class TianjinTaskCheck implements TaskListener {

  /** Decision tasks and their positive outcome; every other outcome needs a written opinion (SPEC.md §0). */
  static final Map<String, String> POSITIVE = Map.ofEntries(
      Map.entry("Task_PocConfirm", "CONFIRMED"),
      Map.entry("Task_PreReview", "APPROVED"),
      Map.entry("Task_CommitteeArgument", "APPROVED"),
      Map.entry("Task_OfficeCheckSupplement", "PASSED"),
      Map.entry("Task_DecisionBody", "APPROVED"),
      Map.entry("Task_DeptHeadBudgetReview", "APPROVED"),
      Map.entry("Task_VicePresidentBudgetReview", "APPROVED"),
      Map.entry("Task_Deployment", "DONE"),
      Map.entry("Task_InitialWithSupervisor", "PASSED"),
      Map.entry("Task_InitialWithUsers", "PASSED"),
      Map.entry("Task_FinalAcceptance", "ACCEPTED"));

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
    String positive = POSITIVE.get(key);
    if (positive != null && !positive.equals(task.getVariable("decision"))) {
      Inputs.requireText("opinion", "审批意见", task.getVariable("opinion")); // a refusal or return gives its reason
    }
    switch (key) {
      case "Task_PocTest" -> {
        // 000 §10.3: quantified results, not 「通过」「满意」 (the form's pattern is the browser's half of this)
        task.setVariable("pocResults", PocResultRule.require("pocResults", "测试结果", task.getVariable("pocResults")));
        task.setVariable("pocConfirmedByItDivision", currentUser(task));
      }
      case "Task_PocConfirm" -> {
        if ("CONFIRMED".equals(task.getVariable("decision"))) {
          // the report must still be quantified when the requester confirms it
          PocResultRule.require("pocResults", "测试结果", task.getVariable("pocResults"));
          task.setVariable("pocConfirmedByRequester", currentUser(task));
        }
      }
      case "Task_PreReview" -> {
        if ("APPROVED".equals(task.getVariable("decision"))) {
          checked(task, "duplicateChecked", "已核对同类系统，无重复建设", "必须确认后才能通过前置审核（第十条第5款）");
        }
      }
      case "Task_ProcurementExecution" -> procurementExecution(task);
      case "Task_AssignImplementer" -> member(task, "implementer", "实施负责人", SeparationOfDutiesRule.IT_DIVISION);
      case "Task_NameCounterpart" -> member(task, "counterpart", "需求部门配合人员", Values.text(task.getVariable("requestingDepartment")));
      case "Task_InitialWithSupervisor", "Task_InitialWithUsers" -> {
        if ("Task_InitialWithUsers".equals(key)) {
          text(task, "userDepartments", "参加初步验收的使用部门");
        }
        if ("RECTIFY".equals(task.getVariable("decision"))) {
          text(task, "rectificationList", "问题整改清单");
        }
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
