package cn.healthit.approval.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.Node;
import cn.healthit.approval.support.Rest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The platform as operators run it, on PostgreSQL (only in the {@code -Ppostgres} run): nodes are
 * separate JVMs. A node killed with SIGKILL in the middle of a project loses nothing; two nodes on
 * one database share the work, run every timer and async job exactly once, and when one dies under
 * load the other finishes its jobs. Figures are printed for the README's "Reliability" section.
 */
class CrashAndClusterTest {

  @BeforeEach
  void onlyOnPostgres() {
    Assumptions.assumeTrue(Node.onPostgres(), "runs in the PostgreSQL suite (-Ppostgres)");
  }

  private static Map<String, Object> values(Object... pairs) {
    Map<String, Object> out = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], Map.of("value", pairs[i + 1]));
    }
    return out;
  }

  /** Claims and completes the one open task of the project with this definition key, as the user, through REST. */
  private static String complete(Node node, String user, String businessKey, String taskKey, Map<String, Object> variables) {
    Rest rest = node.as(user);
    JsonNode tasks = rest.get("/engine-rest/task?processInstanceBusinessKey=" + businessKey + "&taskDefinitionKey=" + taskKey).json();
    assertThat(tasks).as("%s open for %s", taskKey, user).hasSize(1);
    String id = tasks.get(0).get("id").asText();
    assertThat(rest.post("/engine-rest/task/" + id + "/claim", Map.of("userId", user)).status()).isEqualTo(204);
    Rest.Response done = rest.post("/engine-rest/task/" + id + "/complete", Map.of("variables", variables));
    assertThat(done.status()).as(done.body()).isEqualTo(204);
    return id;
  }

  private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(250);
    }
  }

  @Test
  void aNodeKilledMidProjectComesBackWithEverythingAndTheProjectCompletes() throws Exception {
    String database = Node.freshDatabase("approval_crash");
    String key = "ZH-CRASH-" + System.nanoTime();
    byte[] pdf = "%PDF-1.7\n崩溃恢复测试材料\n".getBytes(StandardCharsets.UTF_8);
    String declareId;
    String instanceId;
    String attachmentId;
    try (Node node = new Node("crash-a", database, Map.of()).start()) {
      Rest.Response started = node.as("zh-unit").post("/engine-rest/process-definition/key/zhuhai-project/start", Map.of(
          "businessKey", key, "variables", values("projectName", "崩溃恢复测试", "unitName", "香洲区人民医院", "amount", "1000.00")));
      assertThat(started.status()).as(started.body()).isEqualTo(200);
      instanceId = started.json().get("id").asText();
      JsonNode declare = node.as("zh-unit").get("/engine-rest/task?processInstanceBusinessKey=" + key).json().get(0);
      declareId = declare.get("id").asText();
      assertThat(node.as("zh-unit").post("/engine-rest/task/" + declareId + "/claim", Map.of("userId", "zh-unit")).status())
          .isEqualTo(204);
      Rest.Response material = node.as("zh-unit").postMaterial("/api/tasks/" + declareId + "/materials",
          Map.of("category", "REQUIREMENTS"), "需求书.pdf", pdf);
      assertThat(material.status()).as(material.body()).isEqualTo(201);
      attachmentId = material.json().get("id").asText();
      assertThat(node.as("zh-unit").post("/engine-rest/task/" + declareId + "/comment/create", Map.of("message", "已与信息科确认网络方案"))
          .status()).isEqualTo(200);
      complete(node, "zh-unit", key, "Task_Declare", values("standards", "WS 363", "selfDefinedCode", false,
          "networkPlan", "卫生专网", "securityLevel", "LEVEL_3", "softwareScope", "检验结果互认接口", "opinion", "申报材料齐全"));
      node.kill();
      System.out.println("[reliability] SIGKILLed node crash-a (pid " + node.pid() + ") in the middle of " + key);
    }

    try (Node node = new Node("crash-b", database, Map.of()).start()) {
      Rest admin = node.as("admin");
      assertThat(admin.get("/engine-rest/process-instance/" + instanceId).json().get("businessKey").asText()).isEqualTo(key);
      JsonNode open = node.as("zh-district").get("/engine-rest/task?processInstanceBusinessKey=" + key).json();
      assertThat(open).hasSize(1);
      assertThat(open.get(0).get("taskDefinitionKey").asText()).isEqualTo("Task_DistrictFiling");
      JsonNode variables = admin.get("/engine-rest/process-instance/" + instanceId + "/variables").json();
      assertThat(variables.get("amount").get("value").asText()).isEqualTo("1000.00");
      assertThat(variables.get("networkPlan").get("value").asText()).isEqualTo("卫生专网");
      assertThat(admin.get("/engine-rest/task/" + declareId + "/comment").json().findValuesAsText("message"))
          .contains("已与信息科确认网络方案", "填报项目申报材料：申报材料齐全");
      assertThat(node.as("zh-district").download("/api/materials/" + attachmentId).body()).isEqualTo(pdf);

      complete(node, "zh-district", key, "Task_DistrictFiling", values("decision", "APPROVED", "opinion", "同意备案",
          "bureauSoftwareConfirmed", true));
      complete(node, "zh-superior", key, "Task_NetworkPlanFiling", values("decision", "APPROVED", "opinion", "予以备案",
          "networkPlanFilingNo", "ZHWS-2026-099"));
      complete(node, "zh-security", key, "Task_SecurityLevelReview", values("decision", "APPROVED", "opinion", "同意第三级"));
      Map<String, Object> tender = values("awardDate", "2026-11-25", "winningBidder", "珠海信息工程公司");
      for (String unit : new String[] {"design", "construction", "supervision", "tenderAgent"}) {
        tender.putAll(values(unit + "Unit", "单位" + unit, unit + "CertificateNo", "CERT-" + unit,
            unit + "CertificateIssuer", "广东省住房和城乡建设厅", unit + "CertificateExpiry", "2028-12-31"));
      }
      complete(node, "zh-unit", key, "Task_Tender", tender);
      complete(node, "zh-unit", key, "Task_Construction", values("opinion", "按期完成"));
      complete(node, "zh-unit", key, "Task_Acceptance", values("decision", "PASSED", "opinion", "通过",
          "acceptanceStandards", "GB/T 22239-2019"));
      JsonNode history = admin.get("/engine-rest/history/process-instance/" + instanceId).json();
      assertThat(history.get("state").asText()).isEqualTo("COMPLETED");
      System.out.println("[reliability] crash survived: " + key + " completed on the restarted node with its material, comment and variables");
    }
  }

  @Test
  void twoNodesRunEveryTimerAndAsyncJobExactlyOnceAndASurvivorFinishesWhatADeadNodeLeft() throws Exception {
    String database = Node.freshDatabase("approval_cluster");
    Map<String, String> fast = Map.of(
        "camunda.bpm.job-execution.wait-time-in-millis", "300",
        "camunda.bpm.job-execution.max-wait", "1000",
        "camunda.bpm.job-execution.lock-time-in-millis", "15000");
    try (Node a = new Node("node-a", database, fast).start(); Node b = new Node("node-b", database, fast).start()) {
      String model = Bpmn.convertToString(Bpmn.createExecutableProcess("cluster-probe").name("集群探针")
          .startEvent().name("开始")
          .intermediateCatchEvent("Timer_Wait").name("等待1秒").timerWithDuration("PT1S")
          .intermediateThrowEvent("Event_Async").name("异步继续").camundaAsyncBefore()
          .endEvent().name("结束").done());
      assertThat(a.as("admin").postFile("/engine-rest/deployment/create", "model", "cluster-probe.bpmn", model).status())
          .isEqualTo(200);

      // a task completed on one node is gone on the other
      String key = "ZH-CLUSTER-" + System.nanoTime();
      assertThat(a.as("zh-unit").post("/engine-rest/process-definition/key/zhuhai-project/start", Map.of("businessKey", key,
          "variables", values("projectName", "集群测试", "unitName", "香洲区人民医院", "amount", "1000.00"))).status()).isEqualTo(200);
      String declare = complete(b, "zh-unit", key, "Task_Declare", values("standards", "WS 363", "selfDefinedCode", false,
          "networkPlan", "专网", "securityLevel", "LEVEL_3", "softwareScope", "接口"));
      assertThat(a.as("zh-unit").get("/engine-rest/task/" + declare).status()).isEqualTo(404);
      assertThat(a.as("zh-district").get("/engine-rest/task?processInstanceBusinessKey=" + key).json()
          .findValuesAsText("taskDefinitionKey")).containsExactly("Task_DistrictFiling");

      int perRound = 150;
      Round first = round(a, "R1", perRound);
      await("round 1 to finish on two nodes", Duration.ofMinutes(4), () -> finished(a, "R1") == perRound);
      Map<String, Integer> firstHosts = verifyExactlyOnce(a, first, perRound);
      assertThat(firstHosts).as("both nodes took jobs").containsKeys("node-a", "node-b");

      Round second = round(a, "R2", 0, perRound);
      second = untilNodeBTakesPart(a, b, second);
      b.kill();
      long killedAt = System.currentTimeMillis();
      int secondSize = second.instanceIds().size();
      await("node-a to finish round 2 alone", Duration.ofMinutes(4), () -> finished(a, "R2") == secondSize);
      Map<String, Integer> secondHosts = verifyExactlyOnce(a, second, perRound + secondSize);
      System.out.printf("[reliability] cluster: round 1 %d instances, %d jobs, by node %s; round 2 node-b SIGKILLed under load, "
          + "node-a finished the rest within %.1f s, %d jobs, by node %s; duplicates 0%n", perRound, perRound * 2, firstHosts,
          (System.currentTimeMillis() - killedAt) / 1000.0, secondSize * 2, secondHosts);
    }
  }

  private record Round(String prefix, List<String> instanceIds) {}

  /**
   * Waits until node-b has run a job of the round, so that it is killed in the middle of the work. The nodes compete for
   * the jobs: if node-a happens to run a whole batch before node-b's next acquisition, the round gets another batch
   * (at most three). Fails, saying what it saw, if node-b has exited or takes no job at all for two minutes.
   */
  private static Round untilNodeBTakesPart(Node a, Node b, Round round) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    int extraBatches = 0;
    while (true) {
      List<String> hosts = successes(a, round.prefix());
      if (hosts.contains("node-b")) {
        return round;
      }
      long finished = finished(a, round.prefix());
      if (!b.alive() || System.nanoTime() > deadline || (finished == round.instanceIds().size() && extraBatches == 3)) {
        if (b.alive()) {
          // what node-b's job acquisition, and any job thread inside the engine, was doing instead
          for (String thread : b.threadDump().split("\n\n")) {
            if (thread.startsWith("\"JobExecutor") || thread.startsWith("\"camundaTaskExecutor") && thread.contains("org.camunda.bpm")) {
              System.out.println("[reliability] node-b " + thread);
            }
          }
        }
        Map<String, Integer> byNode = new TreeMap<>();
        hosts.forEach(host -> byNode.merge(host, 1, Integer::sum));
        throw new AssertionError(String.format("node-b took no job of round %s: %d of %d instances finished, jobs by node %s,"
            + " %d extra batches, node-b %s (see target/nodes/node-b.log)", round.prefix(), finished, round.instanceIds().size(),
            byNode, extraBatches, b.alive() ? "alive" : "exited"));
      }
      if (finished == round.instanceIds().size()) {
        extraBatches++;
        List<String> ids = new ArrayList<>(round.instanceIds());
        ids.addAll(round(a, round.prefix(), ids.size(), 50).instanceIds());
        round = new Round(round.prefix(), ids);
      }
      Thread.sleep(250);
    }
  }

  private static Round round(Node node, String prefix, int count) {
    return round(node, prefix, 0, count);
  }

  /** Starts count probes with business keys prefix-from ... prefix-(from + count - 1). */
  private static Round round(Node node, String prefix, int from, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      Rest.Response started = node.as("admin").post("/engine-rest/process-definition/key/cluster-probe/start",
          Map.of("businessKey", prefix + "-" + i));
      assertThat(started.status()).as(started.body()).isEqualTo(200);
      ids.add(started.json().get("id").asText());
    }
    return new Round(prefix, ids);
  }

  private static long finished(Node node, String prefix) {
    return node.as("admin").get("/engine-rest/history/process-instance/count?processDefinitionKey=cluster-probe&finished=true"
        + "&processInstanceBusinessKeyLike=" + prefix + "-%25").json().get("count").asLong();
  }

  /** The nodes that ran a job of the round's instances successfully, one entry per job run. */
  private static List<String> successes(Node node, String prefix) {
    JsonNode logs = node.as("admin").get("/engine-rest/history/job-log?processDefinitionKey=cluster-probe&successLog=true"
        + "&maxResults=100000").json();
    JsonNode instances = node.as("admin").get("/engine-rest/history/process-instance?processDefinitionKey=cluster-probe"
        + "&processInstanceBusinessKeyLike=" + prefix + "-%25&maxResults=100000").json();
    java.util.Set<String> ids = new java.util.HashSet<>(instances.findValuesAsText("id"));
    List<String> hosts = new ArrayList<>();
    for (JsonNode log : logs) {
      if (ids.contains(log.get("processInstanceId").asText())) {
        hosts.add(log.get("hostname").asText());
      }
    }
    return hosts;
  }

  /** Every instance passed its timer and its async step once; every job succeeded exactly once. Returns jobs per node. */
  private static Map<String, Integer> verifyExactlyOnce(Node node, Round round, int instancesSoFar) {
    JsonNode logs = node.as("admin").get("/engine-rest/history/job-log?processDefinitionKey=cluster-probe&successLog=true"
        + "&maxResults=100000").json();
    java.util.Set<String> ids = new java.util.HashSet<>(round.instanceIds());
    Map<String, Integer> perJob = new HashMap<>();
    Map<String, Integer> perHost = new TreeMap<>();
    for (JsonNode log : logs) {
      if (ids.contains(log.get("processInstanceId").asText())) {
        perJob.merge(log.get("jobId").asText(), 1, Integer::sum);
        perHost.merge(log.get("hostname").asText(), 1, Integer::sum);
      }
    }
    assertThat(perJob).as("two jobs per instance: the timer and the async continuation").hasSize(round.instanceIds().size() * 2);
    assertThat(perJob.values()).as("no job ran twice").allMatch(n -> n == 1);
    for (String activity : new String[] {"Timer_Wait", "Event_Async"}) {
      long passed = node.as("admin").get("/engine-rest/history/activity-instance/count?processDefinitionKey=cluster-probe"
          + "&activityId=" + activity).json().get("count").asLong();
      assertThat(passed).as("%s passed once per instance", activity).isEqualTo(instancesSoFar);
    }
    return perHost;
  }
}
