package cn.healthit.approval.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two reviewers of 信息处 act on the same task at the same moment through /engine-rest — real HTTP
 * requests from two threads released together by a barrier, many rounds. Exactly one wins; the other
 * gets HTTP 409 in the platform's error shape with a Chinese message; the task, its history and the
 * next step are consistent (one assignee, one completion, one next task).
 */
@PlatformTest
class ConcurrentTaskTest {

  static final int ROUNDS = Integer.getInteger("concurrency.rounds", 25);
  static final String[] REVIEWERS = {"xinxi", "xinxi2"};

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Processes processes;
  static final List<String> figures = new ArrayList<>();

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
  }

  @AfterAll
  static void print() {
    figures.forEach(f -> System.out.println("[reliability] " + f));
  }

  private ProcessInstance project() {
    return processes.start("tianjin-project", Processes.uniqueKey("TJ-RACE"), Map.of("projectName", "并发认领",
        "budget", "300000.00", "category", "PUBLIC_INFRASTRUCTURE", "requestingDepartment", "it-division"));
  }

  /** Both reviewers fire at once; returns the two responses in reviewer order. */
  private List<Rest.Response> race(Function<String, Rest.Response> call) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(REVIEWERS.length);
    ExecutorService pool = Executors.newFixedThreadPool(REVIEWERS.length);
    try {
      List<Future<Rest.Response>> futures = new ArrayList<>();
      for (String reviewer : REVIEWERS) {
        futures.add(pool.submit(() -> {
          barrier.await();
          return call.apply(reviewer);
        }));
      }
      List<Rest.Response> out = new ArrayList<>();
      for (Future<Rest.Response> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertLoser(Rest.Response loser, String expectedMessage) {
    assertThat(loser.status()).as(loser.body()).isEqualTo(409);
    assertThat(loser.json().get("status").asInt()).isEqualTo(409);
    assertThat(loser.json().get("message").asText()).contains(expectedMessage);
  }

  @Test
  void twoReviewersClaimingOneTaskAtOnce_exactlyOneWins() throws Exception {
    int conflicts = 0;
    for (int round = 0; round < ROUNDS; round++) {
      ProcessInstance p = project();
      Task task = processes.task(p, "Task_Requirement");
      List<Rest.Response> answers = race(reviewer -> Rest.as(port, reviewer)
          .post("/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", reviewer)));

      List<Integer> statuses = answers.stream().map(Rest.Response::status).sorted().toList();
      assertThat(statuses).as("round %d: %s", round, answers).containsExactly(204, 409);
      int winner = answers.get(0).status() == 204 ? 0 : 1;
      Rest.Response loser = answers.get(1 - winner);
      assertThat(loser.json().get("message").asText()).containsAnyOf("该任务已被他人认领", "该任务已被他人处理");
      conflicts++;

      Task after = engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult();
      assertThat(after.getAssignee()).isEqualTo(REVIEWERS[winner]);
      HistoricTaskInstance history = engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult();
      assertThat(history.getAssignee()).isEqualTo(REVIEWERS[winner]);
      assertThat(engine.getHistoryService().createUserOperationLogQuery().taskId(task.getId()).operationType("Claim").count())
          .as("one claim in the operation log").isEqualTo(1);
    }
    figures.add("concurrent claims: " + ROUNDS + " rounds, " + ROUNDS + " winners, " + conflicts + " refused with 409, 0 corrupted");
  }

  @Test
  void twoReviewersCompletingOneTaskAtOnce_exactlyOneCompletion() throws Exception {
    Map<String, Object> requirement = Map.of("variables", Map.of(
        "caseHandler", Map.of("value", "王"), "responsiblePerson", Map.of("value", "李"),
        "requirementSummary", Map.of("value", "机房改造"), "systemType", Map.of("value", "NURSING"),
        "acquisitionType", Map.of("value", "PURCHASE_SOFTWARE")));
    int conflicts = 0;
    for (int round = 0; round < ROUNDS; round++) {
      ProcessInstance p = project();
      Task task = processes.task(p, "Task_Requirement");
      engine.getTaskService().claim(task.getId(), REVIEWERS[0]);
      List<Rest.Response> answers = race(reviewer -> Rest.as(port, reviewer)
          .post("/engine-rest/task/" + task.getId() + "/complete", requirement));

      List<Integer> statuses = answers.stream().map(Rest.Response::status).sorted().toList();
      assertThat(statuses).as("round %d: %s", round, answers).containsExactly(204, 409);
      assertLoser(answers.get(statuses.get(0) == answers.get(0).status() ? 1 : 0), "已被他人");
      conflicts++;

      assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(p.getId())
          .taskDefinitionKey("Task_Requirement").finished().count()).as("one completion").isEqualTo(1);
      assertThat(engine.getTaskService().createTaskQuery().processInstanceId(p.getId()).taskDefinitionKey("Task_Requirement").count())
          .isZero();
      assertThat(engine.getTaskService().createTaskQuery().processInstanceId(p.getId()).list())
          .as("exactly one next task").extracting(Task::getTaskDefinitionKey).containsExactly("Task_MarketResearch");
      assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(p.getId())
          .activityId("Task_MarketResearch").count()).as("the next step entered once").isEqualTo(1);
    }
    figures.add("concurrent completions: " + ROUNDS + " rounds, " + ROUNDS + " completions, " + conflicts
        + " refused with 409, 0 duplicate next tasks");
  }
}
