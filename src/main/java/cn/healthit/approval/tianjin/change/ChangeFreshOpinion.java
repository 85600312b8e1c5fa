package cn.healthit.approval.tianjin.change;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On task create: the previous step's {@code opinion} and {@code decision} are process variables and
 * would otherwise prefill this task's form and satisfy its "reason required" check. They are already
 * recorded ({@code decisionLog}, the platform's comments, history), so each task starts empty.
 */
@Component("tianjinChangeFreshOpinion")
public class ChangeFreshOpinion implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    task.getExecution().removeVariable("opinion");
    task.getExecution().removeVariable("decision");
  }
}
