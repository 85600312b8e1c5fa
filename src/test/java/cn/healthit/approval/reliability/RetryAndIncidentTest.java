package cn.healthit.approval.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthit.approval.support.FlakyIntegration;
import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Rest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A service task runs after a transaction boundary with the platform's retry schedule (R3/PT5M): a
 * delegate whose outside system is down fails, is retried five minutes later, becomes an incident
 * with its Chinese message after the third failure, and a retry from Cockpit (the REST call Cockpit
 * makes) resumes the project once the system is back.
 */
@PlatformTest
class RetryAndIncidentTest {

  static final String KEY = "reliability-flaky";

  @Autowired ProcessEngine engine;
  @Autowired FlakyIntegration integration;
  @LocalServerPort int port;

  @BeforeAll
  static void deploy(@Autowired ProcessEngine engine) {
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(KEY).count() == 0) {
      engine.getRepositoryService().createDeployment().name("reliability-test").addModelInstance("flaky.bpmn",
          Bpmn.createExecutableProcess(KEY).name("外部接口重试测试").startEvent().name("开始")
              .serviceTask("Task_Send").name("推送到院内系统").camundaDelegateExpression("${flakyIntegration}")
              .camundaAsyncBefore().camundaFailedJobRetryTimeCycle("R3/PT5M")
              .userTask("Task_Confirm").name("确认").camundaCandidateGroups("it-division")
              .endEvent().name("结束").done()).deploy();
    }
  }

  private Job job(ProcessInstance p) {
    return engine.getManagementService().createJobQuery().processInstanceId(p.getId()).singleResult();
  }

  @Test
  void aFailingDelegateIsRetriedOnScheduleThenBecomesAnIncidentAndACockpitRetryResumes() {
    integration.failNextTimes(3);
    ProcessInstance p = engine.getRuntimeService().startProcessInstanceByKey(KEY, "REL-" + System.nanoTime());
    assertThat(job(p)).as("the start commits before the delegate runs").isNotNull();
    assertThat(integration.calls()).isZero();

    for (int attempt = 1; attempt <= 3; attempt++) {
      Job before = job(p);
      long started = System.currentTimeMillis();
      assertThatThrownBy(() -> engine.getManagementService().executeJob(before.getId())).hasMessageContaining("暂时不可用");
      Job after = job(p);
      assertThat(after.getRetries()).isEqualTo(3 - attempt);
      if (attempt < 3) {
        assertThat(after.getDuedate().getTime() - started).as("retried after five minutes")
            .isBetween(Duration.ofMinutes(5).minusSeconds(5).toMillis(), Duration.ofMinutes(5).plusSeconds(30).toMillis());
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(p.getId()).count()).isZero();
      }
    }
    Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(p.getId()).singleResult();
    assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    assertThat(incident.getActivityId()).isEqualTo("Task_Send");

    Rest admin = Rest.as(port, "admin");
    JsonNode shown = admin.get("/engine-rest/incident?processInstanceId=" + p.getId()).json();
    assertThat(shown.get(0).get("incidentMessage").asText()).contains("外部系统（院内 HIS 接口）暂时不可用，第 3 次调用失败");

    // the system is back; the administrator clicks 「重试」 in Cockpit
    assertThat(admin.put("/engine-rest/job/" + job(p).getId() + "/retries", Map.of("retries", 1)).status()).isEqualTo(204);
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(p.getId()).count()).isZero();
    engine.getManagementService().executeJob(job(p).getId());
    assertThat(engine.getRuntimeService().getVariable(p.getId(), "delivered")).isEqualTo(true);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(p.getId()).taskDefinitionKey("Task_Confirm").count())
        .isEqualTo(1);
    assertThat(integration.calls()).isEqualTo(4);
  }

  @Test
  void aReviewerCannotRetryAFailedJob() {
    integration.failNextTimes(1);
    ProcessInstance p = engine.getRuntimeService().startProcessInstanceByKey(KEY, "REL-" + System.nanoTime());
    assertThatThrownBy(() -> engine.getManagementService().executeJob(job(p).getId())).isNotNull();
    assertThat(Rest.as(port, "xinxi").put("/engine-rest/job/" + job(p).getId() + "/retries", Map.of("retries", 3)).status())
        .isEqualTo(403);
    integration.failNextTimes(0);
  }
}
