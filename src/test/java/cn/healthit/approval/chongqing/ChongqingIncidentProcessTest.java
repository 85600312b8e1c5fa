package cn.healthit.approval.chongqing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** chongqing-incident: every path and every clock (002 §8.4), the clocks run by executing their jobs. */
@PlatformTest
class ChongqingIncidentProcessTest {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  @Autowired ProcessEngine engine;
  Processes processes;

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private static void at(LocalDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.atZone(CHINA).toInstant()));
  }

  private ProcessInstance incident(String type, String since) {
    return processes.start("chongqing-incident", Processes.uniqueKey("INC"),
        Map.of("incidentType", type, "conditionSince", since, "description", "HIS 无法登录"));
  }

  private Job job(ProcessInstance p, String activityId) {
    return engine.getManagementService().createJobQuery().processInstanceId(p.getId()).activityId(activityId).singleResult();
  }

  @Test
  void aServerDownInOfficeHoursWithMissedClocksAndALongAnalysis() {
    at(LocalDateTime.of(2026, 11, 25, 10, 0)); // a Wednesday
    ProcessInstance p = incident("SERVER_DOWN", "2026-11-25T09:45");
    assertThat(processes.variable(p, "offHours")).isEqualTo(false);
    assertThat(p).isWaitingAt("Task_ItAssessment").hasNotPassed("Task_DutyOfficer");
    processes.complete(p, "Task_ItAssessment", "cq-it", Map.of("initialAssessment", "数据库服务器宕机"));
    assertThat(processes.variable(p, "vendorResponseDue")).isEqualTo("2026-11-25T10:15+08:00");
    assertThat(processes.variable(p, "vendorResultDue")).isEqualTo("2026-11-25T10:30+08:00");
    assertThat(p).isWaitingAt("Task_LeadersInformed", "Task_VendorResponse");
    assertThat(p).hasPassed("Gateway_PowerMerge");

    Job response = job(p, "Event_ResponseOverdue");
    assertThat(response.getDuedate()).isEqualTo(Date.from(LocalDateTime.of(2026, 11, 25, 10, 15).atZone(CHINA).toInstant()));
    engine.getManagementService().executeJob(response.getId());
    processes.complete(p, "Task_ChaseResponse", "cq-it", Map.of("opinion", "电话催促厂商"));
    processes.complete(p, "Task_VendorResponse", "cq-vendor", Map.of("engineer", "戴发明"));
    engine.getManagementService().executeJob(job(p, "Event_ResultOverdue").getId());
    processes.complete(p, "Task_ChaseResult", "cq-it", Map.of("opinion", "再次催促"));
    processes.complete(p, "Task_VendorResult", "cq-vendor",
        Map.of("vendorResult", "LONG_ANALYSIS", "vendorFindings", "存储阵列控制器故障，需要更换"));
    at(LocalDateTime.of(2026, 11, 25, 10, 40));
    assertThatThrownBy(() -> processes.complete(p, "Task_AnnounceRecovery", "cq-it", Map.of("expectedRecoveryAt", "2026-11-25T09:00")))
        .hasMessageContaining("不能早于当前时间");
    processes.complete(p, "Task_AnnounceRecovery", "cq-it", Map.of("expectedRecoveryAt", "2026-11-25T13:00"));
    processes.complete(p, "Task_VendorFix", "cq-vendor", Map.of("fixRecord", "更换控制器"));
    processes.complete(p, "Task_LeadersInformed", "cq-leader", Map.of("opinion", "同意"));
    at(LocalDateTime.of(2026, 11, 25, 12, 45));
    assertThatThrownBy(() -> processes.complete(p, "Task_CloseIncident", "cq-it", Map.of("cause", "控制器故障")))
        .hasMessageContaining("measures");
    processes.complete(p, "Task_CloseIncident", "cq-it", Map.of("cause", "控制器故障", "measures", "更换并恢复数据"));
    assertThat(processes.variable(p, "durationMinutes")).isEqualTo(180L);
    processes.complete(p, "Task_PostIncidentReview", "cq-leader", Map.of("lessonsLearned", "建议购买双机热备"));
    assertThat(p).isEnded().hasPassed("Event_ResponseChased", "Event_ResultChased", "Task_AnnounceRecovery", "Event_IncidentReviewed");
  }

  @Test
  void aPowerOutageOnAHolidayNightGoesThroughTheDutyOfficerAndShutsTheServersDown() {
    at(LocalDateTime.of(2026, 10, 2, 23, 0)); // 国庆节 night
    ProcessInstance p = incident("POWER_OUTAGE", "2026-10-02T22:50");
    assertThat(processes.variable(p, "offHours")).isEqualTo(true);
    processes.complete(p, "Task_DutyOfficer", "cq-duty", Map.of("opinion", "已通知信息科值班人员"));
    processes.complete(p, "Task_ItAssessment", "cq-it", Map.of("initialAssessment", "全院停电，UPS 供电中"));
    assertThat(p).isWaitingAt("Task_LeadersInformed", "Task_VendorResponse", "Task_MonitorUps");
    Job ups = job(p, "Event_UpsNearlyExhausted");
    assertThat(ups.getDuedate()).isEqualTo(Date.from(LocalDateTime.of(2026, 10, 3, 2, 35).atZone(CHINA).toInstant()));
    engine.getManagementService().executeJob(ups.getId());
    assertThat(p).isWaitingAt("Task_ShutdownServers"); // the UPS watch was interrupted by its timer
    processes.complete(p, "Task_ShutdownServers", "cq-it", Map.of("opinion", "02:40 已停机，供电恢复后按步骤启动"));
    processes.complete(p, "Task_VendorResponse", "cq-vendor", Map.of("engineer", "李振颜"));
    processes.complete(p, "Task_VendorResult", "cq-vendor", Map.of("vendorResult", "RESOLVED", "vendorFindings", "系统已正常启动"));
    processes.complete(p, "Task_LeadersInformed", "cq-leader", Map.of());
    processes.complete(p, "Task_CloseIncident", "cq-it", Map.of("cause", "市政停电", "measures", "停机保护后恢复"));
    processes.complete(p, "Task_PostIncidentReview", "cq-leader", Map.of("lessonsLearned", "增加 UPS 容量"));
    assertThat(p).isEnded().hasPassed("Task_DutyOfficer", "Task_ShutdownServers").hasNotPassed("Task_AnnounceRecovery");
  }

  @Test
  void powerThatReturnsInTimeNeedsNoShutdown() {
    at(LocalDateTime.of(2026, 11, 25, 11, 0));
    ProcessInstance p = incident("POWER_OUTAGE", "2026-11-25T10:55");
    processes.complete(p, "Task_ItAssessment", "cq-it", Map.of("initialAssessment", "停电"));
    processes.complete(p, "Task_MonitorUps", "cq-it", Map.of("opinion", "11:30 供电恢复"));
    assertThat(job(p, "Event_UpsNearlyExhausted")).isNull();
    assertThat(p).hasPassed("Task_MonitorUps").hasNotPassed("Task_ShutdownServers");
  }

  @Test
  void theTriggerConditionsAreCheckedAtTheStart() {
    at(LocalDateTime.of(2026, 11, 25, 10, 0));
    assertThatThrownBy(() -> incident("SERVER_DOWN", "2026-11-25T09:46")).hasMessageContaining("未达到应急预案启动条件");
    assertThatThrownBy(() -> incident("SLOW_LOGIN", "2026-11-25T09:45")).hasMessageContaining("超过15分钟");
    assertThatThrownBy(() -> incident("FIRE", "2026-11-25T09:00")).hasMessageContaining("incidentType");
    assertThatThrownBy(() -> incident("SERVER_DOWN", "昨天")).hasMessageContaining("不是有效时间");
    assertThat(incident("SLOW_LOGIN", "2026-11-25T09:44")).isNotNull();
  }
}
