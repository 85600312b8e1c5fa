package cn.healthit.approval.tianjin.change;

import cn.healthit.approval.input.Inputs;
import cn.healthit.approval.labels.Labels;
import cn.healthit.approval.money.Money;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/** 000 §15(三): a written request — source, reason, plan, workload and cost estimate. */
@Component("tianjinChangeRequestCheck")
public class ChangeRequestCheck implements TaskListener {

  private final Labels labels;

  public ChangeRequestCheck(Labels labels) {
    this.labels = labels;
  }

  @Override
  public void notify(DelegateTask task) {
    checkRequest(task);
    ChangeLog.append(task, labels);
  }

  static void checkRequest(VariableScope scope) {
    scope.setVariable("requestSource",
        Inputs.requireEnum("requestSource", "变更来源", scope.getVariable("requestSource"), RequestSource.class).name());
    scope.setVariable("reason", Inputs.requireText("reason", "变更理由", scope.getVariable("reason")));
    scope.setVariable("plan", Inputs.requireText("plan", "变更方案", scope.getVariable("plan")));
    scope.setVariable("workload", Inputs.requireText("workload", "工作量", scope.getVariable("workload")));
    scope.setVariable("costEstimate",
        Money.format(Money.parse("costEstimate", "费用估算", scope.getVariable("costEstimate"))));
  }
}
