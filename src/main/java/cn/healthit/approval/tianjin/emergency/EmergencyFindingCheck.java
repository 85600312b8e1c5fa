package cn.healthit.approval.tianjin.emergency;

import cn.healthit.approval.input.Inputs;
import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.labels.Labels;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Audit and discipline supervise throughout (000 §20(二)): each completion of the standing
 * supervision task records a {@code finding} (appended to {@code findings}); CLOSE ends the
 * supervision and is allowed only after the committee's post-review.
 */
@Component("tianjinEmergencyFindingCheck")
public class EmergencyFindingCheck implements TaskListener {

  private final Labels labels;

  public EmergencyFindingCheck(Labels labels) {
    this.labels = labels;
  }

  @Override
  public void notify(DelegateTask task) {
    Finding finding = Inputs.requireEnum("finding", "监督发现", task.getVariable("finding"), Finding.class);
    task.setVariable("finding", finding.name());
    if (finding == Finding.CLOSE) {
      if (!Boolean.TRUE.equals(task.getVariable("postReviewDone"))) {
        throw new InvalidInputException("finding", "复盘尚未经委员会审议，审计纪检监督不能结束");
      }
      return;
    }
    String details = Inputs.requireText("findingDetails", "发现情况说明", task.getVariable("findingDetails"));
    String user = labels.user(task.getAssignee()); // the person's name: the findings are read on later forms
    String line = "【" + finding.label() + "】" + user + "：" + details;
    Object previous = task.getVariable("findings");
    task.setVariable("findings", previous == null ? line : previous + "\n" + line);
    task.setVariable("penaltyRequired", finding.callsForPenalty());
    task.removeVariable("findingDetails");
  }
}
