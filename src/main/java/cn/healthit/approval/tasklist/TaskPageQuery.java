package cn.healthit.approval.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL of one Tasklist page (issue 18): the tasks of a filter the platform seeds, as Camunda's task query selects
 * them, in one statement without the query builder, and their count in a second.
 *
 * <p>What it answers is exactly what Camunda's own query answers; only its shape differs. Camunda joins every candidate
 * task to the caller's grants with {@code AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*')} and sorts them all
 * ({@code SELECT DISTINCT}) before the first page: about 85 % of the time of 「我组的待办」 (README, Performance). Here
 * the same test is split in probes that indexes answer ({@link #grantTest}), there is no DISTINCT (each task is one row,
 * the candidate test an EXISTS), and the order is one PostgreSQL can read from an index and stop after the page.
 * CMMN tasks pass the test as in Camunda.
 *
 * <p>It answers only what it recognises: a filter whose stored query is one of {@link FilterShape}'s, and a request as
 * Tasklist sends it when a reviewer browses — paging, the order chosen, {@code active}, and no search criteria.
 * Everything else (a search, a filter a user made, an order by variable) is {@link Optional#empty()}, and the
 * caller lets Camunda answer. No Camunda classes here: the unit test reads the SQL.
 */
public final class TaskPageQuery {

  private TaskPageQuery() {
  }

  /** Camunda's READ on a task, and READ_TASK on a process definition (its Permissions' bits). */
  static final int READ = 2;
  static final int READ_TASK = 64;
  /** Camunda's resource types: TASK and PROCESS_DEFINITION. */
  static final int TASK = 7;
  static final int PROCESS_DEFINITION = 6;

  /** A filter's stored query, in the shapes this answers: any combination of these conditions. */
  public record FilterShape(boolean unassigned, boolean candidateGroupsOfUser, boolean assigneeIsUser, boolean dueBeforeNow,
      List<String> processDefinitionKeys) {
  }

  /** One order of the page: the column and its direction. */
  public record Order(String column, boolean ascending) {
  }

  /** What the request asks beyond the filter: the order (Camunda's default when none: by id) and {@code active}. */
  public record PageRequest(List<Order> orders, boolean activeOnly) {
  }

  /**
   * Who asks. {@code authorizationCheck}: the engine checks authorizations for them (on, and not an administrator);
   * {@code tenantCheck}: likewise for tenants (a caller without tenants sees tasks without a tenant).
   */
  public record Caller(String userId, List<String> groupIds, boolean authorizationCheck, boolean tenantCheck) {
  }

  /** The statements and their parameters ({@code #{name}} in the SQL, as Camunda's native queries take them). */
  public record Sql(String page, String count, Map<String, Object> parameters) {
  }

  /** The filter conditions this reads, with the only value each may have. */
  private static final Set<String> FILTER_KEYS = Set.of("unassigned", "candidateGroupsExpression", "assigneeExpression",
      "dueBeforeExpression", "processDefinitionKeyIn");

  /** Tasklist's query lists, empty when the reviewer is not searching. */
  private static final Set<String> SEARCH_LISTS = Set.of("processVariables", "taskVariables", "caseInstanceVariables",
      "orQueries");

  /** Request fields that change nothing while no variable is searched (paging is in the URL). */
  private static final Set<String> INERT = Set.of("firstResult", "maxResults", "variableNamesIgnoreCase",
      "variableValuesIgnoreCase");

  /** Tasklist's orders (Camunda's TaskQueryDto names) and the columns Camunda sorts them by. */
  static final Map<String, String> ORDER_COLUMNS = Map.ofEntries(
      Map.entry("created", "RES.CREATE_TIME_"), Map.entry("dueDate", "RES.DUE_DATE_"),
      Map.entry("followUpDate", "RES.FOLLOW_UP_DATE_"), Map.entry("priority", "RES.PRIORITY_"),
      Map.entry("name", "RES.NAME_"), Map.entry("nameCaseInsensitive", "LOWER(RES.NAME_)"),
      Map.entry("assignee", "RES.ASSIGNEE_"), Map.entry("id", "RES.ID_"), Map.entry("description", "RES.DESCRIPTION_"),
      Map.entry("instanceId", "RES.PROC_INST_ID_"), Map.entry("executionId", "RES.EXECUTION_ID_"));

  /** The filter's stored query (Camunda's TaskQueryDto as JSON), if it is a shape this answers. */
  public static Optional<FilterShape> shape(JsonNode query) {
    if (query == null || !query.isObject()) {
      return Optional.empty();
    }
    boolean unassigned = false;
    boolean groups = false;
    boolean assignee = false;
    boolean overdue = false;
    List<String> keys = List.of();
    for (Iterator<Map.Entry<String, JsonNode>> it = query.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (value == null || value.isNull() || SEARCH_LISTS.contains(name) && value.isArray() && value.isEmpty()) {
        continue;
      }
      if (!FILTER_KEYS.contains(name)) {
        return Optional.empty();
      }
      switch (name) {
        case "unassigned" -> {
          if (!value.isBoolean()) {
            return Optional.empty();
          }
          unassigned = value.asBoolean();
        }
        case "candidateGroupsExpression" -> {
          if (!"${currentUserGroups()}".equals(value.asText())) {
            return Optional.empty();
          }
          groups = true;
        }
        case "assigneeExpression" -> {
          if (!"${currentUser()}".equals(value.asText())) {
            return Optional.empty();
          }
          assignee = true;
        }
        case "dueBeforeExpression" -> {
          if (!"${now()}".equals(value.asText())) {
            return Optional.empty();
          }
          overdue = true;
        }
        default -> { // processDefinitionKeyIn
          if (!value.isArray() || value.isEmpty()) {
            return Optional.empty();
          }
          List<String> read = new ArrayList<>();
          for (JsonNode key : value) {
            if (!key.isTextual()) {
              return Optional.empty();
            }
            read.add(key.asText());
          }
          keys = List.copyOf(read);
        }
      }
    }
    return Optional.of(new FilterShape(unassigned, groups, assignee, overdue, keys));
  }

  /** Tasklist's request body, if it only browses (no search) in an order this knows. */
  public static Optional<PageRequest> request(JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      return Optional.of(new PageRequest(List.of(), false));
    }
    if (!body.isObject()) {
      return Optional.empty();
    }
    List<Order> orders = List.of();
    boolean active = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (value.isNull() || SEARCH_LISTS.contains(name) && value.isArray() && value.isEmpty()) {
        continue;
      }
      if (INERT.contains(name) && (value.isNumber() || value.isBoolean())) {
        continue;
      }
      if (name.equals("active") && value.isBoolean()) {
        active = value.asBoolean();
      } else if (name.equals("sorting") && value.isArray()) {
        Optional<List<Order>> read = orders(value);
        if (read.isEmpty()) {
          return Optional.empty();
        }
        orders = read.get();
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(new PageRequest(orders, active));
  }

  private static Optional<List<Order>> orders(JsonNode sorting) {
    List<Order> orders = new ArrayList<>();
    for (JsonNode sort : sorting) {
      if (!sort.isObject() || sort.size() != 2 || !sort.path("sortBy").isTextual() || !sort.path("sortOrder").isTextual()) {
        return Optional.empty();
      }
      String column = ORDER_COLUMNS.get(sort.get("sortBy").asText());
      String direction = sort.get("sortOrder").asText();
      if (column == null || !(direction.equals("asc") || direction.equals("desc"))) {
        return Optional.empty(); // Camunda answers these (with its own error where they are wrong)
      }
      orders.add(new Order(column, direction.equals("asc")));
    }
    return Optional.of(List.copyOf(orders));
  }

  /**
   * The page and count statements. {@code now}: the engine's clock, for {@code ${now()}}; {@code prefix}: the engine's table prefix; {@code postgres}: PostgreSQL's bit
   * operator, else the {@code BITAND} function (H2). A tie in the chosen order is broken by the task's id, so that
   * pages do not overlap (Camunda leaves ties to the database).
   */
  public static Sql sql(FilterShape filter, PageRequest request, Caller caller, java.util.Date now, String prefix,
      boolean postgres) {
    if (filter.candidateGroupsOfUser() && caller.groupIds().isEmpty()) {
      throw new IllegalArgumentException("candidate groups of a caller without groups");
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("userId", caller.userId());
    String groups = list(parameters, "group", caller.groupIds());
    StringBuilder where = new StringBuilder();
    if (filter.assigneeIsUser()) {
      where.append(" AND RES.ASSIGNEE_ = #{userId}");
    }
    if (filter.unassigned() || filter.candidateGroupsOfUser()) {
      where.append(" AND RES.ASSIGNEE_ IS NULL");
    }
    if (filter.candidateGroupsOfUser()) {
      where.append(" AND EXISTS (SELECT 1 FROM ").append(prefix).append("ACT_RU_IDENTITYLINK I WHERE I.TASK_ID_ = RES.ID_")
          .append(" AND I.TYPE_ = 'candidate' AND I.GROUP_ID_ IN (").append(groups).append("))");
    }
    if (!filter.processDefinitionKeys().isEmpty()) {
      where.append(" AND D.KEY_ IN (").append(list(parameters, "key", filter.processDefinitionKeys())).append(")");
    }
    if (filter.dueBeforeNow()) {
      parameters.put("now", now);
      where.append(" AND RES.DUE_DATE_ < #{now}");
    }
    if (request.activeOnly()) {
      where.append(" AND RES.SUSPENSION_STATE_ = 1");
    }
    if (caller.authorizationCheck()) {
      where.append(grantTest(prefix, groups, postgres));
    }
    if (caller.tenantCheck()) {
      where.append(" AND RES.TENANT_ID_ IS NULL");
    }
    String from = " FROM " + prefix + "ACT_RU_TASK RES LEFT JOIN " + prefix + "ACT_RE_PROCDEF D ON RES.PROC_DEF_ID_ = D.ID_"
        + " WHERE 1 = 1" + where;
    StringBuilder orderBy = new StringBuilder();
    boolean byId = false;
    for (Order order : request.orders()) {
      orderBy.append(orderBy.isEmpty() ? " ORDER BY " : ", ").append(order.column()).append(order.ascending() ? " ASC" : " DESC");
      byId |= order.column().equals("RES.ID_");
    }
    if (!byId) {
      orderBy.append(orderBy.isEmpty() ? " ORDER BY " : ", ").append("RES.ID_ ASC");
    }
    return new Sql("SELECT RES.*" + from + orderBy, "SELECT COUNT(*)" + from, parameters);
  }

  /**
   * Camunda's test, exactly: some grant of the caller — READ on tasks or READ_TASK on process definitions, the
   * permission checks Camunda joins disjunctively — whose resource id is {@code '*'}, the task's process key or the
   * task's id. Written as one probe each, so that each can use an index of ACT_RU_AUTHORIZATION: {@code '*'} once per
   * statement; a READ_TASK grant on the key as a set computed once (a caller holds few); a READ grant on the key
   * (Camunda lets that pass too) and any grant on the task's id as probes of {@code RESOURCE_ID_} per task.
   * {@code TYPE_ IN (0, 1)} is Camunda's {@code TYPE_ < 2} (global, grant) in a form the unique indexes on
   * (TYPE_, USER_ID_ or GROUP_ID_, …) serve.
   */
  private static String grantTest(String prefix, String groups, boolean postgres) {
    String caller = "A.TYPE_ IN (0, 1) AND (A.USER_ID_ IN (#{userId}, '*')" + (groups.isEmpty() ? "" : " OR A.GROUP_ID_ IN (" + groups + ")") + ")";
    String read = "A.RESOURCE_TYPE_ = " + TASK + " AND " + bit("A.PERMS_", READ, postgres);
    String readTask = "A.RESOURCE_TYPE_ = " + PROCESS_DEFINITION + " AND " + bit("A.PERMS_", READ_TASK, postgres);
    String grants = prefix + "ACT_RU_AUTHORIZATION A WHERE ";
    return " AND (RES.CASE_EXECUTION_ID_ IS NOT NULL"
        + " OR EXISTS (SELECT 1 FROM " + grants + "A.RESOURCE_ID_ = '*' AND " + caller + " AND (" + read + " OR " + readTask + "))"
        + " OR D.KEY_ IN (SELECT A.RESOURCE_ID_ FROM " + grants + caller + " AND " + readTask + ")"
        + " OR EXISTS (SELECT 1 FROM " + grants + "A.RESOURCE_ID_ = D.KEY_ AND " + caller + " AND " + read + ")"
        + " OR EXISTS (SELECT 1 FROM " + grants + "A.RESOURCE_ID_ = RES.ID_ AND " + caller + " AND (" + read + " OR " + readTask + ")))";
  }

  private static String bit(String column, int bit, boolean postgres) {
    return postgres ? "(" + column + " & " + bit + ") = " + bit : "BITAND(" + column + ", " + bit + ") = " + bit;
  }

  private static String list(Map<String, Object> parameters, String name, List<String> values) {
    StringBuilder sql = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      parameters.put(name + i, values.get(i));
      sql.append(i == 0 ? "" : ", ").append("#{").append(name).append(i).append("}");
    }
    return sql.toString();
  }
}
