package cn.healthit.approval.tianjin.emergency;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On task create: what an earlier task wrote into {@code opinion}, {@code decision}, {@code finding},
 * {@code findingDetails}, {@code penalty} or {@code accountability} is already recorded (history,
 * {@code findings}, {@code penalties}); each task starts empty so a required reason is really given.
 */
@Component("tianjinEmergencyFreshInput")
public class EmergencyFreshInput implements TaskListener {

  private static final String[] FIELDS = {"opinion", "decision", "finding", "findingDetails", "penalty", "accountability"};

  @Override
  public void notify(DelegateTask task) {
    for (String field : FIELDS) {
      task.getExecution().removeVariable(field);
    }
  }
}
