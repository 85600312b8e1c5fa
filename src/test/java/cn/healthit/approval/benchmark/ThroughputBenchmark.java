package cn.healthit.approval.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Rest;
import java.util.Arrays;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Prints figures, asserts nothing about time: how fast the platform starts instances (with the
 * business-key uniqueness check on every start) and how long a reviewer's claim + complete takes
 * through /engine-rest with HTTP Basic and authorizations on. Run: {@code ./mvnw verify -Pbenchmark}.
 */
@Tag("benchmark")
@PlatformTest
class ThroughputBenchmark {

  private static final int WARM_UP = 50;
  private static final int N = 500;

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  @Test
  void startsAndCompletions() {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey("foundation-two-groups").count() == 0) {
      repositoryService.createDeployment().addClasspathResource("test-models/two-groups.bpmn").deploy();
    }
    String run = "BENCH-" + System.nanoTime();
    for (int i = 0; i < WARM_UP; i++) {
      runtimeService.startProcessInstanceByKey("foundation-two-groups", run + "-W" + i);
    }
    long[] starts = new long[N];
    for (int i = 0; i < N; i++) {
      long t0 = System.nanoTime();
      runtimeService.startProcessInstanceByKey("foundation-two-groups", run + "-" + i);
      starts[i] = System.nanoTime() - t0;
    }
    Rest reviewer = Rest.as(port, "xinxi2");
    long[] completions = new long[N];
    for (int i = 0; i < N; i++) {
      String taskId = taskService.createTaskQuery().processInstanceBusinessKey(run + "-" + i).singleResult().getId();
      long t0 = System.nanoTime();
      assertThat(reviewer.post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", "xinxi2")).status()).isEqualTo(204);
      assertThat(reviewer.post("/engine-rest/task/" + taskId + "/complete", Map.of()).status()).isEqualTo(204);
      completions[i] = System.nanoTime() - t0;
    }
    String db = cn.healthit.approval.support.Node.onPostgres() ? "PostgreSQL" : "H2";
    Results.row(db, "process start, 2-task model (engine API, business-key check)", String.format("%.0f starts/s · ",
        N / (Arrays.stream(starts).sum() / 1e9)) + Results.percentiles(starts), "—");
    Results.row(db, "claim + complete over /engine-rest, few live projects (Basic auth, authorizations)",
        Results.percentiles(completions), "—");
  }

}
