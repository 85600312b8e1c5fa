package cn.healthit.approval.tianjin.emergency;

import cn.healthit.approval.input.Inputs;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Execution of the procurement. From 50万 it runs under the Government Procurement Law's emergency
 * provisions (000 §20(一)), so {@code legalBasis} is required there.
 */
@Component("tianjinEmergencyExecutionCheck")
public class EmergencyExecutionCheck implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Inputs.requireText("opinion", "办理说明", task.getVariable("opinion"));
    if (EmergencyRoute.JOINT_REVIEW.name().equals(task.getVariable("emergencyRoute"))) {
      task.setVariable("legalBasis", Inputs.requireText("legalBasis", "应急采购法律依据", task.getVariable("legalBasis")));
    }
    task.setVariable("procurementOutcome", "EXECUTED");
  }
}
