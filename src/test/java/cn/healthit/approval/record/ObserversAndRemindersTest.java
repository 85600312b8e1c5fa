package cn.healthit.approval.record;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** 抄送 filters for observer groups, and 催办 reminders recorded on the task. */
@PlatformTest
class ObserversAndRemindersTest {

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Processes processes;

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
  }

  private ProcessInstance emergency() {
    return processes.start("tianjin-emergency-procurement", Processes.uniqueKey("JJCG"), Map.of("trigger", "SAFETY_HAZARD",
        "description", "核心交换机故障", "solution", "更换核心交换机", "estimatedCost", "300000.00"));
  }

  @Test
  void auditFindsTheProcessesItFollowsInItsOwnFilterAndOthersDoNotSeeIt() {
    ProcessInstance p = emergency();
    Rest audit = Rest.as(port, "shenji");
    String filter = audit.filterId("抄送我的（审计处）");
    assertThat(filter).isNotNull();
    JsonNode tasks = audit.get("/engine-rest/filter/" + filter + "/list?maxResults=500").json();
    assertThat(tasks.findValuesAsText("processInstanceId")).contains(p.getId());
    assertThat(Rest.as(port, "xinxi").filterId("抄送我的（审计处）")).isNull();
  }

  @Test
  void aReminderRecordsWhoUrgedWhomOnTheTask() {
    ProcessInstance p = processes.start("zhuhai-project", Processes.uniqueKey("ZH-REM"),
        Map.of("projectName", "催办测试", "unitName", "香洲区人民医院", "amount", "1000.00"));
    Task task = processes.task(p, "Task_Declare");
    Rest.Response urged = Rest.as(port, "zh-unit").post("/api/tasks/" + task.getId() + "/reminders", Map.of("message", "请本周内提交"));
    assertThat(urged.status()).isEqualTo(201);
    assertThat(urged.json().get("message").asText()).isEqualTo("【催办】朱建华 催办 珠海建设单位（各区/各单位）（填报项目申报材料）：请本周内提交");
    assertThat(engine.getTaskService().getTaskComments(task.getId())).extracting(c -> c.getUserId()).containsExactly("zh-unit");

    Rest.Response empty = Rest.as(port, "zh-unit").post("/api/tasks/" + task.getId() + "/reminders", Map.of("message", " "));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().get("field").asText()).isEqualTo("message");
    assertThat(Rest.as(port, "cq-duty").post("/api/tasks/" + task.getId() + "/reminders", Map.of("message", "x")).status())
        .isEqualTo(404);
  }
}
