package cn.healthit.approval.labels;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * When a user task is created, its process instance's card variables ({@link ProjectCard}) are brought up
 * to date from the project's top-level instance — a review called by the lifecycle shows the lifecycle's
 * project — so every task's card in Tasklist names its project. Written only when a value changes.
 */
@Component("projectCardVariables")
public class ProjectCardVariables implements TaskListener {

  private final Labels labels;

  public ProjectCardVariables(Labels labels) {
    this.labels = labels;
  }

  @Override
  public void notify(DelegateTask task) {
    DelegateExecution execution = task.getExecution();
    if (execution == null) {
      return;
    }
    DelegateExecution instance = execution.getProcessInstance();
    DelegateExecution project = instance;
    while (project.getSuperExecution() != null) {
      project = project.getSuperExecution().getProcessInstance();
    }
    String key = task.getProcessEngineServices().getRepositoryService()
        .getProcessDefinition(project.getProcessDefinitionId()).getKey();
    DelegateExecution top = project;
    Map<String, String> card = ProjectCard.of(key, top.getProcessBusinessKey(), top::getVariable, labels::value);
    card.forEach((name, value) -> {
      if (!value.equals(instance.getVariableLocal(name))) {
        instance.setVariableLocal(name, value);
      }
    });
  }
}
