package cn.healthit.approval.materials;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import cn.healthit.approval.support.WebSession;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Materials attached on one task are seen, and opened, from the project's later tasks; the earlier
 * opinions are listed in order; both through Basic auth and through the Tasklist session.
 */
@PlatformTest
class MaterialsAndOpinionsTest {

  static final long MAX = 20L * 1024 * 1024;

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Processes processes;

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
  }

  private ProcessInstance zhuhai() {
    return processes.start("zhuhai-project", Processes.uniqueKey("ZH-MAT"),
        Map.of("projectName", "区域检验结果互认平台", "unitName", "香洲区人民医院", "amount", "100000.00"));
  }

  private static Map<String, Object> declaration() {
    Map<String, Object> v = new HashMap<>();
    v.put("standards", "WS 363 卫生信息数据元目录");
    v.put("selfDefinedCode", false);
    v.put("networkPlan", "卫生专网 VPN 接入");
    v.put("securityLevel", "LEVEL_3");
    v.put("softwareScope", "检验结果互认接口");
    return v;
  }

  static byte[] pdf(int size) {
    byte[] content = new byte[size];
    Arrays.fill(content, (byte) ' ');
    byte[] head = "%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(head, 0, content, 0, Math.min(head.length, size));
    return content;
  }

  private static Rest.Response upload(Rest user, Task task, String category, String name, byte[] content) {
    return user.postMaterial("/api/tasks/" + task.getId() + "/materials",
        category == null ? Map.of() : Map.of("category", category), name, content);
  }

  private void claim(Task task, String user) {
    assertThat(Rest.as(port, user).post("/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", user)).status())
        .isEqualTo(204);
  }

  @Test
  void theAssigneeAttachesWithinTheLimitsAndLaterTasksOfTheProjectSeeAndOpenIt() {
    ProcessInstance p = zhuhai();
    Task declare = processes.task(p, "Task_Declare");
    Rest unit = Rest.as(port, "zh-unit");

    Rest.Response unclaimed = upload(unit, declare, "REQUIREMENTS", "需求书.pdf", pdf(100));
    assertThat(unclaimed.status()).isEqualTo(403);
    assertThat(unclaimed.json().get("message").asText()).contains("请先认领任务「");

    claim(declare, "zh-unit");
    byte[] requirements = pdf(4096);
    Rest.Response attached = upload(unit, declare, "REQUIREMENTS", "需求书（第二版）.pdf", requirements);
    assertThat(attached.status()).isEqualTo(201);
    assertThat(attached.json().get("category").asText()).isEqualTo("需求书");
    assertThat(attached.json().get("uploadedBy").asText()).isEqualTo("zh-unit");
    assertThat(attached.json().get("size").asLong()).isEqualTo(4096);

    Rest.Response exe = upload(unit, declare, "OTHER", "setup.exe", pdf(100));
    assertThat(exe.status()).isEqualTo(400);
    assertThat(exe.json().get("field").asText()).isEqualTo("file");
    assertThat(exe.json().get("message").asText()).contains("不支持的文件类型");
    assertThat(upload(unit, declare, null, "a.pdf", pdf(100)).json().get("field").asText()).isEqualTo("category");
    assertThat(upload(unit, declare, "OTHER", "伪装.pdf", "PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1))
        .json().get("message").asText()).contains("不是 .pdf 文件");
    assertThat(upload(unit, declare, "OTHER", "空.pdf", new byte[0]).json().get("message").asText()).contains("空文件");
    assertThat(unit.postMaterial("/api/tasks/" + declare.getId() + "/materials", Map.of("category", "OTHER"), null, null)
        .json().get("field").asText()).isEqualTo("file");

    assertThat(upload(unit, declare, "DELIVERABLE", "恰好上限.pdf", pdf((int) MAX)).status()).isEqualTo(201);
    Rest.Response overByOne = upload(unit, declare, "DELIVERABLE", "超一字节.pdf", pdf((int) MAX + 1));
    assertThat(overByOne.status()).isEqualTo(400);
    assertThat(overByOne.json().get("message").asText()).contains("超过单个文件上限 20.0 MB");
    Rest.Response huge = upload(unit, declare, "DELIVERABLE", "超大.pdf", pdf((int) MAX + 3 * 1024 * 1024));
    assertThat(huge.status()).isEqualTo(400);
    assertThat(huge.json().get("field").asText()).isEqualTo("file");
    assertThat(engine.getTaskService().getProcessInstanceAttachments(p.getId())).extracting(a -> a.getName())
        .containsExactlyInAnyOrder("需求书（第二版）.pdf", "恰好上限.pdf");

    processes.complete(declare, "zh-unit", declaration());
    Task review = processes.task(p, "Task_OfficeReview");
    JsonNode seen = Rest.as(port, "zh-office").get("/api/tasks/" + review.getId() + "/materials").json();
    assertThat(seen.get("projectKey").asText()).isEqualTo(p.getBusinessKey());
    assertThat(seen.get("canUpload").asBoolean()).isFalse();
    assertThat(seen.get("maxFileSize").asLong()).isEqualTo(MAX);
    JsonNode first = seen.get("materials").get(0);
    assertThat(first.get("name").asText()).isEqualTo("需求书（第二版）.pdf");
    assertThat(first.get("taskName").asText()).isEqualTo(declare.getName());
    assertThat(first.get("uploadedByName").asText()).isEqualTo("朱建华");

    HttpResponse<byte[]> file = Rest.as(port, "zh-office").download(first.get("href").asText());
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(requirements);
    assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains("filename*=UTF-8''");
    assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");

    assertThat(Rest.as(port, "cq-duty").get("/api/tasks/" + review.getId() + "/materials").status()).isEqualTo(404);
    assertThat(Rest.as(port, "cq-duty").download(first.get("href").asText()).statusCode()).isEqualTo(404);
    assertThat(Rest.as(port, "zh-office").get("/api/projects/" + p.getBusinessKey() + "/materials").json()).hasSize(2);
  }

  @Test
  void camundasOwnAttachmentEndpointsCannotBypassTheChecksOrDeleteMaterials() {
    ProcessInstance p = zhuhai();
    Task declare = processes.task(p, "Task_Declare");
    claim(declare, "zh-unit");
    Rest unit = Rest.as(port, "zh-unit");
    Rest.Response raw = unit.postMaterial("/engine-rest/task/" + declare.getId() + "/attachment/create",
        Map.of("attachment-name", "setup.exe"), "setup.exe", new byte[] {1, 2, 3});
    assertThat(raw.status()).isEqualTo(403);
    assertThat(raw.json().get("message").asText()).contains("/api/tasks/{taskId}/materials");
    String id = upload(unit, declare, "OTHER", "说明.pdf", pdf(10)).json().get("id").asText();
    assertThat(unit.delete("/engine-rest/task/" + declare.getId() + "/attachment/" + id).status()).isEqualTo(403);
    assertThat(engine.getTaskService().getAttachment(id)).isNotNull();
    assertThat(unit.get("/engine-rest/task/" + declare.getId() + "/attachment").json()).hasSize(1);
  }

  @Test
  void laterTasksListTheProjectsEarlierOpinionsInOrder() throws InterruptedException {
    ProcessInstance p = zhuhai();
    processes.complete(p, "Task_Declare", "zh-unit", declaration());
    Map<String, Object> ret = new HashMap<>(Map.of("decision", "RETURN", "opinion", "请补充网络方案"));
    processes.complete(p, "Task_OfficeReview", "zh-office", ret);
    Thread.sleep(5); // comment times are the order
    Task again = processes.task(p, "Task_Declare");
    assertThat(Rest.as(port, "zh-unit").post("/api/tasks/" + again.getId() + "/reminders", Map.of("message", "请尽快补充")).status())
        .isEqualTo(201);
    Thread.sleep(5);
    processes.complete(p, "Task_Declare", "zh-unit", declaration());
    Task review = processes.task(p, "Task_OfficeReview");

    JsonNode body = Rest.as(port, "zh-office").get("/api/tasks/" + review.getId() + "/opinions").json();
    assertThat(body.get("recordHref").asText()).isEqualTo("/api/projects/" + p.getBusinessKey() + "/record");
    List<String> kinds = body.get("opinions").findValuesAsText("kind");
    List<String> messages = body.get("opinions").findValuesAsText("message");
    assertThat(kinds).containsExactly("OPINION", "REMINDER");
    assertThat(messages.get(0)).isEqualTo("领导小组办公室审核：退回 — 请补充网络方案");
    assertThat(messages.get(1)).startsWith("【催办】朱建华 催办");
    assertThat(body.get("opinions").get(0).get("userName").asText()).isEqualTo("梁志远");
    assertThat(Rest.as(port, "cq-duty").get("/api/tasks/" + review.getId() + "/opinions").status()).isEqualTo(404);
  }

  @Test
  void aReviewerLoggedInToTasklistUsesTheTabsAndTheRecordWithTheSessionAndNeedsTheCsrfTokenToChangeAnything() {
    ProcessInstance p = zhuhai();
    Task declare = processes.task(p, "Task_Declare");
    claim(declare, "zh-unit");
    WebSession session = WebSession.login(port, "zh-unit");

    assertThat(session.get("/api/tasks/" + declare.getId() + "/opinions").status()).isEqualTo(200);
    assertThat(session.get("/api/me").json().get("id").asText()).isEqualTo("zh-unit");
    Rest.Response record = session.get("/api/projects/" + p.getBusinessKey() + "/record");
    assertThat(record.status()).isEqualTo(200);
    assertThat(record.body()).contains("审批单", p.getBusinessKey());

    Rest.Response forged = session.postMaterial("/api/tasks/" + declare.getId() + "/materials",
        Map.of("category", "OTHER"), "说明.pdf", pdf(10), false);
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.json().get("message").asText()).contains("CSRF");
    assertThat(session.postMaterial("/api/tasks/" + declare.getId() + "/materials",
        Map.of("category", "OTHER"), "说明.pdf", pdf(10), true).status()).isEqualTo(201);
    assertThat(session.get("/api/projects/" + p.getBusinessKey() + "/record").body())
        .contains("<h3>材料</h3>", "说明.pdf", "朱建华", "须领导小组审批</th><td>是");

    assertThat(Rest.anonymous(port).get("/api/tasks/" + declare.getId() + "/opinions").status()).isEqualTo(401);
  }
}
