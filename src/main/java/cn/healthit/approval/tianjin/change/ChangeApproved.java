package cn.healthit.approval.tianjin.change;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The change is approved: from now on its proposedCost counts towards the project's running total. */
@Component("tianjinChangeApproved")
public class ChangeApproved implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("changeOutcome", ChangeOutcome.APPROVED.name());
  }
}
