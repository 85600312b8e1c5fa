package cn.healthit.approval.organisation;

import cn.healthit.approval.labels.ProjectCard;
import java.util.LinkedHashMap;
import java.util.List;
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
 * authorizations decide what each filter shows to whom: a user sees the tasks of their own groups. Every
 * filter's cards show the project (项目编号, 项目名称, 金额, 发起部门) and its search offers them.
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
    observerFilters(owner, organisation);
  }

  /**
   * 抄送: for each group that follows processes read-only (`observers` in the organisation files), a
   * filter 「抄送我的（组名）」 with the open tasks of those processes, readable by that group only.
   * A restart updates the filter's processes when the files changed.
   */
  void observerFilters(String owner, Organisation organisation) {
    Map<String, java.util.Set<String>> keysByGroup = new java.util.TreeMap<>();
    for (Organisation.ProcessAccess p : organisation.processes()) {
      for (String group : p.observers()) {
        keysByGroup.computeIfAbsent(group, k -> new java.util.TreeSet<>()).add(p.key());
      }
    }
    keysByGroup.forEach((groupId, keys) -> {
      String name = "抄送我的（" + organisation.groupName(groupId) + "）";
      TaskQuery query = taskService.createTaskQuery().processDefinitionKeyIn(keys.toArray(String[]::new));
      Filter existing = filterService.createFilterQuery().filterName(name).singleResult();
      if (existing != null) {
        filterService.saveFilter(existing.setQuery(query));
        showCards(existing);
        return;
      }
      Filter filter = filterService.saveFilter(filterService.newTaskFilter(name).setOwner(owner).setQuery(query)
          .setProperties(properties("本组抄送（只读跟踪）的流程中的在办任务", 5, "#9467bd")));
      Authorization read = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      read.setGroupId(groupId);
      read.setResource(Resources.FILTER);
      read.setResourceId(filter.getId());
      read.addPermission(Permissions.READ);
      authorizationService.saveAuthorization(read);
    });
  }

  private static Map<String, Object> properties(String description, int priority, String color) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("color", color);
    properties.put("refresh", true);
    properties.put("variables", CARD_VARIABLES);
    return properties;
  }

  /**
   * What every card shows and the search offers (「项目名称 (cardTitle)」…): the project's card variables
   * ({@link ProjectCard}). The project number is also the business key, which Tasklist's search has by itself.
   */
  static final List<Map<String, String>> CARD_VARIABLES = ProjectCard.LABELS.entrySet().stream()
      .map(e -> Map.of("name", e.getKey(), "label", e.getValue())).toList();

  /** A filter saved before the cards existed gets their variables; one a user or administrator changed is left as it is. */
  private void showCards(Filter filter) {
    Map<String, Object> properties = filter.getProperties() == null ? new LinkedHashMap<>()
        : new LinkedHashMap<>(filter.getProperties());
    if (properties.get("variables") instanceof List<?> variables && !variables.isEmpty()) {
      return;
    }
    properties.put("variables", CARD_VARIABLES);
    filterService.saveFilter(filter.setProperties(properties));
  }

  private void filter(String owner, String name, String description, int priority, String color, TaskQuery query) {
    Filter existing = filterService.createFilterQuery().filterName(name).list().stream().findFirst().orElse(null);
    if (existing != null) {
      showCards(existing);
      return;
    }
    Filter filter = filterService.newTaskFilter(name).setOwner(owner).setQuery(query)
        .setProperties(properties(description, priority, color));
    filterService.saveFilter(filter);
    Authorization read = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
    read.setResource(Resources.FILTER);
    read.setResourceId(filter.getId());
    read.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(read);
  }
}
