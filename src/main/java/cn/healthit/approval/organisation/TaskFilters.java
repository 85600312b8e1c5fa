package cn.healthit.approval.organisation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * Tasklist's filters (left column), in Chinese, shared with every user. The engine's task
 * authorizations decide what each filter shows to whom: a user sees the tasks of their own groups.
 */
@Component
public class TaskFilters {

  private final FilterService filterService;
  private final TaskService taskService;
  private final AuthorizationService authorizationService;

  public TaskFilters(FilterService filterService, TaskService taskService, AuthorizationService authorizationService) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.authorizationService = authorizationService;
  }

  public void seed(String owner, Organisation organisation) {
    filter(owner, "我的待办", "已由我认领的任务", -10, "#1f77b4",
        taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    filter(owner, "我组的待办", "我所在组可以认领的任务", -5, "#2ca02c",
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned());
    filter(owner, "已逾期", "已超过办理期限的任务", 0, "#d62728",
        taskService.createTaskQuery().dueBeforeExpression("${now()}"));
    filter(owner, "全部可见任务", "我有权查看的全部任务", 10, "#7f7f7f", taskService.createTaskQuery());
  }

  private void filter(String owner, String name, String description, int priority, String color, TaskQuery query) {
    if (filterService.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("color", color);
    properties.put("refresh", true);
    Filter filter = filterService.newTaskFilter(name).setOwner(owner).setQuery(query).setProperties(properties);
    filterService.saveFilter(filter);
    Authorization read = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
    read.setResource(Resources.FILTER);
    read.setResourceId(filter.getId());
    read.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(read);
  }
}
