package cn.healthit.approval.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.Node;
import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 10's figures, printed and written to target/benchmark/results.md (scripts/benchmark runs this
 * on H2 and on PostgreSQL and prints the table). Nothing here asserts a time: a benchmark never fails
 * a build on speed; it asserts only that the work it timed was really done.
 */
@Tag("benchmark")
@PlatformTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformBenchmark {

  @Autowired ProcessEngine engine;
  @Autowired DataSource dataSource;
  @LocalServerPort int port;
  Processes processes;

  static final String DB = Node.onPostgres() ? "PostgreSQL" : "H2";

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
  }

  // ------------------------------------------------------------------ lifecycle throughput

  /** One Tianjin project from filing to the vendor evaluation, every user task through the Java API; returns tasks completed. */
  int tianjinProject(String key) {
    submitted.clear();
    ProcessInstance pi = start("tianjin-project", key, Map.of("projectName", "智慧病案系统", "budget", "800000.00",
        "category", "SPECIALIZED", "requestingDepartment", "dept-medical-affairs"));
    String r = "yiwu";
    step(pi, "Task_Requirement", r, Map.of("caseHandler", "王承办", "responsiblePerson", "李责任",
        "requirementSummary", "病案无纸化", "systemType", "INFRASTRUCTURE", "acquisitionType", "PURCHASE_SOFTWARE"));
    step(pi, "Task_MarketResearch", r, Map.of("vendorsSurveyed", "甲、乙、丙三家", "marketShareAndReputation", "甲",
        "pocRecruitment", "PUBLIC", "vendorsHaveClearIp", true, "meetsNationalStandards", true));
    step(pi, "Task_PocTest", "xinxi2", Map.of("pocEnvironment", "院内", "pocContent", "挂号",
        "pocResults", "吞吐量 3000 笔/分钟", "pocOnSite", true));
    step(pi, "Task_PocConfirm", r, Map.of("decision", "CONFIRMED"));
    step(pi, "Task_PrepareSubmission", r, Map.of("submissionSummary", "材料"));
    step(pi, "Task_PreReview", "zhiyi", Map.of("decision", "APPROVED", "duplicateChecked", true));
    int tasks = 6 + panel(pi);
    String[][] straight = {{"Task_CommitteeArgument", "weiyuan"}, {"Task_CommitteeOfficeSubmit", "weiban"},
        {"Task_DecisionBody", "juece"}};
    for (String[] s : straight) {
      step(pi, s[0], s[1], s[0].equals("Task_CommitteeOfficeSubmit") ? Map.of() : Map.of("decision", "APPROVED"));
    }
    step(pi, "Task_BudgetDeclaration", r, Map.of("declaredBudget", "800000.00"));
    step(pi, "Task_DeptHeadBudgetReview", r, Map.of("decision", "APPROVED"));
    step(pi, "Task_VicePresidentBudgetReview", "fenguan", Map.of("decision", "APPROVED"));
    step(pi, "Task_BudgetConsolidation", "xinxi", Map.of("budgetDrafts", "草案", "filedWithSmartHospitalOffice", true));
    step(pi, "Task_ProcurementPlan", "xinxi", Map.of("procurementPlan", "年度计划"));
    step(pi, "Task_ProcurementOfficeReview", "caigou", Map.of());
    step(pi, "Task_ProcurementPlanApproval", "yuanzhang", Map.of("procurementPlanApproved", true));
    step(pi, "Task_PurchaseRequest", r, Map.of("purchaseRequestNumber", "CG-001"));
    step(pi, "Task_ProcurementExecution", "xinxi2", Map.of("procurementExecutor", "IT_DIVISION",
        "procurementParticipants", "caigou"));
    step(pi, "Task_Contract", "hetong", Map.of("contractNumber", "HT-1", "vendorName", "甲公司",
        "contractAmount", "780000.00", "supervisionUsed", true));
    step(pi, "Task_AssignImplementer", "xinxi", Map.of("implementer", "xinxi2"));
    step(pi, "Task_NameCounterpart", r, Map.of("counterpart", r));
    step(pi, "Task_Deployment", "xinxi2", Map.of("deploymentSummary", "已上线", "decision", "DONE"));
    step(pi, "Task_Readiness", "xinxi", Map.of("readinessBuildAndTests", true, "readinessSecurityFixed", true,
        "readinessMaterials", true, "readinessAssetOwnership", true));
    step(pi, "Task_VendorSelfCheck", "gongying", Map.of("selfCheckConsistency", true, "selfCheckEquipment", true,
        "selfCheckSecurity", true, "selfCheckBaseSoftware", true, "selfCheckReport", "自查无问题"));
    step(pi, "Task_InitialWithSupervisor", "xinxi", Map.of("decision", "PASSED"));
    step(pi, "Task_FileInitialOpinion", "xinxi", Map.of("initialAcceptanceOpinion", "通过初验", "initialOpinionFiled", true));
    ProcessInstance acceptance = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId())
        .singleResult();
    Job trialRun = engine.getManagementService().createJobQuery().processInstanceId(acceptance.getId()).timers().singleResult();
    engine.getManagementService().executeJob(trialRun.getId());
    Map<String, Object> catalogue = new HashMap<>();
    catalogue.put("trialRunUserReport", "满意度 92%");
    cn.healthit.approval.tianjin.DeliverablesRule.SOFTWARE.keySet().forEach(k -> catalogue.put(k, true));
    catalogue.put("hasHardware", true);
    catalogue.put("deliverableHardwareBarcodes", true);
    catalogue.put("deliverableSitePhotos", true);
    step(pi, "Task_ApplyFinalAcceptance", "xinxi", catalogue);
    step(pi, "Task_FinalAcceptance", "zhiyi", Map.of("decision", "ACCEPTED", "expertGroup", "五位专家"));
    step(pi, "Task_Training", "xinxi", Map.of("trainingSummary", "培训 3 场", "promotionSummary", "全院推广"));
    step(pi, "Task_VendorEvaluation", "xinxi", Map.of("vendorScore", 100, "vendorComment", "响应及时"));
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
        .getEndTime()).isNotNull();
    return tasks + 26;
  }

  private int panel(ProcessInstance pi) {
    ProcessInstance panel = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId())
        .processDefinitionKey("tianjin-technical-review").singleResult();
    @SuppressWarnings("unchecked")
    List<String> pool = ((List<Map<String, Object>>) engine.getRuntimeService().getVariable(panel.getId(), "internalPool"))
        .stream().map(m -> (String) m.get("value")).toList();
    int done = 0;
    for (Task task; (task = engine.getTaskService().createTaskQuery().processInstanceId(panel.getId()).listPage(0, 1).stream()
        .findFirst().orElse(null)) != null; done++) {
      switch (task.getTaskDefinitionKey()) {
        case "Task_ConveneInternal" -> step(task, "xinxi", Map.of("internalMembers", pool.subList(0, 5)));
        case "Task_JointConvene" -> step(task, "zhiyi", Map.of("internalMembers", pool.subList(0, 3)));
        case "Task_RecommendItDivision" -> step(task, "xinxi", Map.of("itDivisionExpert", pool.get(0)));
        case "Task_RecommendOffice" -> step(task, "zhiyi", Map.of("officeExpert", pool.get(1)));
        case "Task_DrawExternal" -> step(task, "kejiao", Map.of("drawConfirmed", true));
        case "Task_Review" -> step(task, task.getAssignee(), Map.of("decision", "APPROVED", "opinion", "同意"));
        case "Task_Sign" -> step(task, task.getAssignee(), Map.of("signed", true));
        default -> throw new AssertionError("unexpected panel task " + task.getTaskDefinitionKey());
      }
    }
    return done;
  }

  /**
   * The benchmark's driver does what Tasklist and the job executor do, and no more: claim and complete
   * as the user with their groups (cached, as the webapps cache them), then run the async continuations.
   */
  private final Map<String, List<String>> groupsOf = new HashMap<>();

  private ProcessInstance start(String processKey, String key, Map<String, Object> variables) {
    ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey(processKey, key, variables);
    drain();
    return pi;
  }

  private void step(ProcessInstance pi, String taskKey, String user, Map<String, Object> variables) {
    step(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey()).taskDefinitionKey(taskKey)
        .singleResult(), user, variables);
  }

  /** What each step of the last walk submitted, in order: the bare engine is given the same data. */
  private final List<Map<String, Object>> submitted = new ArrayList<>();

  private void step(Task task, String user, Map<String, Object> variables) {
    submitted.add(variables);
    List<String> groups = groupsOf.computeIfAbsent(user, u -> engine.getIdentityService().createGroupQuery().groupMember(u).list()
        .stream().map(g -> g.getId()).toList());
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      if (task.getAssignee() == null) {
        engine.getTaskService().claim(task.getId(), user);
      }
      engine.getTaskService().complete(task.getId(), variables);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    drain();
  }

  /** Runs due async continuations (nothing else runs here while the lifecycle is measured). */
  private void drain() {
    for (Job job; (job = engine.getManagementService().createJobQuery().messages().executable().listPage(0, 1).stream()
        .findFirst().orElse(null)) != null; ) {
      engine.getManagementService().executeJob(job.getId());
    }
  }

  @Test
  @Order(1)
  void lifecycleThroughputAgainstTheBareEngine() throws Exception {
    int warmUp = 2;
    int n = 12;
    for (int i = 0; i < warmUp; i++) {
      tianjinProject(Processes.uniqueKey("BENCH-TJ-W"));
    }
    int tasks = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      tasks = tianjinProject(Processes.uniqueKey("BENCH-TJ"));
    }
    double ours = n / ((System.nanoTime() - t0) / 1e9);
    long actualTasks = engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceBusinessKeyLike("BENCH-TJ-%")
        .count() / (n + warmUp);

    double bare = bareEngine((int) actualTasks, n, warmUp, List.copyOf(submitted));
    Results.row(DB, "Tianjin lifecycle, end to end (" + actualTasks + " user tasks, 1 timer, Java API)",
        String.format("%.2f projects/s (ours) · %.2f projects/s (bare engine) · ratio %.2f", ours, bare, ours / bare), "ratio ≥ 0.8");
    assertThat(tasks).isPositive();
  }

  /**
   * The bare engine: same database kind, full history, a generated process with the same number of
   * user tasks and a timer, each task completed with the same variables as ours, and the same
   * authorization checks — so the ratio is the cost of the platform's listeners, delegates and
   * checks, not of the data or of Camunda's own security.
   */
  private double bareEngine(int userTasks, int n, int warmUp, List<Map<String, Object>> data) throws Exception {
    ProcessEngineConfiguration configuration;
    if (Node.onPostgres()) {
      configuration = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
          .setJdbcUrl(Node.freshDatabase("approval_bench_bare")).setJdbcUsername("postgres").setJdbcPassword("")
          .setJdbcDriver("org.postgresql.Driver");
    } else {
      configuration = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
          .setJdbcUrl("jdbc:h2:mem:bare-bench;DB_CLOSE_DELAY=-1");
    }
    // the same JSON variable serialization as ours (Spin), so lists in the data cost the same
    var impl = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) configuration;
    impl.getProcessEnginePlugins().add(new org.camunda.spin.plugin.impl.SpinProcessEnginePlugin());
    impl.setDefaultSerializationFormat("application/json");
    // and the same security configuration: authorizations on, candidates may work their tasks
    impl.setAuthorizationEnabled(true);
    impl.setDefaultUserPermissionNameForTask("TASK_WORK");
    ProcessEngine bare = configuration.setProcessEngineName("bare-benchmark").setHistory("full")
        .setDatabaseSchemaUpdate("true").setJobExecutorActivate(false).buildProcessEngine();
    try {
      AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess("bare").camundaHistoryTimeToLive(3650).startEvent();
      for (int i = 0; i < userTasks; i++) {
        flow = flow.userTask("Task_" + i).camundaCandidateGroups("g");
        if (i == userTasks / 2) {
          flow = flow.intermediateCatchEvent("Timer").timerWithDuration("P90D");
        }
      }
      bare.getRepositoryService().createDeployment().addModelInstance("bare.bpmn", flow.endEvent().done()).deploy();
      for (int i = 0; i < warmUp; i++) {
        walkBare(bare, "W" + i, data);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        walkBare(bare, "B" + i, data);
      }
      return n / ((System.nanoTime() - t0) / 1e9);
    } finally {
      bare.close();
    }
  }

  private static void walkBare(ProcessEngine bare, String key, List<Map<String, Object>> data) {
    ProcessInstance pi = bare.getRuntimeService().startProcessInstanceByKey("bare", key, Map.of("projectName", "智慧病案系统",
        "budget", "800000.00", "category", "SPECIALIZED", "requestingDepartment", "dept-medical-affairs"));
    int step = 0;
    while (true) {
      Task task = bare.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
      if (task == null) {
        Job timer = bare.getManagementService().createJobQuery().processInstanceId(pi.getId()).singleResult();
        if (timer == null) {
          return;
        }
        bare.getManagementService().executeJob(timer.getId());
        continue;
      }
      bare.getIdentityService().setAuthentication("u", List.of("g"));
      bare.getTaskService().claim(task.getId(), "u");
      bare.getTaskService().complete(task.getId(), step < data.size() ? data.get(step) : Map.of());
      step++;
      bare.getIdentityService().clearAuthentication();
    }
  }

  // ------------------------------------------------------------------ REST under load, growth (PostgreSQL)

  private void startLiveProjects(int count, String prefix) {
    for (int i = 0; i < count; i++) {
      String key = prefix + "-" + i;
      switch (i % 3) {
        case 0 -> engine.getRuntimeService().startProcessInstanceByKey("zhuhai-project", key,
            Map.of("projectName", "负载测试", "unitName", "香洲区人民医院", "amount", "1000.00"));
        case 1 -> engine.getRuntimeService().startProcessInstanceByKey("tianjin-emergency-procurement", key,
            Map.of("trigger", "SAFETY_HAZARD", "description", "交换机故障", "solution", "更换", "estimatedCost", "30000.00"));
        default -> engine.getRuntimeService().startProcessInstanceByKey("tianjin-project", key, Map.of("projectName", "负载测试",
            "budget", "300000.00", "category", "SPECIALIZED", "requestingDepartment", "dept-medical-affairs"));
      }
    }
  }

  private String filterId(Rest user, String name) {
    for (JsonNode filter : user.get("/engine-rest/filter").json()) {
      if (filter.get("name").asText().equals(name)) {
        return filter.get("id").asText();
      }
    }
    throw new AssertionError("no filter " + name);
  }

  /** A reviewer's Tasklist list (「我组的待办」, first page) and claim + complete of a Zhuhai declaration, from 4 client threads. */
  private long[][] reviewerLatencies(int requests, String prefix) throws Exception {
    Rest reviewer = Rest.as(port, "zh-unit");
    String filter = filterId(reviewer, "我组的待办");
    long[] lists = new long[requests];
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      int slot = i;
      done.add(clients.submit(() -> {
        long t0 = System.nanoTime();
        Rest.Response list = reviewer.post("/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15", Map.of());
        lists[slot] = System.nanoTime() - t0;
        assertThat(list.status()).isEqualTo(200);
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    List<String> declarations = engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike(prefix + "-%")
        .taskDefinitionKey("Task_Declare").listPage(0, requests).stream().map(Task::getId).toList();
    long[] completions = new long[declarations.size()];
    done.clear();
    Map<String, Object> declaration = Map.of("variables", Map.of("standards", Map.of("value", "WS 363"),
        "selfDefinedCode", Map.of("value", false), "networkPlan", Map.of("value", "专网"),
        "securityLevel", Map.of("value", "LEVEL_3"), "softwareScope", Map.of("value", "接口")));
    for (int i = 0; i < declarations.size(); i++) {
      int slot = i;
      String id = declarations.get(i);
      done.add(clients.submit(() -> {
        long t0 = System.nanoTime();
        assertThat(reviewer.post("/engine-rest/task/" + id + "/claim", Map.of("userId", "zh-unit")).status()).isEqualTo(204);
        Rest.Response completed = reviewer.post("/engine-rest/task/" + id + "/complete", declaration);
        completions[slot] = System.nanoTime() - t0;
        assertThat(completed.status()).as(completed.body()).isEqualTo(204);
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    clients.shutdown();
    return new long[][] {lists, completions};
  }

  @Test
  @Order(2)
  void restLatencyWithTenThousandLiveProjects() throws Exception {
    if (!Node.onPostgres()) {
      return; // issue 10 asks for PostgreSQL
    }
    String prefix = Processes.uniqueKey("BENCH-LIVE");
    long t0 = System.nanoTime();
    startLiveProjects(10_000, prefix);
    double setup = (System.nanoTime() - t0) / 1e9;
    reviewerLatencies(100, prefix); // warm-up
    long[][] measured = reviewerLatencies(600, prefix);
    long live = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKeyLike(prefix + "-%").count();
    Results.row(DB, String.format("reviewer's 「我组的待办」 list over /engine-rest, %d live projects (4 clients)", live),
        Results.percentiles(measured[0]), "p95 < 50 ms");
    Results.row(DB, "claim + complete over /engine-rest, same load", Results.percentiles(measured[1]), "p95 < 50 ms");
    Results.row(DB, "setup: starting 10,000 projects (Java API, business-key check)", String.format("%.0f starts/s", 10_000 / setup), "—");
  }

  @Test
  @Order(3)
  void growthOfTaskListLatencyAndDatabaseWithCompletedProjects() throws Exception {
    if (!Node.onPostgres()) {
      return; // the database size is PostgreSQL's
    }
    int completedSoFar = 0;
    for (int target : new int[] {1_000, 10_000}) {
      String prefix = Processes.uniqueKey("BENCH-DONE");
      int add = target - completedSoFar;
      long t0 = System.nanoTime();
      for (int i = 0; i < add; i++) {
        String key = prefix + "-" + i;
        ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("zhuhai-project", key,
            Map.of("projectName", "历史增长", "unitName", "香洲区人民医院", "amount", "150000.00"));
        complete(pi, "Task_Declare", "zh-unit", Map.of("standards", "WS 363", "selfDefinedCode", false, "networkPlan", "专网",
            "securityLevel", "LEVEL_3", "softwareScope", "接口"));
        complete(pi, "Task_OfficeReview", "zh-office", Map.of("decision", "FORWARD"));
        complete(pi, "Task_LeadingGroupApproval", "zh-leader", Map.of("decision", "REJECTED", "opinion", "与总体规划重复"));
      }
      completedSoFar = target;
      double rate = add / ((System.nanoTime() - t0) / 1e9);
      String prefixLive = Processes.uniqueKey("BENCH-GROW");
      startLiveProjects(300, prefixLive);
      reviewerLatencies(50, prefixLive);
      long[][] measured = reviewerLatencies(250, prefixLive);
      Results.row(DB, String.format("with ≥%,d completed projects in history (+%.0f completed/s while filling)", target, rate),
          "list " + Results.percentiles(measured[0]) + "; complete p95 " + String.format("%.1f ms", Results.p95(measured[1]))
              + "; database " + databaseSize(), "grows gently");
    }
  }

  private void complete(ProcessInstance pi, String taskKey, String user, Map<String, Object> variables) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
    engine.getTaskService().claim(task.getId(), user);
    engine.getTaskService().complete(task.getId(), variables);
  }

  private String databaseSize() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      if (!Node.onPostgres()) {
        return "(H2 in memory)";
      }
      try (ResultSet rs = c.createStatement().executeQuery("select pg_size_pretty(pg_database_size(current_database()))")) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  // ------------------------------------------------------------------ start-up and memory against a bare Camunda webapp

  @Test
  @Order(4)
  void startupAndMemoryAgainstABareCamundaWebapp() throws Exception {
    if (Node.onPostgres()) {
      return; // measured once, in the H2 run
    }
    double[] ours = launch("cn.healthit.approval.ApprovalPlatformApplication", "--spring.datasource.url=jdbc:h2:mem:bench-ours");
    double[] bare = launch("bench.bare.BareCamundaApp");
    Results.row("H2 (in memory)", "start-up: launch → Tasklist login page answers",
        String.format("ours %.1f s · bare %.1f s · ratio %.2f", ours[0], bare[0], ours[0] / bare[0]), "≤ 1.2×");
    Results.row("H2 (in memory)", "resident memory after start-up",
        String.format("ours %.0f MB · bare %.0f MB · ratio %.2f", ours[1], bare[1], ours[1] / bare[1]), "≤ 1.2×");
    Results.row("H2 (in memory)", "resident memory after 500 authenticated REST task queries",
        String.format("ours %.0f MB · bare %.0f MB · ratio %.2f", ours[2], bare[2], ours[2] / bare[2]), "≤ 1.2×");
  }

  /** Launches a JVM (-Xmx512m), returns seconds to the Tasklist page, RSS MB after start-up and after a little load. */
  private static double[] launch(String mainClass, String... args) throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass, "--server.port=" + port));
    command.addAll(List.of(args));
    Path log = Path.of("target", "benchmark", mainClass + ".log");
    Files.createDirectories(log.getParent());
    Instant launched = Instant.now();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      HttpClient client = HttpClient.newHttpClient();
      double seconds = -1;
      while (Duration.between(launched, Instant.now()).toMinutes() < 3) {
        try {
          HttpResponse<String> page = client.send(HttpRequest.newBuilder(
              URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/")).build(), HttpResponse.BodyHandlers.ofString());
          if (page.statusCode() == 200) {
            seconds = Duration.between(launched, Instant.now()).toMillis() / 1000.0;
            break;
          }
        } catch (java.io.IOException notYet) {
          // starting
        }
        Thread.sleep(100);
      }
      assertThat(seconds).as("%s served Tasklist", mainClass).isPositive();
      Thread.sleep(3000);
      double afterStart = Results.rssMegabytes(process.pid());
      Rest admin = Rest.as(port, "admin");
      for (int i = 0; i < 500; i++) {
        assertThat(admin.get("/engine-rest/task?maxResults=15").status()).isEqualTo(200);
      }
      double underLoad = Results.rssMegabytes(process.pid());
      return new double[] {seconds, afterStart, underLoad};
    } finally {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  // ------------------------------------------------------------------ two nodes

  @Test
  @Order(5)
  void asyncJobsAndTimersOnOneNodeAndOnTwo() throws Exception {
    if (!Node.onPostgres()) {
      return; // nodes share a PostgreSQL
    }
    double one = jobsPerSecond(1);
    double two = jobsPerSecond(2);
    Results.row(DB, "async jobs + timers (800 instances × 2 jobs), job executors of separate JVM nodes",
        String.format("1 node %.0f jobs/s · 2 nodes %.0f jobs/s · scaling %.2f× · duplicates 0", one, two, two / one), "≥ 1.6×");
  }

  private double jobsPerSecond(int nodes) throws Exception {
    String database = Node.freshDatabase("approval_bench_nodes");
    Map<String, String> fast = Map.of("camunda.bpm.job-execution.wait-time-in-millis", "200",
        "camunda.bpm.job-execution.max-wait", "500");
    List<Node> started = new ArrayList<>();
    try {
      for (int i = 0; i < nodes; i++) {
        started.add(new Node("bench-" + nodes + "-" + i, database, fast).start());
      }
      Node a = started.get(0);
      Instant due = Instant.now().plusSeconds(40);
      String model = Bpmn.convertToString(Bpmn.createExecutableProcess("bench-probe").name("基准探针").startEvent()
          .intermediateCatchEvent("Timer").timerWithDate(due.toString())
          .intermediateThrowEvent("Async").camundaAsyncBefore().endEvent().done());
      assertThat(a.as("admin").postFile("/engine-rest/deployment/create", "model", "bench-probe.bpmn", model).status()).isEqualTo(200);
      int instances = 800;
      for (int i = 0; i < instances; i++) {
        assertThat(a.as("admin").post("/engine-rest/process-definition/key/bench-probe/start", Map.of("businessKey", "P-" + i))
            .status()).isEqualTo(200);
      }
      while (Instant.now().isBefore(due)) {
        Thread.sleep(100);
      }
      long t0 = System.nanoTime();
      while (a.as("admin").get("/engine-rest/history/process-instance/count?processDefinitionKey=bench-probe&finished=true")
          .json().get("count").asLong() < instances) {
        Thread.sleep(200);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      long succeeded = a.as("admin").get("/engine-rest/history/job-log/count?processDefinitionKey=bench-probe&successLog=true")
          .json().get("count").asLong();
      assertThat(succeeded).as("every job exactly once").isEqualTo(2L * instances);
      return 2.0 * instances / seconds;
    } finally {
      for (Node node : started) {
        node.close();
      }
    }
  }

}
