package cn.healthit.approval.tianjin.change;

import cn.healthit.approval.input.Inputs;
import cn.healthit.approval.labels.Labels;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Every approval of a change (智医办, committee, decision body, original approving authority):
 * {@code decision} APPROVE or REJECT; a rejection needs its reason and ends the change as REJECTED.
 */
@Component("tianjinChangeDecisionCheck")
public class ChangeDecisionCheck implements TaskListener {

  private final Labels labels;

  public ChangeDecisionCheck(Labels labels) {
    this.labels = labels;
  }

  public enum Decision { APPROVE, REJECT }

  @Override
  public void notify(DelegateTask task) {
    Decision decision = Inputs.requireEnum("decision", "审批结论", task.getVariable("decision"), Decision.class);
    task.setVariable("decision", decision.name());
    if (decision == Decision.REJECT) {
      Inputs.requireText("opinion", "审批意见（不同意的理由）", task.getVariable("opinion"));
      task.setVariable("changeOutcome", ChangeOutcome.REJECTED.name());
    }
    ChangeLog.append(task, labels);
  }
}
