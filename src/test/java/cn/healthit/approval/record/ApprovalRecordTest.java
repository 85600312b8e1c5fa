package cn.healthit.approval.record;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Opinions kept as task comments, and the printable approval record that shows them. */
@PlatformTest
class ApprovalRecordTest {

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Processes processes;

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
  }

  private ProcessInstance decidedProject() {
    ProcessInstance p = processes.start("zhuhai-project", Processes.uniqueKey("ZH-REC"),
        Map.of("projectName", "区域影像<云>平台", "unitName", "香洲区人民医院", "amount", "150000.00"));
    Map<String, Object> declaration = new HashMap<>(Map.of("standards", "WS 363", "selfDefinedCode", false,
        "networkPlan", "专网", "securityLevel", "LEVEL_3", "softwareScope", "影像调阅"));
    processes.complete(p, "Task_Declare", "zh-unit", declaration);
    processes.complete(p, "Task_OfficeReview", "zh-office", Map.of("decision", "RETURN", "opinion", "请补充网络方案"));
    processes.complete(p, "Task_Declare", "zh-unit", declaration);
    processes.complete(p, "Task_OfficeReview", "zh-office", Map.of("decision", "FORWARD", "opinion", "同意提交"));
    processes.complete(p, "Task_LeadingGroupApproval", "zh-leader", Map.of("decision", "REJECTED", "opinion", "与全市平台重复"));
    return p;
  }

  private String comments(ProcessInstance p, String taskKey) {
    StringBuilder out = new StringBuilder();
    for (HistoricTaskInstance t : engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(p.getId())
        .taskDefinitionKey(taskKey).orderByHistoricTaskInstanceEndTime().asc().list()) {
      for (Comment c : engine.getTaskService().getTaskComments(t.getId())) {
        out.append(c.getUserId()).append('|').append(c.getFullMessage()).append('\n');
      }
    }
    return out.toString();
  }

  @Test
  void everyDecisionAndOpinionIsKeptAsACommentByWhoeverDecided() {
    ProcessInstance p = decidedProject();
    assertThat(comments(p, "Task_OfficeReview"))
        .isEqualTo("zh-office|领导小组办公室审核：退回 — 请补充网络方案\nzh-office|领导小组办公室审核：同意并提交 — 同意提交\n");
    assertThat(comments(p, "Task_LeadingGroupApproval")).isEqualTo("zh-leader|领导小组审批：不同意／不通过 — 与全市平台重复\n");
    assertThat(comments(p, "Task_Declare")).as("a task that decided nothing repeats nobody's opinion").isEmpty();
  }

  @Test
  void theApprovalRecordPrintsEveryDecisionForThoseWhoMaySeeIt() {
    ProcessInstance p = decidedProject();
    Rest.Response record = Rest.as(port, "zh-unit").get("/api/projects/" + p.getBusinessKey() + "/record");
    assertThat(record.status()).isEqualTo(200);
    assertThat(record.body()).contains("<title>审批单 " + p.getBusinessKey(), "珠海市卫生信息化建设项目审批",
        "区域影像&lt;云&gt;平台", "150,000.00 元（15 万元）", "领导小组办公室审核", "梁志远", "请补充网络方案", "与全市平台重复", "@page { size: A4");
    assertThat(record.body().indexOf("请补充网络方案")).isLessThan(record.body().indexOf("与全市平台重复"));

    Rest.Response outsider = Rest.as(port, "cq-duty").get("/api/projects/" + p.getBusinessKey() + "/record");
    assertThat(outsider.status()).isEqualTo(404);
    assertThat(outsider.json().get("message").asText()).contains("无权查看");
    assertThat(Rest.anonymous(port).get("/api/projects/" + p.getBusinessKey() + "/record").status()).isEqualTo(401);
  }
}
