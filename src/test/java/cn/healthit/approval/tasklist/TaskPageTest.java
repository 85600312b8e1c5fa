package cn.healthit.approval.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import cn.healthit.approval.support.Webapp;
import cn.healthit.approval.web.TaskPageRequestFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasklist's task list answered by the platform's page query ({@link TaskPage}) is Camunda's answer: for reviewers,
 * an observer and the administrator, every filter, every order Tasklist offers, with and without {@code active},
 * the same count, the same tasks with the same JSON (form reference, card variables, links), the same embedded process
 * definitions, in the same order up to ties, which the page query breaks by id so that pages neither overlap nor skip.
 * A task whose grant was taken away, a claimed one and a suspended one fall out on both sides. What it does not
 * answer — a search, an order by variable, JSON, a revoke that concerns the caller, an unknown filter — Camunda answers,
 * unchanged. And Tasklist's own API (session, CSRF token) gets it too.
 */
@PlatformTest
class TaskPageTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TASKLIST_ACCEPT = "application/hal+json, application/json; q=0.5";

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Processes processes;
  final List<ProcessInstance> started = new ArrayList<>();

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
  }

  @AfterEach
  void restore() {
    ClockUtil.reset();
    TaskPageRequestFilter.setEnabled(true);
    started.forEach(instance -> {
      if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count() > 0) {
        engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test over");
      }
    });
  }

  /**
   * Seven Zhuhai declarations, a second apart, for the unit's group: three with due dates (one past), one claimed by
   * zh-unit, one suspended, one whose group grant was taken away. Returns that last task.
   */
  private Task projects() {
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ClockUtil.setCurrentTime(Date.from(t0.plusSeconds(i)));
      ProcessInstance instance = processes.start("zhuhai-project", Processes.uniqueKey("PAGE-" + i),
          Map.of("projectName", "列表核对" + i, "unitName", "香洲区人民医院", "amount", "150000.00"));
      started.add(instance);
      tasks.add(processes.task(instance, "Task_Declare"));
    }
    ClockUtil.reset();
    for (int i = 0; i < 3; i++) {
      Task task = tasks.get(i);
      task.setDueDate(Date.from(Instant.now().plus(i - 1, ChronoUnit.DAYS).plusSeconds(i)));
      task.setPriority(40 + i);
      engine.getTaskService().saveTask(task);
    }
    engine.getTaskService().claim(tasks.get(3).getId(), "zh-unit");
    engine.getRuntimeService().suspendProcessInstanceById(tasks.get(4).getProcessInstanceId());
    Task hidden = tasks.get(5);
    engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.TASK).resourceId(hidden.getId()).list()
        .forEach(grant -> engine.getAuthorizationService().deleteAuthorization(grant.getId()));
    return hidden;
  }

  private record Answer(int status, String answeredBy, JsonNode json, String body) {
  }

  private Answer list(String user, String filterId, int first, int max, Map<String, Object> body, String accept) {
    try {
      String token = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
              + "/engine-rest/filter/" + filterId + "/list?firstResult=" + first + "&maxResults=" + max))
          .header("Authorization", "Basic " + token).header("Content-Type", "application/json").header("Accept", accept)
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body().isBlank() ? null : JSON.readTree(response.body());
      return new Answer(response.statusCode(), response.headers().firstValue(TaskPageRequestFilter.ANSWERED_BY).orElse(null), json,
          response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Camunda's own answer: the page query switched off for the one request. */
  private Answer camunda(String user, String filterId, int first, int max, Map<String, Object> body, String accept) {
    TaskPageRequestFilter.setEnabled(false);
    try {
      return list(user, filterId, first, max, body, accept);
    } finally {
      TaskPageRequestFilter.setEnabled(true);
    }
  }

  /** Tasklist's body: no search, this order, active. */
  private static Map<String, Object> browse(List<Map<String, String>> sorting, Boolean active) {
    Map<String, Object> body = new LinkedHashMap<>(Map.of("processVariables", List.of(), "taskVariables", List.of(),
        "caseInstanceVariables", List.of(), "firstResult", 0, "maxResults", 15, "sorting", sorting));
    if (active != null) {
      body.put("active", active);
    }
    return body;
  }

  /** The JSON field each order sorts by. */
  private static final Map<String, String> KEY = Map.of("created", "created", "dueDate", "due", "priority", "priority",
      "nameCaseInsensitive", "name", "followUpDate", "followUp", "id", "id");

  private static final List<List<Map<String, String>>> ORDERS = List.of(
      List.of(Map.of("sortBy", "created", "sortOrder", "desc")),
      List.of(Map.of("sortBy", "dueDate", "sortOrder", "asc")),
      List.of(Map.of("sortBy", "dueDate", "sortOrder", "desc")),
      List.of(Map.of("sortBy", "priority", "sortOrder", "desc"), Map.of("sortBy", "created", "sortOrder", "asc")),
      List.of(Map.of("sortBy", "nameCaseInsensitive", "sortOrder", "asc")),
      List.of(Map.of("sortBy", "followUpDate", "sortOrder", "asc")),
      List.of());

  /** Readable filters of this user, by name. */
  private Map<String, String> filters(String user) {
    Map<String, String> filters = new LinkedHashMap<>();
    Rest.as(port, user).get("/engine-rest/filter").json().forEach(f -> filters.put(f.get("name").asText(), f.get("id").asText()));
    return filters;
  }

  @Test
  void everyFilterAndOrderAnswersWhatCamundaAnswers() {
    Task hidden = projects();
    int cases = 0;
    for (String user : List.of("zh-unit", "admin", "gz-caizheng", "yiwu")) {
      for (Map.Entry<String, String> filter : filters(user).entrySet()) {
        for (List<Map<String, String>> order : ORDERS) {
          for (Boolean active : new Boolean[] {true, null}) {
            String what = user + " · " + filter.getKey() + " · " + order + " · active=" + active;
            Map<String, Object> body = browse(order, active);
            Answer ours = list(user, filter.getValue(), 0, 10_000, body, TASKLIST_ACCEPT);
            Answer theirs = camunda(user, filter.getValue(), 0, 10_000, body, TASKLIST_ACCEPT);
            assertThat(ours.status()).as(what + ": " + ours.body()).isEqualTo(200);
            assertThat(ours.answeredBy()).as(what).isEqualTo("platform");
            assertThat(theirs.status()).as(what).isEqualTo(200);
            assertThat(theirs.answeredBy()).as(what).isNull();
            sameAnswer(what, ours.json(), theirs.json(), order);
            pagesTile(user, filter.getValue(), body, ours.json(), what);
            if (user.equals("zh-unit")) {
              assertThat(ids(ours.json())).as(what + ": the task whose grant was taken away").doesNotContain(hidden.getId());
            }
            cases++;
          }
        }
      }
    }
    assertThat(cases).isGreaterThanOrEqualTo(4 * 4 * ORDERS.size() * 2);
    // what the data set up must show: zh-unit's group list holds the active, unclaimed, still granted declarations
    String group = filters("zh-unit").get("我组的待办");
    List<String> mine = ids(list("zh-unit", group, 0, 10_000, browse(ORDERS.get(0), true), TASKLIST_ACCEPT).json());
    List<String> declared = started.stream().map(i -> processes.task(i, "Task_Declare").getId()).toList();
    assertThat(declared.stream().filter(mine::contains).toList()).as("declarations 0, 1, 2 and 6 of 7")
        .containsExactlyInAnyOrder(declared.get(0), declared.get(1), declared.get(2), declared.get(6));
  }

  /** Same count, links, embedded definitions; same tasks with the same JSON; the order's keys in the same sequence. */
  private static void sameAnswer(String what, JsonNode ours, JsonNode theirs, List<Map<String, String>> order) {
    assertThat(ours.get("count")).as(what + ": count").isEqualTo(theirs.get("count"));
    assertThat(ours.get("_links")).as(what + ": links").isEqualTo(theirs.get("_links"));
    assertThat(byId(ours.path("_embedded").path("processDefinition"))).as(what + ": process definitions")
        .isEqualTo(byId(theirs.path("_embedded").path("processDefinition")));
    for (String other : List.of("assignee", "owner", "caseDefinition")) {
      assertThat(byId(ours.path("_embedded").path(other))).as(what + ": " + other).isEqualTo(byId(theirs.path("_embedded").path(other)));
    }
    assertThat(byId(ours.path("_embedded").path("task"))).as(what + ": tasks").isEqualTo(byId(theirs.path("_embedded").path("task")));
    assertThat(keys(ours, order)).as(what + ": order").isEqualTo(keys(theirs, order));
  }

  /** Pages of four, one after the other, are the whole list: no task twice, none left out. */
  private void pagesTile(String user, String filterId, Map<String, Object> body, JsonNode whole, String what) {
    List<String> all = ids(whole);
    List<String> paged = new ArrayList<>();
    for (int first = 0; first < all.size() && first < 24; first += 4) {
      Answer page = list(user, filterId, first, 4, body, TASKLIST_ACCEPT);
      assertThat(page.json().get("count")).as(what).isEqualTo(whole.get("count"));
      paged.addAll(ids(page.json()));
    }
    assertThat(paged).as(what + ": pages").isEqualTo(all.subList(0, Math.min(all.size(), 24)));
  }

  private static List<String> keys(JsonNode answer, List<Map<String, String>> order) {
    List<String> keys = new ArrayList<>();
    answer.path("_embedded").path("task").forEach(task -> {
      StringBuilder key = new StringBuilder();
      for (Map<String, String> sort : order) {
        key.append(task.path(KEY.get(sort.get("sortBy"))).asText()).append('|');
      }
      keys.add(order.isEmpty() ? task.get("id").asText() : key.toString());
    });
    return keys;
  }

  private static Map<String, JsonNode> byId(JsonNode list) {
    Map<String, JsonNode> byId = new HashMap<>();
    list.forEach(item -> byId.put(item.get("id").asText(), item));
    return byId;
  }

  private static List<String> ids(JsonNode answer) {
    List<String> ids = new ArrayList<>();
    answer.path("_embedded").path("task").forEach(task -> ids.add(task.get("id").asText()));
    return ids;
  }

  @Test
  void aSearchAnOrderByVariableJsonOrAnUnknownFilterAreCamundasToAnswer() {
    projects();
    String group = filters("zh-unit").get("我组的待办");
    Map<String, Object> search = browse(ORDERS.get(1), true);
    search.put("processVariables", List.of(Map.of("name", "cardTitle", "operator", "like", "value", "%列表核对%")));
    Map<String, Object> byVariable = browse(List.of(), true);
    // a project's parallel tasks share its card title: the id breaks the tie, or two Camunda answers may differ
    byVariable.put("sorting", List.of(Map.of("sortBy", "processVariable", "sortOrder", "asc",
        "parameters", Map.of("variable", "cardTitle", "type", "String")), Map.of("sortBy", "id", "sortOrder", "asc")));
    Map<String, Object> byBusinessKey = browse(ORDERS.get(0), true);
    byBusinessKey.put("processInstanceBusinessKeyLike", "%PAGE-%");
    for (Map<String, Object> body : List.of(search, byVariable, byBusinessKey)) {
      Answer ours = list("zh-unit", group, 0, 15, body, TASKLIST_ACCEPT);
      Answer theirs = camunda("zh-unit", group, 0, 15, body, TASKLIST_ACCEPT);
      assertThat(ours.answeredBy()).as(body.toString()).isNull();
      assertThat(ours.status()).as(ours.body()).isEqualTo(200);
      assertThat(ours.json()).as(body.toString()).isEqualTo(theirs.json());
    }
    assertThat(list("zh-unit", group, 0, 15, search, TASKLIST_ACCEPT).json().get("count").asLong()).isGreaterThanOrEqualTo(4);

    Answer json = list("zh-unit", group, 0, 15, browse(ORDERS.get(0), true), "application/json");
    assertThat(json.answeredBy()).isNull();
    assertThat(json.json().isArray()).as("a JSON client gets Camunda's plain list").isTrue();
    Answer tie = list("zh-unit", group, 0, 15, browse(ORDERS.get(0), true), "application/json, application/hal+json");
    assertThat(tie.answeredBy()).isNull();

    Answer unknown = list("zh-unit", "no-such-filter", 0, 15, browse(ORDERS.get(0), true), TASKLIST_ACCEPT);
    assertThat(unknown.answeredBy()).isNull();
    assertThat(unknown.status()).isEqualTo(camunda("zh-unit", "no-such-filter", 0, 15, browse(ORDERS.get(0), true),
        TASKLIST_ACCEPT).status()).isEqualTo(403); // Camunda checks READ before it looks

    // an observer filter (抄送) of another group: not readable, Camunda refuses
    String observers = filters("gz-caizheng").entrySet().stream().filter(e -> e.getKey().startsWith("抄送")).findFirst()
        .orElseThrow().getValue();
    Answer foreign = list("zh-unit", observers, 0, 15, browse(ORDERS.get(0), true), TASKLIST_ACCEPT);
    assertThat(foreign.answeredBy()).isNull();
    assertThat(foreign.status()).as(foreign.body()).isEqualTo(403);

    // a filter a user saved with a condition of their own
    Rest admin = Rest.as(port, "admin");
    Rest.Response created = admin.post("/engine-rest/filter/create", Map.of("resourceType", "Task", "name", "按名称",
        "query", Map.of("nameLike", "%申报%"), "properties", Map.of()));
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    String own = created.json().get("id").asText();
    try {
      Answer ours = list("admin", own, 0, 15, browse(ORDERS.get(0), true), TASKLIST_ACCEPT);
      assertThat(ours.answeredBy()).isNull();
      assertThat(ours.json()).isEqualTo(camunda("admin", own, 0, 15, browse(ORDERS.get(0), true), TASKLIST_ACCEPT).json());
    } finally {
      admin.delete("/engine-rest/filter/" + own);
    }
  }

  /**
   * Camunda's grant test lets a task through on any of the caller's READ-on-task or READ_TASK-on-definition grants
   * whose resource id is the task's, its process key or '*' — whichever type the grant has. Each such grant, given
   * to zh-unit alone, brings back the task its group grant was taken from, on both sides alike.
   */
  @Test
  void everyGrantCamundaCountsLetsTheTaskThroughAsInCamunda() {
    Task hidden = projects();
    String group = filters("zh-unit").get("我组的待办");
    Object[][] grants = {{Resources.TASK, "zhuhai-project", Permissions.READ}, // a task grant named by the process key
        {Resources.PROCESS_DEFINITION, "zhuhai-project", org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_TASK},
        {Resources.TASK, "*", Permissions.READ}, {Resources.TASK, hidden.getId(), Permissions.READ}};
    for (Object[] grant : grants) {
      Authorization given = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      given.setUserId("zh-unit");
      given.setResource((Resources) grant[0]);
      given.setResourceId((String) grant[1]);
      given.addPermission((org.camunda.bpm.engine.authorization.Permission) grant[2]);
      engine.getAuthorizationService().saveAuthorization(given);
      String what = grant[0] + " " + grant[1];
      try {
        Answer ours = list("zh-unit", group, 0, 10_000, browse(ORDERS.get(0), true), TASKLIST_ACCEPT);
        Answer theirs = camunda("zh-unit", group, 0, 10_000, browse(ORDERS.get(0), true), TASKLIST_ACCEPT);
        assertThat(ours.answeredBy()).as(what).isEqualTo("platform");
        sameAnswer(what, ours.json(), theirs.json(), ORDERS.get(0));
        assertThat(ids(ours.json())).as(what).contains(hidden.getId());
      } finally {
        engine.getAuthorizationService().deleteAuthorization(given.getId());
      }
    }
    assertThat(ids(list("zh-unit", group, 0, 10_000, browse(ORDERS.get(0), true), TASKLIST_ACCEPT).json()))
        .doesNotContain(hidden.getId());
  }

  @Test
  void aRevokeThatConcernsTheCallerLeavesTheListToCamunda() {
    Task hidden = projects();
    Task revoked = processes.task(started.get(6), "Task_Declare");
    Authorization revoke = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId("zh-unit");
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(revoked.getId());
    revoke.removePermission(Permissions.READ);
    engine.getAuthorizationService().saveAuthorization(revoke);
    String group = filters("zh-unit").get("我组的待办");
    try {
      Answer ours = list("zh-unit", group, 0, 10_000, browse(ORDERS.get(0), true), TASKLIST_ACCEPT);
      assertThat(ours.answeredBy()).as("Camunda weighs revokes").isNull();
      assertThat(ids(ours.json())).doesNotContain(revoked.getId(), hidden.getId());
      // another user of no concern to that revoke keeps the page query
      assertThat(list("admin", filters("admin").get("全部可见任务"), 0, 15, browse(ORDERS.get(0), true), TASKLIST_ACCEPT)
          .answeredBy()).isEqualTo("platform");
    } finally {
      engine.getAuthorizationService().deleteAuthorization(revoke.getId());
    }
    assertThat(list("zh-unit", group, 0, 15, browse(ORDERS.get(0), true), TASKLIST_ACCEPT).answeredBy()).isEqualTo("platform");
  }

  @Test
  void tasklistsOwnApiGetsThePageWithItsSessionAndToken() {
    projects();
    Webapp tasklist = new Webapp(port);
    assertThat(tasklist.login("zh-unit", "demo").status()).isEqualTo(200);
    String group = filters("zh-unit").get("我组的待办");
    String path = "/camunda/api/engine/engine/default/filter/" + group + "/list?firstResult=0&maxResults=15";
    String body;
    try {
      body = JSON.writeValueAsString(browse(ORDERS.get(1), true));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    HttpResponse<String> page = tasklist.post(path, body, TASKLIST_ACCEPT, true);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.headers().firstValue(TaskPageRequestFilter.ANSWERED_BY)).contains("platform");
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/hal+json"));
    Answer basic = list("zh-unit", group, 0, 15, browse(ORDERS.get(1), true), TASKLIST_ACCEPT);
    try {
      assertThat(JSON.readTree(page.body())).isEqualTo(basic.json());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    HttpResponse<String> forged = tasklist.post(path, body, TASKLIST_ACCEPT, false);
    assertThat(forged.statusCode()).as("no CSRF token, no page").isEqualTo(403);
    assertThat(new Webapp(port).post(path, body, TASKLIST_ACCEPT, false).statusCode()).as("no session").isIn(401, 403);
  }
}
