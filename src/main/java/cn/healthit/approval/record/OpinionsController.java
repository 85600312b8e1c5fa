package cn.healthit.approval.record;

import cn.healthit.approval.labels.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/tasks/{taskId}/opinions}: what was said on the task's project before, in order —
 * every decision with its opinion (engine.OpinionCommentParseListener), every 催办, every material
 * attached — across all of the project's instances, for Tasklist's 「审批意见」 tab. Whoever may see
 * the task may read them: a reviewer decides knowing what was decided before.
 */
@RestController
public class OpinionsController {

  private final TaskService taskService;
  private final HistoryService historyService;
  private final Labels labels;
  private final Projects projects;

  public OpinionsController(TaskService taskService, HistoryService historyService, Labels labels, Projects projects) {
    this.taskService = taskService;
    this.historyService = historyService;
    this.labels = labels;
    this.projects = projects;
  }

  @GetMapping("/api/tasks/{taskId}/opinions")
  public Map<String, Object> ofTask(@PathVariable String taskId) {
    Task task = projects.visibleTask(taskId);
    String projectKey = projects.projectKeyOf(task);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("projectKey", projectKey);
    body.put("recordHref", projectKey == null ? null : "/api/projects/" + projectKey + "/record");
    body.put("opinions", projects.asSystem(() -> opinions(projectKey, task.getProcessInstanceId())));
    return body;
  }

  private List<Map<String, Object>> opinions(String projectKey, String ownInstanceId) {
    List<HistoricProcessInstance> instances = new ArrayList<>(projectKey == null ? List.of() : projects.instances(projectKey));
    if (instances.stream().noneMatch(i -> i.getId().equals(ownInstanceId))) {
      instances.add(historyService.createHistoricProcessInstanceQuery().processInstanceId(ownInstanceId).singleResult());
    }
    Map<String, String> taskNames = new HashMap<>();
    List<Map<String, Object>> out = new ArrayList<>();
    for (HistoricProcessInstance instance : instances) {
      historyService.createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).list()
          .forEach(t -> taskNames.put(t.getId(), t.getName()));
      String processName = instance.getProcessDefinitionName() != null ? instance.getProcessDefinitionName()
          : instance.getProcessDefinitionKey();
      for (Comment comment : taskService.getProcessInstanceComments(instance.getId())) {
        Map<String, Object> opinion = new LinkedHashMap<>();
        opinion.put("time", comment.getTime());
        opinion.put("userId", comment.getUserId());
        opinion.put("userName", userName(comment.getUserId()));
        opinion.put("processName", processName);
        opinion.put("taskId", comment.getTaskId());
        opinion.put("taskName", taskNames.get(comment.getTaskId()));
        opinion.put("kind", kind(comment.getFullMessage()));
        opinion.put("message", comment.getFullMessage());
        out.add(opinion);
      }
    }
    out.sort(Comparator.comparing((Map<String, Object> o) -> (java.util.Date) o.get("time"))
        .thenComparing(o -> String.valueOf(o.get("taskId"))));
    return out;
  }

  static String kind(String message) {
    return cn.healthit.approval.actions.ActionRecord.kind(message).name();
  }

  private String userName(String userId) {
    if (userId == null) {
      return null;
    }
    return labels.user(userId);
  }
}
