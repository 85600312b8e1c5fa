package cn.healthit.approval.tianjin.emergency;

import cn.healthit.approval.input.Inputs;
import cn.healthit.approval.money.Money;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** 000 §20(二): the post-review compiles the technical solution and the final cost. */
@Component("tianjinEmergencyFinalCostCheck")
public class EmergencyFinalCostCheck implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    task.setVariable("finalSolution", Inputs.requireText("finalSolution", "技术解决方案（复盘）", task.getVariable("finalSolution")));
    task.setVariable("finalCost", Money.format(Money.parse("finalCost", "最终费用", task.getVariable("finalCost"))));
  }
}
