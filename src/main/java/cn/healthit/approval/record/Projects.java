package cn.healthit.approval.record;

import cn.healthit.approval.labels.ProjectCard;
import cn.healthit.approval.web.ApiExceptionHandler.NotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * A project is every process instance that carries its number: the lifecycle and the reviews it calls
 * (they inherit the business key), and the change requests filed against it (their own number as
 * business key, the project's in {@code projectNumber}). The approval record, the opinions and the
 * materials of a project are read across all of them. Queries run with the caller's authorizations:
 * a project the caller may not see in Cockpit or Tasklist does not exist for them.
 */
@Component
public class Projects {

  static final String PROJECT_NUMBER = "projectNumber";

  private final HistoryService historyService;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final RuntimeService runtimeService;

  public Projects(HistoryService historyService, TaskService taskService, IdentityService identityService,
      RuntimeService runtimeService) {
    this.historyService = historyService;
    this.taskService = taskService;
    this.identityService = identityService;
    this.runtimeService = runtimeService;
  }

  /** The project's instances the caller may see, oldest first; empty when none. */
  public List<HistoricProcessInstance> instances(String projectKey) {
    Map<String, HistoricProcessInstance> instances = new LinkedHashMap<>();
    historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(projectKey).list()
        .forEach(i -> instances.put(i.getId(), i));
    for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery()
        .variableName(PROJECT_NUMBER).variableValueEquals(PROJECT_NUMBER, projectKey).list()) {
      HistoricProcessInstance change = historyService.createHistoricProcessInstanceQuery()
          .processInstanceId(v.getProcessInstanceId()).singleResult();
      if (change != null) {
        instances.putIfAbsent(change.getId(), change);
      }
    }
    List<HistoricProcessInstance> ordered = new ArrayList<>(instances.values());
    ordered.sort(Comparator.comparing(HistoricProcessInstance::getStartTime).thenComparing(HistoricProcessInstance::getId));
    return ordered;
  }

  /** The open task the caller may see (candidate, assignee or observer), or 404 in Chinese. */
  public Task visibleTask(String taskId) {
    Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
    if (task == null) {
      throw new NotFoundException("任务不存在、已办结或您无权查看：" + taskId);
    }
    return task;
  }

  /** The number of the project a task belongs to: the change's {@code projectNumber}, else the business key. */
  public String projectKeyOf(Task task) {
    return projectKeyOfInstance(task.getProcessInstanceId());
  }

  /** The project number of a process instance, read as the system: call it after deciding the caller may know. */
  public String projectKeyOfInstance(String processInstanceId) {
    return asSystem(() -> {
      Object number = historyService.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
          .variableName(PROJECT_NUMBER).list().stream().map(v -> v.getValue()).filter(v -> v != null).findFirst().orElse(null);
      if (number != null && !number.toString().isBlank()) {
        return number.toString();
      }
      HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
          .processInstanceId(processInstanceId).singleResult();
      return instance == null ? null : instance.getBusinessKey();
    });
  }

  /**
   * The card variables ({@link ProjectCard}: 项目编号, 项目名称, 金额, 发起部门) of running instances, by instance id; an
   * instance without a card is absent. Read as the system: call it for instances the caller has been found entitled to.
   */
  public Map<String, Map<String, Object>> cards(String... processInstanceIds) {
    Map<String, Map<String, Object>> cards = new HashMap<>();
    if (processInstanceIds.length == 0) {
      return cards;
    }
    List<VariableInstance> variables = asSystem(() -> runtimeService.createVariableInstanceQuery()
        .processInstanceIdIn(processInstanceIds).variableNameIn(ProjectCard.LABELS.keySet().toArray(String[]::new))
        .disableBinaryFetching().disableCustomObjectDeserialization().list());
    for (VariableInstance v : variables) {
      // the instance's own card (written on the instance itself, not on a scope inside it)
      if (v.getExecutionId() != null && v.getExecutionId().equals(v.getProcessInstanceId()) && v.getTaskId() == null) {
        cards.computeIfAbsent(v.getProcessInstanceId(), k -> new LinkedHashMap<>()).put(v.getName(), v.getValue());
      }
    }
    return cards;
  }

  /** The ids of all the project's instances, whatever the caller may see. */
  public List<String> allInstanceIds(String projectKey) {
    return asSystem(() -> instances(projectKey)).stream().map(HistoricProcessInstance::getId).toList();
  }

  /**
   * Runs a read without the caller's authorizations — only after the caller has been found entitled
   * to what it reads (they see a task of the project, or the project itself).
   */
  public <T> T asSystem(Supplier<T> read) {
    var caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return read.get();
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }
}
