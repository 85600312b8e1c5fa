package cn.healthit.approval.tianjin.change;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * On task create: {@code changeSummary} = every change of the project (amounts, ratio, route,
 * decisions, opinions). The project is the variable {@code projectNumber} or, if absent, the
 * business key of the task's process instance (the lifecycle's key is its project number).
 */
@Component("tianjinChangeSummary")
public class ChangeSummaryListener implements TaskListener {

  private final ChangeRecords records;

  public ChangeSummaryListener(ChangeRecords records) {
    this.records = records;
  }

  @Override
  public void notify(DelegateTask task) {
    Object number = task.getVariable("projectNumber");
    String projectNumber = number == null || number.toString().isBlank()
        ? task.getExecution().getProcessBusinessKey() : number.toString();
    if (projectNumber == null) {
      return;
    }
    task.setVariable("changeSummary",
        Context.getCommandContext().runWithoutAuthorization(() -> records.summary(projectNumber)));
  }
}
