package cn.healthit.approval.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.Node;
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
import java.util.function.IntFunction;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A project number is taken once (README "Security"): starts with one number fired at the same instant
 * through /engine-rest — four threads released by a barrier, many rounds — leave exactly one live
 * instance, and every loser gets the same 400 as a start made after it. On PostgreSQL (-Ppostgres) the
 * race also runs across two nodes (separate JVMs) on one database.
 */
@PlatformTest
class UniqueProjectNumberTest {

  static final int ROUNDS = Integer.getInteger("concurrency.rounds", 20);
  static final int RACERS = 4;
  static final String TAKEN = "已有进行中的流程实例，不能重复发起";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  static final List<String> figures = new ArrayList<>();

  @AfterAll
  static void print() {
    figures.forEach(f -> System.out.println("[reliability] " + f));
  }

  private static Map<String, Object> start(String businessKey) {
    return Map.of("businessKey", businessKey, "variables", Map.of(
        "projectName", Map.of("value", "编号唯一性"), "unitName", Map.of("value", "香洲区人民医院"),
        "amount", Map.of("value", "50000.00")));
  }

  private static final String START = "/engine-rest/process-definition/key/zhuhai-project/start";

  private long live(String businessKey) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("zhuhai-project")
        .processInstanceBusinessKey(businessKey).count();
  }

  /** The racers fire at once; returns their responses. */
  static List<Rest.Response> race(int racers, IntFunction<Rest.Response> call) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(racers);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<Future<Rest.Response>> futures = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        int racer = i;
        futures.add(pool.submit(() -> {
          barrier.await();
          return call.apply(racer);
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

  /** Exactly one start won; every loser has the sequential duplicate's 400. */
  static void oneWinner(List<Rest.Response> responses, String businessKey, String sequentialRefusal) {
    assertThat(responses.stream().filter(r -> r.status() == 200).count()).as("%s: %s", businessKey, responses).isEqualTo(1);
    for (Rest.Response r : responses) {
      if (r.status() != 200) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).as("the loser's answer is the sequential duplicate's").isEqualTo(sequentialRefusal);
      }
    }
  }

  @Test
  void aSequentialDuplicateIsRefusedWithTheFieldNamed() {
    Rest unit = Rest.as(port, "zh-unit");
    String key = Processes.uniqueKey("ZH-UNIQ");
    assertThat(unit.post(START, start(key)).status()).isEqualTo(200);
    Rest.Response again = unit.post(START, start(key));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body()).contains("\"field\":\"businessKey\"").contains(key + " " + TAKEN);
    assertThat(live(key)).isEqualTo(1);
  }

  @Test
  void concurrentStartsWithOneNumberLeaveOneLiveProject() throws Exception {
    Rest unit = Rest.as(port, "zh-unit");
    int losers = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String key = Processes.uniqueKey("ZH-RACE");
      List<Rest.Response> responses = race(RACERS, racer -> unit.post(START, start(key)));
      Rest.Response sequential = unit.post(START, start(key));
      assertThat(sequential.status()).isEqualTo(400);
      oneWinner(responses, key, sequential.body());
      assertThat(live(key)).as("live instances numbered %s", key).isEqualTo(1);
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).count())
          .as("nothing of a loser is left in history").isEqualTo(1);
      losers += RACERS - 1;
    }
    figures.add("concurrent starts with one project number (" + RACERS + " threads, H2/PostgreSQL as run): " + ROUNDS
        + " rounds, " + ROUNDS + " winners, " + losers + " losers answered 400, 0 duplicates");
  }

  @Test
  void aNumberIsFreeAgainWhenItsProjectEndsOrItsRowIsStale() {
    Rest unit = Rest.as(port, "zh-unit");
    String key = Processes.uniqueKey("ZH-FREE");
    String id = unit.post(START, start(key)).json().get("id").asText();
    // deleted without the model's listeners: the platform's own listener still frees the number
    engine.getRuntimeService().deleteProcessInstance(id, "测试：撤销", true);
    assertThat(unit.post(START, start(key)).status()).isEqualTo(200);

    String stale = Processes.uniqueKey("ZH-STALE");
    jdbc.update("INSERT INTO platform_project_number (process_key, business_key, process_instance_id) VALUES (?, ?, ?)",
        "zhuhai-project", stale, "no-such-instance");
    assertThat(unit.post(START, start(stale)).status()).as("a row of an instance that no longer runs is taken over").isEqualTo(200);
    assertThat(unit.post(START, start(stale)).status()).isEqualTo(400);
  }

  @Test
  void twoNodesOnOnePostgresDatabaseRaceForOneNumber() throws Exception {
    Assumptions.assumeTrue(Node.onPostgres(), "runs in the PostgreSQL suite (-Ppostgres)");
    String database = Node.freshDatabase("approval_unique_keys");
    try (Node a = new Node("unique-a", database, Map.of("camunda.bpm.job-execution.enabled", "false")).start();
         Node b = new Node("unique-b", database, Map.of("camunda.bpm.job-execution.enabled", "false")).start()) {
      Rest[] nodes = {a.as("zh-unit"), b.as("zh-unit")};
      int rounds = 10;
      for (int round = 0; round < rounds; round++) {
        String key = Processes.uniqueKey("ZH-2NODE");
        List<Rest.Response> responses = race(RACERS, racer -> nodes[racer % 2].post(START, start(key)));
        Rest.Response sequential = nodes[round % 2].post(START, start(key));
        oneWinner(responses, key, sequential.body());
        assertThat(a.as("admin").get("/engine-rest/process-instance/count?businessKey=" + key).json().get("count").asInt())
            .isEqualTo(1);
      }
      figures.add("concurrent starts with one project number on two nodes (PostgreSQL): " + rounds + " rounds, "
          + rounds + " winners, " + rounds * (RACERS - 1) + " losers answered 400, 0 duplicates");
    }
  }
}
