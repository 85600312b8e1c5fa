package cn.healthit.approval.labels;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * When a user task is created, its instance's display variables are brought up to date: for every amount
 * every group- and user-valued variable the instance holds, {@code <name>Label} is what {@link Labels} shows
 * (「500,000.00 元（50 万元）」, 「医务处」). Forms show these read-only instead of the raw value, so a form
 * never shows an id or an unformatted amount. And its card variables ({@link ProjectCard}), taken from the
 * project's top-level instance — a review called by the lifecycle shows the lifecycle's project — so every
 * task's card in Tasklist names its project. Each is written only when it changes (usually once per project).
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
    refreshCard(task, execution.getProcessInstance());
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

  private void refreshCard(DelegateTask task, DelegateExecution instance) {
    DelegateExecution project = topLevel(instance);
    String key = task.getProcessEngineServices().getRepositoryService()
        .getProcessDefinition(project.getProcessDefinitionId()).getKey();
    ProjectCard.of(key, project.getProcessBusinessKey(), project::getVariable, labels::value).forEach((name, value) -> {
      if (!value.equals(instance.getVariableLocal(name))) {
        instance.setVariableLocal(name, value);
      }
    });
  }

  /** The instance that started the project: the caller of a called process, and its caller, up to the top. */
  private static DelegateExecution topLevel(DelegateExecution instance) {
    return instance.getSuperExecution() == null ? instance : topLevel(instance.getSuperExecution().getProcessInstance());
  }
}
