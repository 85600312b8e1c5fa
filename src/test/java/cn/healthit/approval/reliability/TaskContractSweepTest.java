package cn.healthit.approval.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.reliability.SweptForms.Field;
import cn.healthit.approval.support.CompletionProbe;
import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.BytesValue;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The task contract (issue 16), generated from the deployed models and forms: every startable process
 * (organisation/*.json "starters") is walked through /engine-rest as the real candidate-group users, called
 * processes through their callers, every user task on every path the models allow — each option of a decision
 * field at least once (on different instances), loops back at least once, each timer fired once through the
 * management service. At every task definition reached, each of these is its own request against
 * {@code /task/{id}/complete} (and, once per model, {@code /submit-form} and {@code /resolve} after a delegation):
 * <ol>
 *   <li>each platform variable changed (a variable of the instance that is not an editable field of this form);</li>
 *   <li>each read-only field of the form changed;</li>
 *   <li>each editable field in each wrong JSON type (a number for text, a string for a yes/no, an object, an
 *       array, an option the form does not offer);</li>
 *   <li>a variable nobody declared;</li>
 *   <li>an oversize text (4 001 characters);</li>
 * </ol>
 * each on top of a completion the server accepts, so a refusal can only be for that one change. Each must be
 * refused with a 4xx in the platform's one error shape naming the field, in Chinese, leaving the instance as it
 * was (variables, tasks, incidents). A request that gets through is a hole: {@link CompletionProbe} rolls it
 * back at its commit, so it is reported and the instance still serves the next request. Then the task is
 * completed with its optional fields left out (6), which must succeed and move the project on. Everywhere:
 * no 5xx, and at the end no incident.
 *
 * <p>Valid values come from the form (first option, a number within min/max, money "1000.00", today, true for a
 * must-confirm checkbox); where a regulation's cross-field rule needs specific values, {@link #HINTS} holds them
 * per task definition key. Run alone: {@code ./mvnw -q test -Dtest=TaskContractSweepTest}.
 */
@PlatformTest
class TaskContractSweepTest {

  static final String UNKNOWN = "sweepUndeclared";
  static final String OVERSIZE = "长".repeat(4001);
  /** Beyond its form a step may carry these (contract, issue 16: declared in one place). */
  static final Set<String> DECLARED = Set.of("opinion");
  static final int MAX_RUNS = 30;
  static final int MAX_STEPS = 160;
  static final Duration BUDGET = Duration.ofMinutes(9);
  static final java.util.concurrent.atomic.AtomicInteger TEXTS = new java.util.concurrent.atomic.AtomicInteger();
  static final Pattern MONEY = Pattern.compile("-?\\d+\\.\\d{2}");
  static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  static final Pattern DATETIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");
  static final Pattern ENUM = Pattern.compile("[A-Z][A-Z0-9_]*");
  static final Pattern ID = Pattern.compile("[a-z0-9]+([-_.][a-z0-9]+)*");

  /** In a hint: leave the field out (e.g. a start filed without its written request). */
  static final Object OMIT = new Object() {
    @Override
    public String toString() {
      return "OMIT";
    }
  };

  /**
   * Values a regulation's cross-field rule needs, by task definition key ({@code start:<process key>} for a start
   * form, {@code *} for a field wherever it is): one value is used as is; several are explored like a
   * decision's options (e.g. budgets on either side of a tier line). Kept small: not a script per model.
   */
  static final Map<String, Map<String, List<Object>>> HINTS = hints(
      "*", h("vendorTrialLead", List.of("cq-vendor"), "itTrialLead", List.of("cq-it"),
          "departmentTrialLead", List.of("cq-dept"), "stamped", List.of(true)),
      // tiers GENERAL / IMPORTANT / MAJOR (SPEC §0: 50万, 200万)
      "start:tianjin-project", h("budget", List.of("1000.00", "600000.00", "3000000.00")),
      // leading group from 10万 (004 §9)
      "start:zhuhai-project", h("amount", List.of("150000.00", "1000.00")),
      // final acceptance by the construction unit below 100万, by the municipal IT authority from there
      "start:guangzhou-project", h("constructionUnit", List.of("construction-unit"), "investment", List.of("1000.00", "2000000.00")),
      // joint review from 50万
      "start:tianjin-emergency-procurement", h("estimatedCost", List.of("1000.00", "600000.00")),
      // the 10% rule (5% stays with the office, 20% goes up); a change filed with and without its written reason (000 §15: 「提交书面变更申请」 first)
      "start:tianjin-change-request", h("contractAmount", List.of("1000000.00"),
          "costEstimate", List.of("50000.00", "200000.00"), "reason", List.of("测试填写的变更原因", OMIT)),
      // a recovery is announced for a time ahead
      "Task_AnnounceRecovery", h("expectedRecoveryAt", List.of((Supplier<Object>) () -> LocalDateTime.now().plusHours(2)
          .truncatedTo(ChronoUnit.MINUTES).toString())),
      // a proof of concept reports numbers (第十条第3款)
      "Task_PocTest", h("pocResults", List.of("挂号接口平均响应 0.8 秒，500 并发下错误率 0%")),
      // pass and retrain (the pass mark)
      "Task_TrainingExam", h("trainingPassRate", List.of(100, 50)),
      // people are named by their user ids
      "Task_ProcurementExecution", h("procurementParticipants", List.of("caigou")),
      "Task_AssignImplementer", h("implementer", List.of("xinxi2")),
      "Task_NameCounterpart", h("counterpart", List.of((Function<Map<String, Object>, Object>) vars -> Map.of("it-division", "xinxi2",
          "dept-medical-affairs", "yiwu", "dept-nursing", "huli", "dept-radiology", "fangshe", "dept-laboratory", "jianyan",
          "dept-pharmacy", "yaoxue").getOrDefault(String.valueOf(vars.get("requestingDepartment")), "xinxi2"))),
      // the two recommenders name different experts of the pool (工作组成员不能重复)
      "Task_RecommendItDivision", h("itDivisionExpert", List.of(fromPool("internalPool", 0))),
      "Task_RecommendOffice", h("officeExpert", List.of(fromPool("internalPool", 1))));

  @SuppressWarnings("unchecked")
  static Map<String, List<Object>> h(Object... keysAndValues) {
    Map<String, List<Object>> out = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], (List<Object>) keysAndValues[i + 1]);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, List<Object>>> hints(Object... keysAndValues) {
    Map<String, Map<String, List<Object>>> out = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], (Map<String, List<Object>>) keysAndValues[i + 1]);
    }
    return out;
  }

  /** A hint computed from the task's variables: the n-th expert of a pool. */
  static Function<Map<String, Object>, Object> fromPool(String pool, int n) {
    return vars -> vars.get(pool) instanceof List<?> l && l.size() > n ? optionValue(l.get(n)) : "NO_POOL";
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Processes processes;
  int returns;
  int questionsAsked;

  Map<String, List<Field>> forms;
  /** Field key → the options any form offers for it: a plausible other value for a platform variable. */
  final Map<String, List<Object>> optionsByKey = new HashMap<>();

  int attempts;
  int refused;
  int fiveXx;
  int completions;
  final Set<String> reached = new TreeSet<>();
  final Set<String> swept = new HashSet<>();
  final Set<String> sampled = new HashSet<>();
  final Map<String, Map<Object, Integer>> choices = new HashMap<>();
  final Set<String> firedTimers = new HashSet<>();
  /** process instance / place / field → the options taken there in that instance. */
  final Map<String, Set<Object>> chosenInInstance = new HashMap<>();
  String currentInstance;
  final Map<String, String> jobActivity = new HashMap<>();
  final List<String> holes = new ArrayList<>();
  final Set<String> stuck = new LinkedHashSet<>();
  final Set<String> businessKeys = new LinkedHashSet<>();
  /** Optional on the form, required by a regulation's rule for the values chosen: a synchronous 400, for the lead to see. */
  final Set<String> ruleRequired = new TreeSet<>();
  long hostileNanos;
  /** {@code -Dcontract.trace=true}: every step; {@code -Dcontract.only=zhuhai}: the processes whose key starts so. */
  static final boolean TRACE = Boolean.getBoolean("contract.trace");
  static final String ONLY = System.getProperty("contract.only");
  long deadline;

  @BeforeEach
  void init() throws Exception {
    processes = Processes.init(engine);
    forms = SweptForms.forms(true);
    forms.values().forEach(fields -> fields.forEach(f -> {
      if (!f.options().isEmpty()) {
        optionsByKey.computeIfAbsent(f.key(), k -> new ArrayList<>()).addAll(f.options());
      }
    }));
  }

  @Test
  void everyTaskAcceptsExactlyWhatItsFormLetsItsUserEdit() throws Exception {
    long started = System.nanoTime();
    deadline = started + BUDGET.toNanos();
    Map<String, List<String>> startable = SweptForms.startable();
    for (Map.Entry<String, List<String>> process : startable.entrySet()) {
      if (ONLY != null && !process.getKey().startsWith(ONLY)) {
        continue;
      }
      long t0 = System.nanoTime();
      int before = reached.size();
      for (int run = 0; run < MAX_RUNS && System.nanoTime() < deadline; run++) {
        int coverage = coverage();
        String businessKey = start(process.getKey(), process.getValue());
        if (businessKey == null) {
          break;
        }
        walk(process.getKey(), businessKey);
        if (coverage() == coverage) {
          break;
        }
      }
      System.out.printf("[contract] %s: %d task definitions reached, %d ms%n", process.getKey(), reached.size() - before,
          (System.nanoTime() - t0) / 1_000_000);
    }

    long incidents = 0;
    for (String businessKey : businessKeys) {
      for (HistoricProcessInstance instance : engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processInstanceBusinessKey(businessKey).list()) {
        long n = engine.getHistoryService().createHistoricIncidentQuery().processInstanceId(instance.getId()).count(); // open or resolved
        if (n > 0) {
          holes.add("incident | " + businessKey + " (" + instance.getProcessDefinitionKey() + ") | " + n + " incident(s)");
        }
        incidents += n;
      }
    }

    Set<String> unreached = new TreeSet<>();
    for (ProcessDefinition definition : engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list()) {
      BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(definition.getId());
      if (model.getModelElementsByType(UserTask.class).isEmpty() || definition.getResourceName() == null
          || !definition.getResourceName().startsWith("processes/")) {
        continue;
      }
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        if (!reached.contains(definition.getKey() + "/" + task.getId())) {
          unreached.add(definition.getKey() + "/" + task.getId() + " " + task.getName());
        }
      }
    }

    System.out.printf("[contract] tasks reached %d, attempts %d, refused %d, 5xx %d, incidents %d, holes %d"
        + " (valid completions %d, %d s)%n", reached.size(), attempts, refused, fiveXx, incidents, holes.size(), completions,
        (System.nanoTime() - started) / 1_000_000_000);
    new TreeSet<>(holes).forEach(h -> System.out.println("[contract] hole " + h));
    stuck.forEach(s -> System.out.println("[contract] path not walked: " + s));
    ruleRequired.forEach(s -> System.out.println("[contract] optional on the form, required by a rule: " + s));
    System.out.printf("[contract] hostile batches took %d s%n", hostileNanos / 1_000_000_000);
    unreached.forEach(u -> System.out.println("[contract] task not reached: " + u));

    List<String> orphans = orphanedQuestions();
    System.out.printf("[contract] approval actions: %d returns, %d questions asked, %d left orphaned%n", returns, questionsAsked,
        orphans.size());
    orphans.forEach(o -> holes.add("征求意见 outlived its step | asking task " + o));

    assertThat(reached).as("task definitions reached").hasSizeGreaterThan(100);
    assertThat(returns).as("returns made across the models").isGreaterThan(20);
    assertThat(fiveXx).as("answers 5xx").isZero();
    assertThat(incidents).as("incidents").isZero();
    assertThat(holes).as("holes in the task contract").isEmpty();
  }

  int coverage() {
    return reached.size() + firedTimers.size() + choices.values().stream().mapToInt(Map::size).sum();
  }

  // ---------------------------------------------------------------- starting

  String start(String processKey, List<String> starterGroups) {
    String formId = SweptForms.formOfStart(engine, processKey);
    List<Field> fields = formId == null ? List.of() : editable(forms.getOrDefault(formId, List.of()));
    String where = processKey + "/start:" + processKey;
    currentInstance = null;
    Map<String, Object> chosen = new LinkedHashMap<>();
    Map<String, Object> minimal = values(where, "start:" + processKey, fields, Map.of(), true, false, chosen);
    Map<String, Object> full = values(where, "start:" + processKey, fields, Map.of(), false, false, new LinkedHashMap<>());
    String rollout = fields.stream().anyMatch(f -> f.key().equals("rolloutNumber")) ? liveRollout() : null;
    Rest.Response leftOut = null;
    String falseOf = null;
    Map<String, Set<Object>> tried = new HashMap<>();
    Map<String, Object> vars = minimal;
    for (int attempt = 0; attempt < 8; attempt++) {
      if (rollout != null) {
        vars.put("rolloutNumber", rollout);
      }
      if (vars.containsKey("projectNumber")) {
        vars.put("projectNumber", Processes.uniqueKey("TJ-CONTRACT"));
      }
      String businessKey = processKey.equals("tianjin-change-request") ? vars.get("projectNumber") + "-BG-1"
          : Processes.uniqueKey("CONTRACT");
      String starter = starter(starterGroups, vars);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("businessKey", businessKey);
      body.put("variables", rest(vars));
      Rest.Response r = Rest.as(port, starter).post("/engine-rest/process-definition/key/" + processKey + "/start", body);
      if (r.status() == 200) {
        if (leftOut != null && vars != minimal) {
          String field = leftOut.status() < 500 ? leftOut.json().path("field").asText(null) : null;
          if (leftOut.status() >= 500 || (field != null && field.equals(falseOf))) {
            holes.add("(6) optional field omitted at the start | " + where + " | " + field + " | " + leftOut.status() + " "
                + abbreviate(leftOut.body()));
          }
        }
        chosen.forEach((k, v) -> choices.computeIfAbsent(k, x -> new HashMap<>()).merge(v, 1, Integer::sum));
        businessKeys.add(businessKey);
        trace(where + " as " + starter + " " + vars + " → " + businessKey);
        return settle(processKey, businessKey) ? businessKey : null;
      }
      if (r.status() >= 500) {
        fiveXx++;
        holes.add("5xx at the start | " + where + " | " + abbreviate(r.body()));
      }
      if (vars == minimal) {
        leftOut = r;
        String omitted = r.status() == 400 ? r.json().path("field").asText(null) : null;
        boolean checkbox = fields.stream().anyMatch(x -> x.key().equals(omitted) && x.type().equals("checkbox") && !x.required());
        if (checkbox && !minimal.containsKey(omitted)) {
          vars = new LinkedHashMap<>(minimal); // left out must mean no: is "no" accepted?
          vars.put(omitted, false);
          falseOf = omitted;
        } else {
          vars = new LinkedHashMap<>(full);
        }
        continue;
      }
      if (falseOf != null) {
        falseOf = null;
        vars = new LinkedHashMap<>(full);
        continue;
      }
      String field = r.status() == 400 ? r.json().path("field").asText(null) : null;
      Field f = fields.stream().filter(x -> x.key().equals(field)).findFirst().orElse(null);
      if (f == null) {
        stuck.add(where + " as " + starter + " → " + r.status() + " " + abbreviate(r.body()));
        return null;
      }
      Map<String, Object> current = vars;
      Set<Object> seen = tried.computeIfAbsent(field, k -> new HashSet<>());
      seen.add(current.get(field));
      List<Object> hint = hint("start:" + processKey, field);
      Object next = (hint.size() > 1 ? hint : options(f)).stream().map(TaskContractSweepTest::resolve)
          .filter(v -> v != OMIT && !seen.contains(v)).findFirst().orElse(null);
      if (next == null) {
        stuck.add(where + " as " + starter + " → " + r.status() + " " + abbreviate(r.body()));
        return null;
      }
      vars.put(field, next);
      chosen.put(where + "/" + field, next);
    }
    stuck.add(where + ": no start accepted");
    return null;
  }

  /** A running rollout that has gone live, for the processes raised on one (flow changes, feedback): a fixture. */
  String liveRollout() {
    if (liveRollout == null) {
      ProcessInstance rollout = processes.start("chongqing-rollout", Processes.uniqueKey("CQ-CONTRACT"),
          Map.of("projectName", "妇幼系统", "hospitalName", "重庆市妇幼保健院"));
      engine.getRuntimeService().setVariable(rollout.getId(), "goLiveDone", true); // as an administrator would
      liveRollout = rollout.getBusinessKey();
    }
    return liveRollout;
  }

  String liveRollout;

  /** A member of the starter group a start value names (the requesting department), else of the first one. */
  String starter(List<String> groups, Map<String, Object> vars) {
    for (Object value : vars.values()) {
      if (value instanceof String s && groups.contains(s)) {
        return SweptForms.firstMember(engine, s);
      }
    }
    return SweptForms.firstMember(engine, groups.get(0));
  }

  /** Runs the async continuations the job executor would; a failing one is a hole (input must be refused earlier). */
  boolean settle(String processKey, String businessKey) {
    try {
      processes.runAsyncContinuations(businessKey);
      return true;
    } catch (RuntimeException | AssertionError e) {
      holes.add("job failed | " + processKey + " " + businessKey + " | " + abbreviate(String.valueOf(e.getMessage())));
      return false;
    }
  }

  // ---------------------------------------------------------------- walking

  void walk(String processKey, String businessKey) {
    Set<String> actors = new HashSet<>();
    Map<String, Integer> firedInRun = new HashMap<>();
    for (int step = 0; step < MAX_STEPS && System.nanoTime() < deadline; step++) {
      List<String> instances = instances(businessKey);
      if (instances.isEmpty()) {
        return; // ended
      }
      List<Task> open = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey)
          .orderByTaskCreateTime().asc().list();
      List<Job> timers = engine.getManagementService().createJobQuery().processInstanceIds(new HashSet<>(instances)).timers()
          .orderByJobDuedate().asc().list();
      // each timer once (the path it opens), then only where nothing else can happen: the one fired least in this run
      Job timer = timers.stream().filter(j -> !firedTimers.contains(timerKey(j))).findFirst().orElse(null);
      if (timer == null && open.isEmpty() && !timers.isEmpty()) {
        timer = timers.stream().min((x, y) -> Integer.compare(firedInRun.getOrDefault(timerKey(x), 0),
            firedInRun.getOrDefault(timerKey(y), 0))).get();
      }
      if (timer != null) {
        firedTimers.add(timerKey(timer));
        firedInRun.merge(timerKey(timer), 1, Integer::sum);
        trace("timer " + timerKey(timer));
        try {
          engine.getManagementService().executeJob(timer.getId());
        } catch (RuntimeException e) {
          holes.add("timer failed | " + timerKey(timer) + " " + businessKey + " | " + abbreviate(e.getMessage()));
          return;
        }
        if (!settle(processKey, businessKey)) {
          return;
        }
        continue;
      }
      if (open.isEmpty()) {
        stuck.add(processKey + " " + businessKey + ": waits with no task and no timer in "
            + engine.getRuntimeService().getActiveActivityIds(instances.get(0)));
        return;
      }
      if (!handle(processKey, businessKey, open.get(0), actors)) {
        return;
      }
    }
    stuck.add(processKey + " " + businessKey + ": still running after " + MAX_STEPS + " steps, at "
        + engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey).list().stream()
            .map(Task::getTaskDefinitionKey).toList());
  }

  String timerKey(Job job) {
    String activity = jobActivity.computeIfAbsent(job.getJobDefinitionId(), id -> engine.getManagementService()
        .createJobDefinitionQuery().jobDefinitionId(id).singleResult().getActivityId());
    return job.getProcessDefinitionKey() + "/" + activity;
  }

  List<String> instances(String businessKey) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list().stream()
        .map(ProcessInstance::getId).toList();
  }

  /** One task: the hostile batch the first time its definition is reached, then a valid completion. */
  boolean handle(String processKey, String businessKey, Task task, Set<String> actors) {
    String definitionKey = engine.getRepositoryService().getProcessDefinition(task.getProcessDefinitionId()).getKey();
    currentInstance = task.getProcessInstanceId();
    String where = definitionKey + "/" + task.getTaskDefinitionKey();
    reached.add(where);
    String formId = SweptForms.formOfTask(engine, task);
    List<Field> all = formId == null ? List.of() : forms.getOrDefault(formId, List.of());
    List<Field> fields = editable(all);
    boolean first = swept.add(where);

    List<String> candidates = new ArrayList<>(SweptForms.candidates(engine, task));
    candidates.sort((a, b) -> Boolean.compare(actors.contains(a), actors.contains(b))); // who has not acted yet first
    Map<String, Object> vars = engine.getTaskService().getVariables(task.getId());
    Map<String, Object> chosen = new LinkedHashMap<>();
    Map<String, Object> minimal = values(where, task.getTaskDefinitionKey(), fields, vars, true, !first, chosen);
    Map<String, Object> full = values(where, task.getTaskDefinitionKey(), fields, vars, false, !first, new LinkedHashMap<>());

    String firstRefusal = null;
    for (String user : candidates.subList(0, Math.min(3, candidates.size()))) {
      if (!claim(task, user)) {
        continue;
      }
      // the first visit looks for its completion in dry runs (the hostile batch needs the task still open);
      // later visits complete for real: a refused request changes nothing
      Found found = findValid(where, task, user, fields, vars, minimal, full, chosen, first);
      if (found.base() == null) {
        firstRefusal = firstRefusal != null ? firstRefusal : user + ": " + found.refusal();
        unclaim(task);
        continue;
      }
      if (first) {
        judgeOmission(where, task, user, fields, found);
        long t = System.nanoTime();
        hostile(where, businessKey, task, user, all, fields, found.base());
        if (sampled.add(definitionKey)) {
          samples(where, businessKey, task, user, all, fields, found.base());
        }
        hostileNanos += System.nanoTime() - t;
      }
      trace(where + " as " + user + " " + found.base());
      if (!first) {
        return moved(processKey, businessKey, chosen, actors, user);
      }
      if (approvalActions(where, businessKey, task, user)) {
        return settle(processKey, businessKey); // sent back: the walk goes on from the step it went to
      }
      return completeForReal(processKey, businessKey, where, task, user, found.base(), chosen, actors);
    }
    stuck.add(where + " (" + businessKey + "): no valid completion — " + (firstRefusal == null ? "no candidate could claim"
        : firstRefusal) + " chosen " + chosen);
    return false;
  }

  /**
   * Issue 19 on every model: the first time a step is reached, whoever works on it asks someone first (征求意见) where
   * the model allows it, and sends the project back (退回) to the first step the tab offers. Every offered action must
   * be accepted and leave a task at its target, and a question must never outlive its step (checked at the end,
   * {@link #orphanedQuestions}). True when the project was sent back.
   */
  boolean approvalActions(String where, String businessKey, Task task, String user) {
    Rest rest = Rest.as(port, user);
    Rest.Response offered = rest.get("/api/tasks/" + task.getId() + "/actions");
    if (offered.status() != 200) {
      holes.add("actions not offered | " + where + " | " + offered.status() + " " + abbreviate(offered.body()));
      return false;
    }
    JsonNode body = offered.json();
    List<String> actions = body.get("actions").findValuesAsText("id");
    if (actions.contains("consult")) {
      String asked = body.get("consultCandidates").get(0).get("userId").asText();
      Rest.Response r = rest.post("/api/tasks/" + task.getId() + "/consult", Map.of("userIds", List.of(asked), "question", "巡检：请提意见"));
      if (r.status() != 200) {
        holes.add("consult refused | " + where + " | " + r.status() + " " + abbreviate(r.body()));
      }
      questionsAsked++;
    }
    if (!actions.contains("return") || body.get("returnTargets").isEmpty()) {
      return false;
    }
    String target = body.get("returnTargets").get(0).get("activityId").asText();
    Rest.Response r = rest.post("/api/tasks/" + task.getId() + "/return", Map.of("target", target, "opinion", "巡检：退回重办"));
    if (r.status() != 200) {
      holes.add("return refused | " + where + " → " + target + " | " + r.status() + " " + abbreviate(r.body()));
      return false;
    }
    returns++;
    if (engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(target).count() == 0) {
      holes.add("return left no task at its target | " + where + " → " + target + " (" + businessKey + ")");
    }
    return true;
  }

  /** Questions still open whose asking step has ended: a 征求意见 left orphaned. */
  List<String> orphanedQuestions() {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("approval-consultation").list().stream()
        .map(q -> (String) engine.getRuntimeService().getVariable(q.getId(), "askingTaskId"))
        .filter(asking -> engine.getTaskService().createTaskQuery().taskId(asking).count() == 0).toList();
  }

  /** The completion the server accepts (as a dry run), with the first refusal met on the way there. */
  record Found(Map<String, Object> base, Outcome leftOut, String refusal) {}

  /**
   * A completion the server accepts, found by dry runs: the optional fields left out first; else every field; a
   * refusal naming a field with choices (a yes/no a rule wants confirmed, an option a rule excludes) tries the next
   * one, a few times. Where that repair made it, the optional fields are left out again on top of it.
   */
  Found findValid(String where, Task task, String user, List<Field> fields, Map<String, Object> vars, Map<String, Object> minimal,
      Map<String, Object> full, Map<String, Object> chosen, boolean dry) {
    Outcome leftOut = attempt(dry, user, task, minimal);
    if (leftOut.accepted()) {
      return new Found(minimal, leftOut, null);
    }
    Map<String, Object> c = new LinkedHashMap<>(full);
    Map<String, Object> repaired = new LinkedHashMap<>();
    Outcome o = attempt(dry, user, task, c);
    Map<String, Set<Object>> tried = new HashMap<>();
    for (int i = 0; i < 16 && !o.accepted(); i++) {
      String field = refusedField(o);
      Field f = fields.stream().filter(x -> x.key().equals(field)).findFirst().orElse(null);
      if (f == null) {
        break;
      }
      Set<Object> seen = tried.computeIfAbsent(field, k -> new HashSet<>());
      seen.add(c.get(field));
      List<Object> hint = hint(task.getTaskDefinitionKey(), field);
      List<Object> alternatives = new ArrayList<>(hint.size() > 1 ? hint : f.type().equals("checkbox") ? List.of(true, false)
          : f.valuesKey() != null ? pool(f, vars) : f.options());
      if (f.type().equals("taglist") && f.valuesKey() != null) {
        List<Object> members = pool(f, vars); // a panel of another size, or past the recommended experts
        alternatives.clear();
        for (int from : new int[] {0, 2}) {
          for (int n = 1; from + n <= members.size(); n++) {
            alternatives.add(members.subList(from, from + n));
          }
        }
      }
      Object next = alternatives.stream().map(v -> resolve(v, vars)).filter(v -> v != OMIT && !seen.contains(v))
          .findFirst().orElse(null);
      if (next == null) {
        break;
      }
      trace(where + " repair " + field + " → " + next + " after " + o.describe());
      c.put(field, f.type().equals("taglist") && !(next instanceof List) ? List.of(next) : next);
      repaired.put(field, c.get(field));
      o = attempt(dry, user, task, c);
    }
    if (!o.accepted()) {
      trace(where + " as " + user + " refused " + c + " → " + o.describe());
      return new Found(null, leftOut, o.describe());
    }
    repaired.forEach((k, v) -> chosen.put(where + "/" + k, v));
    if (dry && !repaired.isEmpty()) {
      Map<String, Object> again = new LinkedHashMap<>(minimal);
      again.putAll(repaired);
      Outcome second = dryRun(user, task, "complete", again);
      if (second.accepted()) {
        return new Found(again, leftOut, null);
      }
      leftOut = second;
    }
    chosen.keySet().removeIf(k -> k.startsWith(where + "/") && !c.containsKey(k.substring(where.length() + 1)));
    return new Found(c, leftOut, null);
  }

  /** A completion as a dry run, or for real (accepted: 204). */
  Outcome attempt(boolean dry, String user, Task task, Map<String, Object> vars) {
    if (dry) {
      return dryRun(user, task, "complete", vars);
    }
    Rest.Response r = complete(user, task, "complete", vars);
    countFailure(r);
    return new Outcome(r, r.status() == 204);
  }

  static String refusedField(Outcome o) {
    try {
      return o.response().json().path("field").asText(null);
    } catch (IllegalStateException e) {
      return null;
    }
  }

  /**
   * (6) Optional fields left out: a 5xx is a hole; so is a refusal of a yes/no the completion then passes as
   * "no" (left out must mean no). A field the form leaves optional but a regulation's rule then requires
   * (a confirmation, a detail of a chosen finding) is a synchronous 400 — listed for the lead, not a hole.
   */
  void judgeOmission(String where, Task task, String user, List<Field> fields, Found found) {
    if (found.leftOut() == null || found.leftOut().accepted()) {
      return;
    }
    Outcome o = found.leftOut();
    String field = refusedField(o);
    String line = "(6) optional field omitted | " + where + " (" + task.getId() + ") | " + field + " | " + o.describe();
    if (o.response().status() >= 500) {
      fiveXx++;
      holes.add(line);
      return;
    }
    Field f = fields.stream().filter(x -> x.key().equals(field)).findFirst().orElse(null);
    Map<String, Object> no = new LinkedHashMap<>(found.base());
    no.put(field, false);
    if (f != null && f.type().equals("checkbox") && !f.required() && dryRun(user, task, "complete", no).accepted()) {
      holes.add(line + " (sent as false it is accepted)");
    } else {
      ruleRequired.add(where + " " + field + ": " + abbreviate(o.response().body()));
    }
  }

  boolean completeForReal(String processKey, String businessKey, String where, Task task, String user, Map<String, Object> base,
      Map<String, Object> chosen, Set<String> actors) {
    Rest.Response r = complete(user, task, "complete", base);
    if (r.status() != 204) {
      countFailure(r);
      stuck.add(where + " (" + businessKey + "): accepted as a dry run, refused for real → " + r.status() + " " + abbreviate(r.body()));
      return false;
    }
    return moved(processKey, businessKey, chosen, actors, user);
  }

  boolean moved(String processKey, String businessKey, Map<String, Object> chosen, Set<String> actors, String user) {
    completions++;
    actors.add(user);
    chosen.forEach((k, v) -> {
      choices.computeIfAbsent(k, x -> new HashMap<>()).merge(v, 1, Integer::sum);
      chosenInInstance.computeIfAbsent(currentInstance + "/" + k, x -> new HashSet<>()).add(v);
    });
    return settle(processKey, businessKey);
  }

  void countFailure(Rest.Response r) {
    if (r.status() >= 500) {
      fiveXx++;
      holes.add("5xx on a valid completion | " + abbreviate(r.body()));
    }
  }

  boolean claim(Task task, String user) {
    Task now = engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult();
    if (user.equals(now.getAssignee())) {
      return true;
    }
    if (now.getAssignee() != null) {
      return false;
    }
    return Rest.as(port, user).post("/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", user)).status() == 204;
  }

  void unclaim(Task task) {
    if (task.getAssignee() == null) {
      engine.getTaskService().setAssignee(task.getId(), null);
    }
  }

  // ---------------------------------------------------------------- the hostile batch

  record Attempt(String kind, String field, Object value) {}

  void hostile(String where, String businessKey, Task task, String user, List<Field> all, List<Field> fields,
      Map<String, Object> base) {
    Set<String> editableKeys = new HashSet<>();
    fields.forEach(f -> editableKeys.add(f.key()));
    List<Attempt> batch = new ArrayList<>();
    VariableMap visible = engine.getTaskService().getVariablesTyped(task.getId(), false);
    Set<String> readonlyKeys = new HashSet<>();
    for (Field f : all) {
      if (f.readonly() && !editableKeys.contains(f.key()) && readonlyKeys.add(f.key())) {
        batch.add(new Attempt("(2) read-only field changed", f.key(), tamper(f.key(), visible.getValueTyped(f.key()))));
      }
    }
    for (String name : new TreeSet<>(visible.keySet())) {
      if (!editableKeys.contains(name) && !readonlyKeys.contains(name) && !DECLARED.contains(name)) {
        Object changed = tamper(name, visible.getValueTyped(name));
        if (changed != null) {
          batch.add(new Attempt("(1) platform variable changed", name, changed));
        }
      }
    }
    for (Field f : fields) {
      for (Object wrong : wrongTypes(f)) {
        batch.add(new Attempt("(3) wrong type " + f.type(), f.key(), wrong));
      }
    }
    batch.add(new Attempt("(4) undeclared variable", UNKNOWN, "篡改"));
    fields.stream().filter(f -> f.type().equals("textfield") || f.type().equals("textarea")).findFirst()
        .ifPresent(f -> batch.add(new Attempt("(5) oversize text", f.key(), OVERSIZE)));
    String before = snapshot(businessKey);
    for (Attempt a : batch) {
      Map<String, Object> vars = new LinkedHashMap<>(base);
      vars.put(a.field(), a.value());
      judge(where, businessKey, task, a, dryRun(user, task, "complete", vars), before);
    }
  }

  /** Once per model: the same contract through /submit-form and through /resolve after a delegation. */
  void samples(String where, String businessKey, Task task, String user, List<Field> all, List<Field> fields,
      Map<String, Object> base) {
    Set<String> editableKeys = new HashSet<>();
    fields.forEach(f -> editableKeys.add(f.key()));
    VariableMap visible = engine.getTaskService().getVariablesTyped(task.getId(), false);
    List<Attempt> batch = new ArrayList<>();
    visible.keySet().stream().filter(n -> !editableKeys.contains(n) && !DECLARED.contains(n)).sorted().findFirst()
        .ifPresent(n -> batch.add(new Attempt("(1) platform variable changed", n, tamper(n, visible.getValueTyped(n)))));
    batch.add(new Attempt("(4) undeclared variable", UNKNOWN, "篡改"));
    String before = snapshot(businessKey);
    for (Attempt a : batch) {
      Map<String, Object> vars = new LinkedHashMap<>(base);
      vars.put(a.field(), a.value());
      judge(where + " submit-form", businessKey, task, a, dryRun(user, task, "submit-form", vars), before);
    }
    // a delegation (as an administrator would set it up), then the delegate resolves with the same variables
    String delegate = SweptForms.candidates(engine, engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult())
        .stream().filter(u -> !u.equals(user)).findFirst().orElse(null);
    if (delegate == null) {
      List<String> others = engine.getIdentityService().createUserQuery().memberOfGroup(groupOf(task)).list().stream()
          .map(u -> u.getId()).filter(u -> !u.equals(user)).toList();
      delegate = others.isEmpty() ? "exp-in-1" : others.get(0);
    }
    engine.getTaskService().delegateTask(task.getId(), delegate);
    String delegated = snapshot(businessKey);
    for (Attempt a : batch) {
      judge(where + " resolve", businessKey, task, a, dryRun(delegate, task, "resolve", Map.of(a.field(), a.value())), delegated);
    }
    Rest.Response resolved = Rest.as(port, delegate).post("/engine-rest/task/" + task.getId() + "/resolve", Map.of());
    attempts++;
    if (resolved.status() != 204) {
      if (resolved.status() >= 500) {
        fiveXx++;
      }
      holes.add("resolve without variables refused | " + where + " (" + task.getId() + ") | " + delegate + " | "
          + resolved.status() + " " + abbreviate(resolved.body()));
      engine.getTaskService().resolveTask(task.getId());
    }
  }

  String groupOf(Task task) {
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream().filter(l -> l.getGroupId() != null)
        .map(l -> l.getGroupId()).findFirst().orElse("expert-internal");
  }

  void judge(String where, String businessKey, Task task, Attempt a, Outcome o, String before) {
    attempts++;
    String line = a.kind() + " | " + where + " (" + task.getId() + ") | " + a.field() + " | ";
    int status = o.response().status();
    if (o.accepted()) {
      holes.add(line + "accepted (rolled back by the dry run)");
      return;
    }
    if (status >= 500) {
      fiveXx++;
      holes.add(line + o.describe());
      return;
    }
    if (status < 400) {
      holes.add(line + "accepted: " + o.describe());
      return;
    }
    JsonNode json;
    try {
      json = o.response().json();
    } catch (IllegalStateException e) {
      holes.add(line + "refused, not the error shape: " + o.describe());
      return;
    }
    if (json.path("status").asInt() != status || !json.path("message").asText().matches("(?s).*\\p{IsHan}.*")
        || !a.field().equals(json.path("field").asText(null))) {
      holes.add(line + "refused, but not naming the field in the one error shape: " + o.describe());
      return;
    }
    String after = snapshot(businessKey);
    if (!after.equals(before)) {
      holes.add(line + "refused, yet the instance changed");
      return;
    }
    refused++;
  }

  // ---------------------------------------------------------------- requests

  record Outcome(Rest.Response response, boolean accepted) {
    String describe() {
      return response.status() + " " + abbreviate(response.body());
    }
  }

  /** The request as a dry run: what the platform lets through is rolled back at its commit and counted. */
  Outcome dryRun(String user, Task task, String endpoint, Map<String, Object> vars) {
    int before = CompletionProbe.accepted.get();
    CompletionProbe.armed = true;
    try {
      Rest.Response r = complete(user, task, endpoint, vars);
      return new Outcome(r, CompletionProbe.accepted.get() > before);
    } finally {
      CompletionProbe.armed = false;
    }
  }

  Rest.Response complete(String user, Task task, String endpoint, Map<String, Object> vars) {
    return Rest.as(port, user).post("/engine-rest/task/" + task.getId() + "/" + endpoint, Map.of("variables", rest(vars)));
  }

  /** A value with its Camunda type, for a platform variable that is not plain JSON. */
  record Typed(Object value, String type, Map<String, Object> valueInfo) {}

  static Map<String, Object> rest(Map<String, Object> variables) {
    Map<String, Object> out = new LinkedHashMap<>();
    variables.forEach((k, v) -> {
      if (v instanceof Typed t) {
        Map<String, Object> typed = new LinkedHashMap<>();
        typed.put("value", t.value());
        typed.put("type", t.type());
        if (t.valueInfo() != null) {
          typed.put("valueInfo", t.valueInfo());
        }
        out.put(k, typed);
      } else {
        Map<String, Object> plain = new HashMap<>();
        plain.put("value", v);
        out.put(k, plain);
      }
    });
    return out;
  }

  /** Variables (name, scope, value as stored), tasks (assignee, owner, delegation) and incidents of the project. */
  String snapshot(String businessKey) {
    List<String> ids = instances(businessKey);
    Map<String, String> out = new TreeMap<>();
    if (!ids.isEmpty()) {
      for (VariableInstance v : engine.getRuntimeService().createVariableInstanceQuery()
          .processInstanceIdIn(ids.toArray(String[]::new)).disableCustomObjectDeserialization().list()) {
        TypedValue value = v.getTypedValue();
        out.put("var " + v.getName() + "@" + v.getActivityInstanceId(), value instanceof ObjectValue o ? o.getValueSerialized()
            : value instanceof BytesValue ? "bytes" : String.valueOf(v.getValue()));
      }
      for (String id : ids) {
        out.put("incidents " + id, String.valueOf(engine.getRuntimeService().createIncidentQuery().processInstanceId(id).count()));
      }
    }
    engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey).list().forEach(t -> out.put("task " + t.getId(),
        t.getTaskDefinitionKey() + " " + t.getAssignee() + " " + t.getOwner() + " " + t.getDelegationState()));
    return out.toString();
  }

  // ---------------------------------------------------------------- values

  /** A hint may be computed when used (a time that must lie ahead). */
  static Object resolve(Object v) {
    return resolve(v, Map.of());
  }

  @SuppressWarnings("unchecked")
  static Object resolve(Object v, Map<String, Object> vars) {
    return v instanceof Supplier<?> s ? s.get() : v instanceof Function<?, ?> f ? ((Function<Map<String, Object>, Object>) f).apply(vars) : v;
  }

  static List<Object> pool(Field f, Map<String, Object> vars) {
    return vars.get(f.valuesKey()) instanceof List<?> l ? l.stream().map(TaskContractSweepTest::optionValue).toList() : List.of();
  }

  static List<Field> editable(List<Field> all) {
    return all.stream().filter(f -> !f.readonly()).toList();
  }

  static List<Object> hint(String taskKey, String field) {
    List<Object> own = HINTS.getOrDefault(taskKey, Map.of()).get(field);
    return own != null ? own : HINTS.get("*").getOrDefault(field, List.of());
  }

  /** A field whose options may route differently: a select or radio with a few options, a yes/no, a hinted choice. */
  static boolean decision(Field f, List<Object> hint) {
    if (hint.size() > 1) {
      return true;
    }
    if (!hint.isEmpty() || f.valuesKey() != null) {
      return false;
    }
    return switch (f.type()) {
      case "select", "radio" -> f.options().size() > 1 && f.options().size() <= 6;
      case "checkbox" -> !f.required();
      default -> false;
    };
  }

  static List<Object> options(Field f) {
    return f.type().equals("checkbox") ? List.of(true, false) : f.options();
  }

  /** The option used least so far at this place (ties: the form's order), so each is tried on some instance. */


  /**
   * A completion: the required fields, hinted ones and (on later visits) the decisions explored; with
   * {@code omitOptional} false every editable field.
   */
  Map<String, Object> values(String where, String taskKey, List<Field> fields, Map<String, Object> vars, boolean omitOptional,
      boolean explore, Map<String, Object> chosen) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field f : fields) {
      List<Object> hint = hint(taskKey, f.key());
      boolean decision = decision(f, hint);
      if (decision && (f.required() || hint.size() > 1 || explore || !omitOptional)) {
        String key = where + "/" + f.key();
        Object v = chosen.containsKey(key) ? chosen.get(key) : peek(key, hint.size() > 1 ? hint : options(f));
        chosen.put(key, v);
        if (resolve(v, vars) != OMIT) {
          out.put(f.key(), resolve(v, vars));
        }
      } else if (!hint.isEmpty()) {
        if (resolve(hint.get(0), vars) != OMIT) {
          out.put(f.key(), resolve(hint.get(0), vars));
        }
      } else if (f.required() || !omitOptional) {
        out.put(f.key(), plain(f, vars));
      }
    }
    return out;
  }

  /**
   * The option used least so far at this place (ties: the form's order), so each side is tried on some instance;
   * once every side has been tried, the first. Counted once the completion went through.
   */
  Object peek(String key, List<Object> all) {
    Map<Object, Integer> used = choices.getOrDefault(key, Map.of());
    // a loop that brings the task back in the same instance takes another option than last time, so it comes out
    Set<Object> here = chosenInInstance.getOrDefault(currentInstance + "/" + key, Set.of());
    List<Object> options = all.stream().filter(o -> !here.contains(o)).toList();
    if (options.isEmpty()) {
      options = all;
    }
    if (options.stream().allMatch(o -> used.getOrDefault(o, 0) > 0)) {
      return options.get(0); // every side seen: the form's first option, so later runs get further along
    }
    Object best = options.get(0);
    for (Object option : options) {
      if (used.getOrDefault(option, 0) < used.getOrDefault(best, 0)) {
        best = option;
      }
    }
    return best;
  }

  /** A value the form accepts. */
  static Object plain(Field f, Map<String, Object> vars) {
    JsonNode validate = f.json().path("validate");
    if (f.valuesKey() != null) {
      Object pool = vars.get(f.valuesKey());
      Object firstOfPool = pool instanceof List<?> l && !l.isEmpty() ? optionValue(l.get(0)) : "NO_POOL";
      return f.type().equals("taglist") ? List.of(firstOfPool) : firstOfPool;
    }
    if (!f.options().isEmpty()) {
      return f.type().equals("taglist") || f.type().equals("checklist") ? List.of(f.options().get(0)) : f.options().get(0);
    }
    return switch (f.type()) {
      case "number" -> {
        if (f.amount()) {
          yield "1000.00";
        }
        yield validate.has("max") ? validate.get("max").asLong() : validate.has("min") ? Math.max(validate.get("min").asLong(), 1) : 1;
      }
      case "checkbox" -> true;
      case "datetime" -> "date".equals(f.json().path("subtype").asText()) ? LocalDate.now().toString()
          : LocalDateTime.now().minusHours(2).truncatedTo(ChronoUnit.MINUTES).toString();
      default -> {
        // unique: a later task must not repeat an earlier one's opinion (OpinionCommentParseListener)
        String text = "测试填写的" + f.label() + "（" + TEXTS.incrementAndGet() + "）";
        int max = validate.path("maxLength").asInt(4000);
        yield text.length() > max ? text.substring(0, max) : text;
      }
    };
  }

  static Object optionValue(Object element) {
    return element instanceof Map<?, ?> m ? (m.containsKey("value") ? m.get("value") : m.values().iterator().next()) : element;
  }

  /** The bad JSON types a field invites: a number for text, a string for a yes/no, an object, an array, a non-option. */
  static List<Object> wrongTypes(Field f) {
    Map<String, Object> object = Map.of("sweep", 1);
    List<Object> array = List.of("sweep");
    return switch (f.type()) {
      case "textfield", "textarea" -> List.of(42, object, array);
      case "number" -> List.of("不是数字", true, object, array);
      case "checkbox" -> List.of("maybe", object, array);
      case "select", "radio" -> List.of("NOT_AN_OPTION", 42, object, array);
      case "datetime" -> List.of("下周一", 42, object, array);
      case "taglist", "checklist" -> List.of("NOT_AN_OPTION", List.of("NOT_AN_OPTION"), object, 42);
      default -> List.of(object, array);
    };
  }

  /** A different value of a plausible type for what the instance holds, or {@code null} where none can be sent. */
  Object tamper(String name, TypedValue value) {
    if (value instanceof BytesValue) {
      return null;
    }
    if (value instanceof ObjectValue o) {
      String serialized = o.getValueSerialized();
      return new Typed(serialized != null && serialized.trim().startsWith("[") ? "[\"篡改\"]" : "{\"sweep\":\"篡改\"}", "Object",
          Map.of("objectTypeName", String.valueOf(o.getObjectTypeName()), "serializationDataFormat",
              String.valueOf(o.getSerializationDataFormat())));
    }
    Object v = value == null ? null : value.getValue();
    if (v == null) {
      List<Object> options = optionsByKey.get(name);
      return options != null ? options.get(0) : "篡改";
    }
    if (v instanceof Boolean b) {
      return !b;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      return ((Number) v).longValue() + 1;
    }
    if (v instanceof Number n) {
      return n.doubleValue() + 1;
    }
    if (v instanceof java.util.Date) {
      return new Typed("2000-01-01T00:00:00.000+0000", "Date", null);
    }
    String s = v.toString();
    List<Object> options = optionsByKey.getOrDefault(name, List.of());
    for (Object option : options) {
      if (!String.valueOf(option).equals(s)) {
        return option;
      }
    }
    if (MONEY.matcher(s).matches()) {
      return s.equals("1.00") ? "2.00" : "1.00";
    }
    if (DATE.matcher(s).matches()) {
      return s.equals("2000-01-01") ? "2000-01-02" : "2000-01-01";
    }
    if (DATETIME.matcher(s).matches()) {
      return "2000-01-01T08:00";
    }
    if (ENUM.matcher(s).matches()) {
      return s.equals("OTHER") ? "ANOTHER" : "OTHER";
    }
    if (ID.matcher(s).matches()) {
      return s.equals("admin") ? "ops" : "admin";
    }
    return s + "（改）";
  }

  static void trace(String line) {
    if (TRACE) {
      System.out.println("[contract:trace] " + line);
    }
  }

  static String abbreviate(String s) {
    return s == null || s.length() < 300 ? s : s.substring(0, 300) + "…";
  }
}
