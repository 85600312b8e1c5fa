package cn.healthit.approval.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.reliability.SweptForms.Field;
import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bad input, generated from the deployed models and their forms: for every process a starter may start
 * (organisation/*.json "starters") and for the first tasks of each, every form field gets the bad values
 * its type invites — missing when required, wrong type, negative, over-precise and absurd amounts, 100 000
 * characters, an option the form does not offer — and every text field gets script and HTML injection.
 * Each bad value must be refused through /engine-rest with the platform's one error shape naming the
 * field, leaving no instance, no history and no variable behind; injected markup may be kept as typed
 * but must come out escaped in the approval record. /api's reminders get the same treatment. A new
 * process or form field is swept without touching this test.
 */
@PlatformTest
class BadInputSweepTest {

  static final String SCRIPT = "<script>alert(1)</script>";
  static final String IMG = "<img src=x onerror=alert(document.cookie)>";
  static final String HUGE = "长".repeat(100_000);
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Processes processes;

  static int tried;
  static int refused;
  static int neutralised;
  static int escapedInRecord;
  static final List<String> holes = new ArrayList<>();

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
  }

  @AfterAll
  static void print() {
    System.out.println("[reliability] bad inputs: " + tried + " tried, " + refused + " refused with the one error shape, "
        + neutralised + " kept as typed and escaped (" + escapedInRecord + " checked in the approval record), holes: " + holes.size());
  }

  // ---------------------------------------------------------------- model and form discovery (SweptForms)

  static Map<String, List<Field>> forms() throws Exception {
    return SweptForms.forms();
  }

  static Map<String, List<String>> startable() throws Exception {
    return SweptForms.startable();
  }

  String formOfStart(String processKey) {
    return SweptForms.formOfStart(engine, processKey);
  }

  String formOfTask(Task task) {
    return SweptForms.formOfTask(engine, task);
  }

  String firstMember(String groupId) {
    return SweptForms.firstMember(engine, groupId);
  }

  // ---------------------------------------------------------------- values

  /** A plausible value for a field, from its form; a few fields name something that must exist. */
  static Object good(Field f, Map<String, Object> overrides) {
    if (overrides.containsKey(f.key())) {
      return overrides.get(f.key());
    }
    if (!f.options().isEmpty()) {
      return f.options().get(0);
    }
    return switch (f.type()) {
      case "number" -> f.amount() ? "100000.00" : f.json().path("validate").path("max").isNumber()
          ? f.json().path("validate").path("max").asInt() : 1;
      case "checkbox" -> false;
      case "datetime" -> LocalDateTime.now().minusHours(2).truncatedTo(ChronoUnit.MINUTES).toString();
      default -> "测试填写的" + f.label();
    };
  }

  record Case(String kind, String field, Object value, boolean injection) {}

  static final Object MISSING = new Object();

  /**
   * Required on the form, deliberately optional on the server: absent reads as 否 (docs/tianjin-change-emergency.md:
   * "start / caller (default false)"; a project calling a change passes no such value).
   */
  static final java.util.Set<String> DEFAULTED = java.util.Set.of("tianjin-change-request.governmentFunded",
      // a change raised without its written reason starts with 「提交书面变更申请」 (000 §15; docs/tianjin-change-emergency.md)
      "tianjin-change-request.reason");

  /** The bad values a field's type invites. */
  static List<Case> cases(Field f, boolean withMissing) {
    List<Case> out = new ArrayList<>();
    if (withMissing && f.required()) {
      out.add(new Case("missing", f.key(), MISSING, false));
    }
    switch (f.type()) {
      case "textfield", "textarea" -> {
        out.add(new Case("100k characters", f.key(), HUGE, false));
        out.add(new Case("wrong type (boolean)", f.key(), true, false));
        out.add(new Case("script injection", f.key(), SCRIPT, true));
        out.add(new Case("HTML injection", f.key(), IMG, true));
      }
      case "number" -> {
        out.add(new Case("wrong type (text)", f.key(), "abc", false));
        out.add(new Case("wrong type (boolean)", f.key(), true, false));
        out.add(new Case("negative", f.key(), f.amount() ? "-1.00" : -1, false));
        if (f.amount()) {
          out.add(new Case("three decimals (text)", f.key(), "100.005", false));
          out.add(new Case("three decimals (number)", f.key(), 100.005, false));
          out.add(new Case("absurd magnitude", f.key(), "10000000000000.00", false));
          out.add(new Case("exponent", f.key(), "1e20", false));
        } else if (f.json().path("validate").path("max").isNumber()) {
          out.add(new Case("above the maximum", f.key(), f.json().path("validate").path("max").asInt() + 1, false));
        }
      }
      case "select", "radio" -> {
        if (!f.options().isEmpty()) {
          out.add(new Case("unknown option", f.key(), "NOT_AN_OPTION", false));
          out.add(new Case("wrong type (number)", f.key(), 42, false));
        }
      }
      case "checkbox" -> out.add(new Case("wrong type (text)", f.key(), "maybe", false));
      case "datetime" -> out.add(new Case("not a date", f.key(), "下周一", false));
      default -> { }
    }
    return out;
  }

  static Map<String, Object> rest(Map<String, Object> variables) {
    Map<String, Object> out = new LinkedHashMap<>();
    variables.forEach((k, v) -> out.put(k, Map.of("value", v)));
    return out;
  }

  // ---------------------------------------------------------------- outcomes

  long historicVariables() {
    return engine.getHistoryService().createHistoricVariableInstanceQuery().count();
  }

  void assertRefusedShape(String what, Rest.Response r, String field, boolean fieldKnown) {
    assertThat(r.status()).as("%s → %s", what, abbreviate(r.body())).isEqualTo(400);
    JsonNode json = r.json();
    assertThat(json.get("status").asInt()).as(what).isEqualTo(400);
    assertThat(json.path("message").asText()).as(what).matches("(?s).*\\p{IsHan}.*");
    if (fieldKnown) {
      assertThat(json.path("field").asText()).as("%s: the refusal names the field (%s)", what, json.path("message").asText())
          .isEqualTo(field);
    }
    assertThat(r.body().length()).as("%s: the refusal does not echo 100k characters", what).isLessThan(5_000);
  }

  static String abbreviate(String s) {
    return s == null || s.length() < 600 ? s : s.substring(0, 600) + "…";
  }

  void assertEscapedInRecord(String what, String businessKey, String user, Object payload) {
    Rest.Response record = Rest.as(port, user).get("/api/projects/" + businessKey + "/record");
    if (record.status() != 200) {
      return;
    }
    assertThat(record.body()).as("%s: the approval record never carries live markup", what)
        .doesNotContain(SCRIPT).doesNotContain("<img src=x");
    String escaped = payload.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    if (record.body().contains(escaped) || record.body().contains(escaped.replace("\"", "&quot;"))) {
      escapedInRecord++;
    }
  }

  // ---------------------------------------------------------------- starts

  Map<String, Object> overrides(String processKey) {
    Map<String, Object> o = new LinkedHashMap<>();
    switch (processKey) {
      case "guangzhou-project" -> o.put("constructionUnit", "construction-unit");
      case "tianjin-change-request" -> o.put("projectNumber", Processes.uniqueKey("TJ-SWEEP"));
      case "chongqing-feedback", "chongqing-flow-change" -> o.put("rolloutNumber", rollout());
      default -> { }
    }
    return o;
  }

  private String rolloutKey;

  String rollout() {
    if (rolloutKey == null) {
      rolloutKey = processes.start("chongqing-rollout", Processes.uniqueKey("CQ-SWEEP"),
          Map.of("projectName", "妇幼系统", "hospitalName", "重庆市妇幼保健院")).getBusinessKey();
    }
    return rolloutKey;
  }

  static String businessKey(String processKey, Map<String, Object> variables) {
    if (processKey.equals("tianjin-change-request")) {
      return variables.getOrDefault("projectNumber", "TJ-SWEEP-NONE") + "-BG-1";
    }
    return Processes.uniqueKey("SWEEP");
  }

  Rest.Response start(String user, String processKey, String businessKey, Map<String, Object> variables) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (businessKey != null) {
      body.put("businessKey", businessKey);
    }
    body.put("variables", rest(variables));
    return Rest.as(port, user).post("/engine-rest/process-definition/key/" + processKey + "/start", body);
  }

  @Test
  void everyStartRefusesBadInputAndLeavesNothingBehind() throws Exception {
    Map<String, List<Field>> forms = forms();
    Map<String, List<String>> startable = startable();
    assertThat(startable).containsKeys("tianjin-project", "tianjin-change-request", "tianjin-emergency-procurement",
        "guangzhou-project", "zhuhai-project", "chongqing-rollout", "chongqing-incident", "baishan-consulting-design");
    for (Map.Entry<String, List<String>> process : startable.entrySet()) {
      String key = process.getKey();
      String starter = firstMember(process.getValue().get(0));
      String formId = formOfStart(key);
      assertThat(formId).as("%s has a start form", key).isNotNull();
      List<Field> fields = forms.get(formId);

      Function<Map<String, Object>, Map<String, Object>> baseline = o -> {
        Map<String, Object> vars = new LinkedHashMap<>();
        fields.forEach(f -> vars.put(f.key(), good(f, o)));
        return vars;
      };
      Map<String, Object> good = baseline.apply(overrides(key));
      String goodKey = businessKey(key, good);
      Rest.Response accepted = start(starter, key, goodKey, good);
      boolean baselineValid = accepted.status() == 200;
      System.out.println("[sweep] " + key + " (" + formId + ", " + fields.size() + " fields) baseline "
          + (baselineValid ? "accepted" : "refused: " + abbreviate(accepted.body())));
      if (!baselineValid) {
        assertRefusedShape(key + " baseline", accepted, null, false);
      }

      List<Case> all = new ArrayList<>();
      fields.forEach(f -> all.addAll(cases(f, true)));
      all.add(new Case("100k characters in an undeclared variable", "notOnTheForm", HUGE, false));
      for (Case c : all) {
        Map<String, Object> vars = baseline.apply(overrides(key));
        if (c.value() == MISSING) {
          vars.remove(c.field());
        } else {
          vars.put(c.field(), c.value());
        }
        String businessKey = businessKey(key, vars);
        sweepStart(key + " " + c.field() + ": " + c.kind(), starter, key, businessKey, vars, c, baselineValid);
      }
      for (String[] bk : List.of(new String[] {"businessKey missing", null}, new String[] {"businessKey script", SCRIPT},
          new String[] {"businessKey 100k", HUGE}, new String[] {"businessKey HTML", IMG})) {
        Map<String, Object> vars = baseline.apply(overrides(key));
        sweepStart(key + " " + bk[0], starter, key, bk[1], vars, new Case(bk[0], "businessKey", bk[1], false), true);
      }
    }
    assertThat(holes).as("bad inputs that got through").isEmpty();
    assertThat(escapedInRecord).as("injected markup seen escaped in the approval record").isPositive();
  }

  private void sweepStart(String what, String starter, String processKey, String businessKey, Map<String, Object> vars,
      Case c, boolean baselineValid) {
    tried++;
    long variablesBefore = historicVariables();
    Rest.Response r = start(starter, processKey, businessKey, vars);
    if (c.injection() && r.status() == 200) {
      neutralised++;
      String id = r.json().get("id").asText();
      assertThat(engine.getRuntimeService().getVariable(id, c.field())).as(what + ": kept as typed").isEqualTo(c.value());
      assertEscapedInRecord(what, businessKey, starter, c.value());
      return;
    }
    if (c.value() == MISSING && r.status() == 200 && DEFAULTED.contains(processKey + "." + c.field())) {
      neutralised++; // absent reads as the documented default
      String id = r.json().get("id").asText();
      if (c.field().equals("reason")) {
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(id).taskDefinitionKey("Task_FileRequest").count())
            .as(what + ": the written request is filed first").isEqualTo(1);
      } else {
        assertThat(engine.getRuntimeService().getVariable(id, c.field())).as(what).isEqualTo(false);
      }
      return;
    }
    if (r.status() != 400) {
      holes.add(what + " → " + r.status() + " " + abbreviate(r.body()));
      return;
    }
    refused++;
    // a change request's business key is "<projectNumber>-BG-n": a bad project number makes a bad key, refused first
    boolean keyFromField = processKey.equals("tianjin-change-request") && c.field().equals("projectNumber")
        && "businessKey".equals(r.json().path("field").asText());
    assertRefusedShape(what, r, c.field(), baselineValid && !keyFromField);
    if (businessKey != null) {
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(businessKey).count())
          .as(what + ": no instance").isZero();
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).count())
          .as(what + ": no history").isZero();
    }
    assertThat(historicVariables()).as(what + ": no variable written").isEqualTo(variablesBefore);
  }

  // ---------------------------------------------------------------- task completions

  @Test
  void everyFirstTaskRefusesBadInputAndKeepsItsVariables() throws Exception {
    Map<String, List<Field>> forms = forms();
    int tasksSwept = 0;
    for (Map.Entry<String, List<String>> process : startable().entrySet()) {
      String key = process.getKey();
      String starter = firstMember(process.getValue().get(0));
      List<Field> startFields = forms.get(formOfStart(key));
      Function<Void, String> fresh = ignored -> {
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, Object> o = overrides(key);
        startFields.forEach(f -> vars.put(f.key(), good(f, o)));
        String businessKey = businessKey(key, vars);
        Rest.Response r = start(starter, key, businessKey, vars);
        return r.status() == 200 ? businessKey : null;
      };
      String probe = fresh.apply(null);
      if (probe == null) {
        continue; // cannot be started on its own here (e.g. a flow change before go-live): swept at start only
      }
      for (Task first : engine.getTaskService().createTaskQuery().processInstanceBusinessKey(probe).list()) {
        String formId = formOfTask(first);
        if (formId == null || !forms.containsKey(formId)) {
          continue;
        }
        List<Field> fields = forms.get(formId);
        String user = candidate(first);
        if (user == null) {
          continue;
        }
        tasksSwept++;
        Map<String, Object> good = new LinkedHashMap<>();
        fields.forEach(f -> good.put(f.key(), good(f, TASK_VALUES)));
        Rest.Response baseline = complete(user, first, good);
        boolean baselineValid = baseline.status() == 204;
        System.out.println("[sweep] " + key + " / " + first.getTaskDefinitionKey() + " (" + formId + ") baseline "
            + (baselineValid ? "accepted" : "refused: " + abbreviate(baseline.body())));

        String current = fresh.apply(null);
        for (Field f : fields) {
          for (Case c : cases(f, false)) {
            Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(current)
                .taskDefinitionKey(first.getTaskDefinitionKey()).singleResult();
            Map<String, Object> vars = new LinkedHashMap<>(good);
            vars.put(c.field(), c.value());
            String what = key + " / " + first.getTaskDefinitionKey() + " " + c.field() + ": " + c.kind();
            tried++;
            Map<String, String> before = snapshot(task.getProcessInstanceId());
            Rest.Response r = complete(user, task, vars);
            if (c.injection() && r.status() == 204) {
              neutralised++;
              assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(task.getProcessInstanceId())
                  .variableUpdates().list()).as(what + ": kept as typed")
                  .anyMatch(d -> d instanceof HistoricVariableUpdate u && u.getVariableName().equals(c.field()) && c.value().equals(u.getValue()));
              assertEscapedInRecord(what, current, user, c.value());
              current = fresh.apply(null);
              continue;
            }
            if (r.status() != 400) {
              holes.add(what + " → " + r.status() + " " + abbreviate(r.body()));
              current = fresh.apply(null);
              continue;
            }
            refused++;
            assertRefusedShape(what, r, c.field(), baselineValid);
            assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).as(what + ": task still open").isEqualTo(1);
            assertThat(snapshot(task.getProcessInstanceId())).as(what + ": no variable changed").isEqualTo(before);
          }
        }
      }
    }
    System.out.println("[reliability] task completions swept: " + tasksSwept + " tasks");
    assertThat(tasksSwept).isGreaterThanOrEqualTo(5);
    assertThat(holes).as("bad inputs that got through").isEmpty();
  }

  /** Task fields whose valid value names somebody or confirms something. */
  static final Map<String, Object> TASK_VALUES = Map.of("vendorTrialLead", "cq-vendor", "itTrialLead", "cq-it",
      "departmentTrialLead", "cq-dept", "stamped", true);

  String candidate(Task task) {
    List<String> candidates = SweptForms.candidates(engine, task);
    return candidates.isEmpty() ? null : candidates.get(0);
  }

  Rest.Response complete(String user, Task task, Map<String, Object> variables) {
    Rest rest = Rest.as(port, user);
    Task now = engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult();
    if (now.getAssignee() == null) {
      assertThat(rest.post("/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", user)).status()).isEqualTo(204);
    }
    return rest.post("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", rest(variables)));
  }

  Map<String, String> snapshot(String processInstanceId) {
    Map<String, String> out = new TreeMap<>();
    engine.getRuntimeService().createVariableInstanceQuery().processInstanceIdIn(processInstanceId).list()
        .forEach(v -> out.put(v.getName() + "@" + v.getActivityInstanceId(), String.valueOf(v.getValue())));
    return out;
  }

  // ---------------------------------------------------------------- /api

  @Test
  void theApiRefusesBadRemindersAndEscapesInjectedOnes() {
    String key = processes.start("zhuhai-project", Processes.uniqueKey("ZH-SWEEP"),
        Map.of("projectName", "区域平台", "unitName", "香洲区人民医院", "amount", "150000.00")).getBusinessKey();
    Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key).singleResult();
    Rest office = Rest.as(port, "zh-unit"); // the task's own group urges itself; others do not see the task
    String path = "/api/tasks/" + task.getId() + "/reminders";
    for (Object[] bad : new Object[][] {{"missing", Map.of()}, {"blank", Map.of("message", "  ")},
        {"100k characters", Map.of("message", HUGE)}, {"wrong type (object)", Map.of("message", Map.of("a", 1))},
        {"wrong type (list)", Map.of("message", List.of("a"))}, {"not JSON", "{message:"}, {"not an object", "[]"}}) {
      tried++;
      long comments = engine.getTaskService().getTaskComments(task.getId()).size();
      Rest.Response r = office.post(path, bad[1]);
      assertThat(r.status()).as("reminder %s → %s", bad[0], abbreviate(r.body())).isEqualTo(400);
      assertThat(r.json().get("status").asInt()).isEqualTo(400);
      assertThat(r.json().get("message").asText()).matches("(?s).*\\p{IsHan}.*");
      assertThat(engine.getTaskService().getTaskComments(task.getId())).hasSize((int) comments);
      refused++;
    }
    for (String injection : List.of(SCRIPT, IMG)) {
      tried++;
      Rest.Response r = office.post(path, Map.of("message", injection));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      neutralised++;
      assertEscapedInRecord("reminder " + injection, key, "zh-unit", injection);
    }
  }
}
