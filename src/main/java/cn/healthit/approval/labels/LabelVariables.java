package cn.healthit.approval.labels;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * When a user task is created, its instance's display variables are brought up to date: for every amount
 * every group- and user-valued variable the instance holds, {@code <name>Label} is what {@link Labels} shows
 * (「500,000.00 元（50 万元）」, 「医务处」). Forms show these read-only instead of the raw value, so a form
 * never shows an id or an unformatted amount. Written only when it changes (usually once per project).
 */
@Component("labelVariables")
public class LabelVariables implements TaskListener {

  private final Labels labels;

  public LabelVariables(Labels labels) {
    this.labels = labels;
  }

  @Override
  public void notify(DelegateTask task) {
    DelegateExecution execution = task.getExecution();
    if (execution == null) {
      return;
    }
    for (String variable : labels.displayedVariables()) {
      refresh(execution, variable);
    }
  }

  private void refresh(DelegateExecution execution, String variable) {
    Object value = execution.getVariable(variable);
    if (value == null || value.toString().isBlank()) {
      return;
    }
    String label = labels.value(variable, value);
    if (!label.equals(execution.getVariable(variable + Labels.SUFFIX))) {
      execution.setVariable(variable + Labels.SUFFIX, label);
    }
  }
}
