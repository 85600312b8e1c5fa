package cn.healthit.approval.tianjin.emergency;

import cn.healthit.approval.input.Inputs;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Technical reviews and leadership sign-offs (000 §20(一)): {@code decision} APPROVE or REJECT. A
 * rejection needs its reason, sets {@code refused} and {@code refusalReason}: the procurement ends,
 * the post-review still follows.
 */
@Component("tianjinEmergencySignOffCheck")
public class EmergencySignOffCheck implements TaskListener {

  public enum Decision { APPROVE, REJECT }

  @Override
  public void notify(DelegateTask task) {
    Decision decision = Inputs.requireEnum("decision", "审查结论", task.getVariable("decision"), Decision.class);
    task.setVariable("decision", decision.name());
    if (decision == Decision.REJECT) {
      String reason = Inputs.requireText("opinion", "审批意见（不同意的理由）", task.getVariable("opinion"));
      task.setVariable("refused", true);
      task.setVariable("refusalReason", "【" + task.getName() + "】" + reason);
      task.setVariable("procurementOutcome", "REFUSED");
    }
  }
}
