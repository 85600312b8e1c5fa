package cn.healthit.approval.tianjin.change;

import cn.healthit.approval.input.Inputs;
import cn.healthit.approval.labels.Labels;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The change's own record of decisions and opinions ({@code decisionLog}, one line per completed
 * task), which the project's change summary quotes. The platform's comments carry the same trail.
 */
final class ChangeLog {

  private ChangeLog() {}

  /** Names and amounts as {@link Labels} shows them: the log is read on later forms and the 审批单. */
  static void append(DelegateTask task, Labels labels) {
    StringBuilder line = new StringBuilder("【").append(task.getName()).append("】");
    String user = task.getAssignee() != null ? task.getAssignee()
        : task.getProcessEngineServices().getIdentityService().getCurrentAuthentication() == null ? "系统"
        : task.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId();
    line.append(user.equals("系统") ? user : labels.user(user));
    Object decision = task.getVariable("decision");
    if ("APPROVE".equals(decision)) {
      line.append("：同意");
    } else if ("REJECT".equals(decision)) {
      line.append("：不同意");
    } else if (task.getVariable("proposedCost") != null && "Task_ItReview".equals(task.getTaskDefinitionKey())) {
      line.append("：变更建议费用 ").append(labels.value("proposedCost", task.getVariable("proposedCost"))).append("，")
          .append(Boolean.TRUE.equals(task.getVariable("confirmed")) ? "确认未降低设计标准且在合同约束内" : "不予受理");
    } else if ("Task_RecordMeasure".equals(task.getTaskDefinitionKey())) {
      line.append("：").append(LawfulMeasure.valueOf((String) task.getVariable("measure")).label())
          .append("，法律依据：").append(task.getVariable("legalBasis"));
    }
    String opinion = Inputs.optionalText(task.getVariable("opinion"));
    if (opinion != null) {
      line.append("；意见：").append(opinion);
    }
    Object previous = task.getVariable("decisionLog");
    task.setVariable("decisionLog", previous == null ? line.toString() : previous + "\n" + line);
  }
}
