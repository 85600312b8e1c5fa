package cn.healthit.approval.tianjin.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The lifecycle calls tianjin-change-request as a call activity with the project's business key
 * (a stand-in caller here): the change files its written request first, and the project's tasks
 * see every change through the {@code tianjinChangeSummary} listener, keyed by the business key.
 */
@PlatformTest
class TianjinChangeCalledByProjectTest {

  @Autowired ProcessEngine engine;
  Processes processes;

  @BeforeEach
  void setUp() {
    processes = Processes.init(engine);
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("test-tianjin-change-caller").count() == 0) {
      engine.getRepositoryService().createDeployment().name("tianjin-change-caller")
          .addClasspathResource("test-models/tianjin-change-caller.bpmn")
          .addClasspathResource("test-models/tianjin-change-caller-start.form").deploy(); // the form declares showOnly, which the gateway reads
    }
  }

  @Test
  void aChangeCalledByTheProjectSharesItsKeyAndShowsUpInTheProjectsSummary() {
    String projectNumber = Processes.uniqueKey("TJ-PRJ");
    ProcessInstance project = processes.startCalled("test-tianjin-change-caller", projectNumber, Map.of(
        "projectNumber", projectNumber, "contractAmount", "2000000.00", "governmentFunded", false, "projectName", "集成平台", "showOnly", false));
    ProcessInstance change = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(project.getId()).singleResult();
    assertThat(change.getBusinessKey()).isEqualTo(projectNumber);
    assertThat(change).isWaitingAt("Task_FileRequest");
    processes.complete(change, "Task_FileRequest", "gongying", Map.of("requestSource", "VENDOR", "reason", "新增接口",
        "plan", "开发 3 个接口", "workload", "30 人日", "costEstimate", "150000.00"));
    processes.complete(change, "Task_ItReview", "xinxi", Map.of("proposedCost", "150000.00",
        "designStandardKept", true, "withinContract", true));
    processes.complete(change, "Task_OfficeApproval", "zhiyi", Map.of("decision", "APPROVE"));
    assertThat(change).isEnded().hasPassed("Event_ChangeApproved");

    assertThat(project).isWaitingAt("Task_ShowChanges");
    String summary = (String) engine.getTaskService().getVariable(
        processes.task(project, "Task_ShowChanges").getId(), "changeSummary");
    assertThat(summary).contains("共 1 项变更", "供应商", "150000.00", "7.5000%", "智医办审批", "已批准");
  }

  @Test
  void withoutAProjectNumberVariableTheSummaryUsesTheBusinessKey() {
    String projectNumber = Processes.uniqueKey("TJ-PRJ");
    ProcessInstance change = processes.start("tianjin-change-request", projectNumber + "-BG-1", Map.of(
        "projectNumber", projectNumber, "contractAmount", "100.00", "governmentFunded", false, "requestSource", "HOSPITAL",
        "reason", "r", "plan", "p", "workload", "w", "costEstimate", "1.00"));
    processes.complete(change, "Task_ItReview", "xinxi", Map.of("proposedCost", "1.00",
        "designStandardKept", true, "withinContract", true));
    processes.complete(change, "Task_OfficeApproval", "zhiyi", Map.of("decision", "REJECT", "opinion", "没有必要"));

    ProcessInstance project = processes.startCalled("test-tianjin-change-caller", projectNumber, Map.of("showOnly", true));
    String summary = (String) processes.variable(project, "changeSummary");
    assertThat(summary).contains(projectNumber + "-BG-1", "1.0000%", "未批准", "没有必要", "已批准变更合计 0.00 元");
  }
}
