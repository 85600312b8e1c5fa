package cn.healthit.approval.tianjin.emergency;

import cn.healthit.approval.input.Inputs;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** 000 §20(二): the penalty for the vendor and the accountability of the people involved, in writing. */
@Component("tianjinEmergencyPenaltyCheck")
public class EmergencyPenaltyCheck implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    String penalty = Inputs.requireText("penalty", "对供应商的惩戒措施", task.getVariable("penalty"));
    String accountability = Inputs.requireText("accountability", "有关人员责任追究", task.getVariable("accountability"));
    String line = "惩戒：" + penalty + "；追责：" + accountability;
    Object previous = task.getVariable("penalties");
    task.setVariable("penalties", previous == null ? line : previous + "\n" + line);
  }
}
