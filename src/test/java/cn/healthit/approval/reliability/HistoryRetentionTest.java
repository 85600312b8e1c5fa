package cn.healthit.approval.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Each process keeps its history for its own time to live; the engine's cleanup removes what has expired and nothing else. */
@PlatformTest
class HistoryRetentionTest {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private static BpmnModelInstance instant(String key, int days) {
    return Bpmn.createExecutableProcess(key).name("保留期测试").camundaHistoryTimeToLive(days)
        .startEvent().name("开始").endEvent().name("结束").done();
  }

  @Test
  void eachProcessHasItsTimeToLiveAndTheEngineDefaultElsewhere() {
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("chongqing-feedback").list())
        .isNotEmpty().allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).isEqualTo(1825));
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("tianjin-project").list())
        .isNotEmpty().allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).isEqualTo(3650));
    assertThat(historyService.findHistoryCleanupJobs()).as("the nightly cleanup is scheduled").isNotEmpty();
  }

  @Test
  void cleanupRemovesOnlyTheHistoryWhoseTimeToLiveHasPassed() {
    String suffix = String.valueOf(System.nanoTime());
    repositoryService.createDeployment().name("retention-test")
        .addModelInstance("short.bpmn", instant("retention-short-" + suffix, 1))
        .addModelInstance("long.bpmn", instant("retention-long-" + suffix, 3650)).deploy();

    Instant now = Instant.now();
    ClockUtil.setCurrentTime(Date.from(now.minus(Duration.ofDays(2)).minusSeconds(60)));
    String expired = runtimeService.startProcessInstanceByKey("retention-short-" + suffix, "RT-EXPIRED-" + suffix).getId();
    String keptLong = runtimeService.startProcessInstanceByKey("retention-long-" + suffix, "RT-LONG-" + suffix).getId();
    ClockUtil.setCurrentTime(Date.from(now.minus(Duration.ofHours(23))));
    String justInside = runtimeService.startProcessInstanceByKey("retention-short-" + suffix, "RT-INSIDE-" + suffix).getId();
    ClockUtil.reset();
    String fresh = runtimeService.startProcessInstanceByKey("retention-short-" + suffix, "RT-FRESH-" + suffix).getId();

    Job cleanup = historyService.cleanUpHistoryAsync(true);
    managementService.executeJob(cleanup.getId());

    List<String> left = historyService.createHistoricProcessInstanceQuery()
        .processInstanceIds(java.util.Set.of(expired, keptLong, justInside, fresh)).list().stream().map(i -> i.getId()).toList();
    assertThat(left).as("expired two days ago + 1 day TTL is gone; 23 hours ago with 1 day TTL stays")
        .containsExactlyInAnyOrder(keptLong, justInside, fresh);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(expired).count()).isZero();
  }
}
