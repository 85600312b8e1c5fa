package cn.healthit.approval.tianjin.emergency;

import cn.healthit.approval.input.Inputs;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** 000 §20(二): the committee's review closes the post-review; its opinion is required. */
@Component("tianjinEmergencyPostReviewDone")
public class EmergencyPostReviewDone implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Inputs.requireText("opinion", "委员会审议意见", task.getVariable("opinion"));
    task.setVariable("postReviewDone", true);
  }
}
