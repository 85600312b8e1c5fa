package cn.healthit.approval.tianjin.change;

import cn.healthit.approval.input.Inputs;
import cn.healthit.approval.labels.Labels;
import cn.healthit.approval.money.Money;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * 000 §15(一)(二)(四): 信息处's review sets {@code proposedCost} and confirms explicitly that the
 * change keeps the design standard and stays within the contract. A "no" ends the change
 * (REFUSED) and needs its reason in {@code opinion}.
 */
@Component("tianjinChangeReviewCheck")
public class ChangeReviewCheck implements TaskListener {

  private final Labels labels;

  public ChangeReviewCheck(Labels labels) {
    this.labels = labels;
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariable("proposedCost",
        Money.format(Money.parse("proposedCost", "变更建议费用", task.getVariable("proposedCost"))));
    boolean standard = Inputs.requireBoolean("designStandardKept", "未降低原设计标准", task.getVariable("designStandardKept"));
    boolean contract = Inputs.requireBoolean("withinContract", "在合同约束内", task.getVariable("withinContract"));
    task.setVariable("designStandardKept", standard);
    task.setVariable("withinContract", contract);
    boolean confirmed = standard && contract;
    task.setVariable("confirmed", confirmed);
    if (!confirmed) {
      Inputs.requireText("opinion", "审查意见（不予受理的理由）", task.getVariable("opinion"));
      task.setVariable("changeOutcome", ChangeOutcome.REFUSED.name());
    }
    ChangeLog.append(task, labels);
  }
}
