package cn.healthit.approval.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.query.NativeQuery;
import org.camunda.bpm.engine.rest.dto.runtime.FilterDto;
import org.camunda.bpm.engine.rest.hal.EmptyHalCollection;
import org.camunda.bpm.engine.rest.hal.HalResource;
import org.camunda.bpm.engine.rest.hal.HalVariableValue;
import org.camunda.bpm.engine.rest.hal.task.HalTask;
import org.camunda.bpm.engine.rest.hal.task.HalTaskList;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Answers Tasklist's list request for a filter ({@code POST /filter/{id}/list}, HAL) the way Camunda's
 * {@code FilterResourceImpl} does — the same tasks, count, embedded process definitions and card variables, the same
 * JSON — with {@link TaskPageQuery}'s two statements in place of the engine's task query, which it builds twice (list,
 * count), each time joining every candidate task to the caller's grants (issue 18).
 *
 * <p>Empty whenever it cannot be sure to answer the same: no authenticated caller, a filter it may not read or that is
 * not one of {@link TaskPageQuery.FilterShape}'s, a search, a caller with tenants, or revoking authorizations that
 * concern the caller (Camunda's own "auto" test, {@code authorizationCheckRevokes}). Camunda answers those.
 *
 * <p>One command (one transaction, one connection) carries every statement of the page: the filter, the revoke test,
 * the page and its count, the HAL embeds and the card variables. The services called inside join it, each with the
 * authorization checks Camunda makes. The page's tasks come from the native query as the engine's own task entities,
 * their form keys initialised as Camunda's {@code initializeFormKeys()} does — so no second task query.
 *
 * <p>Public API, except these, none of which has a public counterpart — recheck them on an upgrade (and on Operaton):
 * read-only looks at the engine's configuration (administrators, database type and table prefix, tenant and revoke
 * checks, the command executor), its clock for {@code ${now()}}, the caller's {@code Authentication}, and
 * {@code TaskEntity.initializeFormKey()}.
 */
public final class TaskPage {

  private final ProcessEngine engine;
  private final ProcessEngineConfigurationImpl configuration;
  private final ObjectMapper mapper;
  private final String prefix;
  private final boolean postgres;
  private volatile String sessionPlanMode;

  public TaskPage(ProcessEngine engine, ObjectMapper mapper) {
    this.engine = engine;
    this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    this.mapper = mapper;
    this.prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
    this.postgres = "postgres".equals(configuration.getDatabaseType());
  }

  /** The HAL answer, or empty: then Camunda answers. */
  public Optional<HalResource<?>> list(String filterId, int firstResult, int maxResults, JsonNode body) {
    Authentication authentication = engine.getIdentityService().getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null
        || authentication.getTenantIds() != null && !authentication.getTenantIds().isEmpty()) {
      return Optional.empty();
    }
    Optional<TaskPageQuery.PageRequest> request = TaskPageQuery.request(body);
    if (request.isEmpty()) {
      return Optional.empty();
    }
    // one command, so one transaction and connection for every statement of the page; the services called inside
    // join it, each with its own authorization checks
    return configuration.getCommandExecutorTxRequired().execute(context -> page(authentication, filterId, firstResult,
        maxResults, request.get()));
  }

  private Optional<HalResource<?>> page(Authentication authentication, String filterId, int firstResult, int maxResults,
      TaskPageQuery.PageRequest request) {
    // READ on the filter, as Camunda checks it; a query, because a refusal thrown inside this command would mark its
    // transaction for rollback — Camunda answers an unknown or unreadable filter with its own 404 or 403
    Filter filter = engine.getFilterService().createFilterQuery().filterId(filterId).singleResult();
    if (filter == null || !EntityTypes.TASK.equals(filter.getResourceType())) {
      return Optional.empty();
    }
    Optional<TaskPageQuery.FilterShape> shape = TaskPageQuery.shape(mapper.valueToTree(FilterDto.fromFilter(filter).getQuery()));
    List<String> groups = authentication.getGroupIds() == null ? List.of() : List.copyOf(authentication.getGroupIds());
    if (shape.isEmpty() || shape.get().candidateGroupsOfUser() && groups.isEmpty()) {
      return Optional.empty();
    }
    boolean admin = isAdmin(authentication.getUserId(), groups);
    boolean authorizationCheck = configuration.isAuthorizationEnabled() && !admin;
    if (authorizationCheck && revokesConcern(authentication.getUserId(), groups)) {
      return Optional.empty();
    }
    TaskPageQuery.Sql sql = TaskPageQuery.sql(shape.get(), request, new TaskPageQuery.Caller(authentication.getUserId(),
        groups, authorizationCheck, configuration.isTenantCheckEnabled() && !admin), ClockUtil.getCurrentTime(), prefix, postgres);
    if (postgres) {
      planFor(true);
    }
    List<Task> tasks = withParameters(engine.getTaskService().createNativeTaskQuery().sql(sql.page()), sql.parameters())
        .listPage(firstResult, maxResults);
    long count = withParameters(engine.getTaskService().createNativeTaskQuery().sql(sql.count()), sql.parameters()).count();
    if (postgres) {
      planFor(false);
    }
    if (tasks.isEmpty()) {
      return Optional.of(new EmptyHalCollection(count));
    }
    // the form keys, as Camunda's filter initialises them (initializeFormKeys) for the tasks it hands out
    tasks.forEach(task -> ((TaskEntity) task).initializeFormKey());
    HalTaskList page = HalTaskList.generate(tasks, count, engine);
    embedVariables(filter, page);
    return Optional.of(page);
  }

  /**
   * PostgreSQL plans the page and the count for this caller's values. For a statement prepared again and again it soon
   * keeps one generic plan, made for an average group: for a group of 40 tasks that plan reads every task of the table,
   * about 20 times the time of the plan for the values. Planning each time costs about a millisecond, so the setting
   * is back to the session's own for the statements after them — Camunda's queries for the HAL embeds and card
   * variables, whose planning costs more than the generic plan loses. Transaction-local ({@code set_config(…, true)})
   * either way: it ends with this request's transaction.
   */
  private void planFor(boolean values) {
    String sessions = sessionPlanMode;
    if (sessions == null) { // the pool's sessions share their settings (PostgresTuning, or the database's own)
      sessions = "auto";
      for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
        if (engine.getTaskService().createNativeTaskQuery().sql("SELECT COUNT(*) FROM pg_settings"
            + " WHERE name = 'plan_cache_mode' AND reset_val = #{mode}").parameter("mode", mode).count() == 1) {
          sessions = mode;
        }
      }
      sessionPlanMode = sessions;
    }
    engine.getTaskService().createNativeTaskQuery().sql("SELECT COUNT(*) FROM (SELECT set_config('plan_cache_mode', #{mode}, true)) S")
        .parameter("mode", values ? "force_custom_plan" : sessions).count();
  }

  private static <Q extends NativeQuery<Q, ?>> Q withParameters(Q query, Map<String, Object> parameters) {
    parameters.forEach(query::parameter);
    return query;
  }

  private boolean isAdmin(String userId, List<String> groups) {
    List<String> adminUsers = configuration.getAdminUsers();
    List<String> adminGroups = configuration.getAdminGroups();
    return adminUsers != null && adminUsers.contains(userId)
        || adminGroups != null && groups.stream().anyMatch(adminGroups::contains);
  }

  /** Camunda's test whether revoking authorizations concern the caller, where it makes that test. */
  private boolean revokesConcern(String userId, List<String> groups) {
    String mode = configuration.getAuthorizationCheckRevokes();
    if (ProcessEngineConfigurationImpl.AUTHORIZATION_CHECK_REVOKE_NEVER.equalsIgnoreCase(mode)) {
      return false;
    }
    if (!ProcessEngineConfigurationImpl.AUTHORIZATION_CHECK_REVOKE_AUTO.equalsIgnoreCase(mode)) {
      return true; // "always": Camunda's own query is the one that knows
    }
    StringBuilder sql = new StringBuilder("SELECT CASE WHEN EXISTS (SELECT ID_ FROM ").append(prefix)
        .append("ACT_RU_AUTHORIZATION WHERE TYPE_ = 2 AND (USER_ID_ IN (#{userId}, '*')");
    var query = engine.getTaskService().createNativeTaskQuery().parameter("userId", userId);
    for (int i = 0; i < groups.size(); i++) {
      sql.append(i == 0 ? " OR GROUP_ID_ IN (" : ", ").append("#{group").append(i).append("}");
      query.parameter("group" + i, groups.get(i));
    }
    sql.append(groups.isEmpty() ? "" : ")").append(")) THEN 1 ELSE 0 END");
    return query.sql(sql.toString()).count() > 0;
  }

  /**
   * The filter's card variables on each task, as FilterResourceImpl embeds them: for each name, the value nearest the
   * task (task, execution, process instance, case execution, case instance), among those the caller may read.
   */
  @SuppressWarnings("unchecked")
  private void embedVariables(Filter filter, HalTaskList page) {
    List<String> names = variableNames(filter);
    if (names.isEmpty()) {
      return;
    }
    List<HalTask> tasks = (List<HalTask>) page.getEmbedded("task");
    LinkedHashSet<String> scopes = new LinkedHashSet<>();
    tasks.forEach(task -> scopes.addAll(scopes(task)));
    Map<String, List<VariableInstance>> byScope = new HashMap<>();
    engine.getRuntimeService().createVariableInstanceQuery().disableBinaryFetching().disableCustomObjectDeserialization()
        .variableNameIn(names.toArray(String[]::new)).variableScopeIdIn(scopes.toArray(String[]::new)).list()
        .forEach(variable -> byScope.computeIfAbsent(scope(variable), s -> new ArrayList<>()).add(variable));
    for (HalTask task : tasks) {
      List<HalResource<?>> values = new ArrayList<>();
      Set<String> known = new HashSet<>();
      for (String scope : scopes(task)) {
        for (VariableInstance variable : byScope.getOrDefault(scope, List.of())) {
          if (known.add(variable.getName())) {
            values.add(HalVariableValue.generateVariableValue(variable, scope));
          }
        }
      }
      task.addEmbedded("variable", values);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> variableNames(Filter filter) {
    Object variables = filter.getProperties() == null ? null : filter.getProperties().get("variables");
    if (!(variables instanceof List<?> list)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (Object variable : list) {
      if (variable instanceof Map<?, ?> definition && definition.get("name") instanceof String name) {
        names.add(name);
      }
    }
    return names;
  }

  private static List<String> scopes(HalTask task) {
    List<String> scopes = new ArrayList<>();
    for (String id : new String[] {task.getId(), task.getExecutionId(), task.getProcessInstanceId(), task.getCaseExecutionId(),
        task.getCaseInstanceId()}) {
      if (id != null && !scopes.contains(id)) {
        scopes.add(id);
      }
    }
    return scopes;
  }

  /** The variable's scope (its VAR_SCOPE_): the task of a task variable, else its execution or case execution. */
  private static String scope(VariableInstance variable) {
    if (variable.getTaskId() != null) {
      return variable.getTaskId();
    }
    return variable.getExecutionId() != null ? variable.getExecutionId() : variable.getCaseExecutionId();
  }
}
