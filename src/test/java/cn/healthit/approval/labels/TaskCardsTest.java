package cn.healthit.approval.labels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * A reviewer's task cards in Tasklist, asked for the way Tasklist asks (the filter's HAL list with its
 * variables): each names its project by number, name, amount and department, in a called review too; the
 * search finds a project by number and by name in every filter; the card's working days left come from the
 * calendar; and no task request can write a card variable.
 */
@PlatformTest
class TaskCardsTest {

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Processes processes;

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
  }

  /** Tasklist's request for a filter's first page, plus the search pills the reviewer entered. */
  private static JsonNode page(Rest user, String filter, Map<String, Object> search) {
    Map<String, Object> body = new HashMap<>(Map.of("processVariables", List.of(), "taskVariables", List.of(),
        "caseInstanceVariables", List.of(), "sorting", List.of(Map.of("sortBy", "dueDate", "sortOrder", "asc")), "active", true));
    body.putAll(search);
    Rest.Response page = user.post("/engine-rest/filter/" + user.filterId(filter) + "/list?firstResult=0&maxResults=15", body,
        "application/hal+json");
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    return page.json();
  }

  /** What the card of this task says (GET /api/tasks/cards, as the Tasklist card plugin asks), by variable name. */
  private static Map<String, String> card(Rest user, String taskId) {
    Rest.Response cards = user.get("/api/tasks/cards?ids=" + taskId);
    assertThat(cards.status()).as(cards.body()).isEqualTo(200);
    assertThat(cards.json().findValuesAsText("taskId")).containsExactly(taskId);
    Map<String, String> card = new LinkedHashMap<>();
    cards.json().get(0).get("facts").forEach(f -> card.put(f.get("name").asText(), f.get("label").asText() + "=" + f.get("value").asText()));
    return card;
  }

  /** The ids of the tasks on that page. */
  private static List<String> ids(JsonNode page) {
    return page.path("_embedded").path("task").findValuesAsText("id");
  }

  private ProcessInstance tianjin(String key, String name) {
    return processes.start("tianjin-project", key, Map.of("projectName", name, "budget", "300000.00",
        "category", "SPECIALIZED", "requestingDepartment", "dept-medical-affairs"));
  }

  @Test
  void everyFilterShowsAndSearchesTheCardVariables() {
    for (JsonNode filter : Rest.as(port, "yiwu").get("/engine-rest/filter").json()) {
      assertThat(filter.path("properties").path("variables").findValuesAsText("name")).as(filter.get("name").asText())
          .containsExactly("cardNumber", "cardTitle", "cardAmount", "cardDepartment");
      assertThat(filter.path("properties").path("variables").findValuesAsText("label"))
          .containsExactly("项目编号", "项目名称", "金额", "发起部门");
    }
  }

  @Test
  void aTianjinCardNamesTheProjectInChinese() {
    String key = Processes.uniqueKey("TJ-CARD");
    Task task = processes.task(tianjin(key, "医学影像归档系统"), "Task_Requirement");
    Rest yiwu = Rest.as(port, "yiwu");
    assertThat(ids(page(yiwu, "我组的待办", Map.of()))).contains(task.getId());
    assertThat(card(yiwu, task.getId())).containsExactly(Map.entry("cardNumber", "项目编号=" + key),
        Map.entry("cardTitle", "项目名称=医学影像归档系统"), Map.entry("cardAmount", "金额=300,000.00 元（30 万元）"),
        Map.entry("cardDepartment", "发起部门=医务处"));
    // a reviewer of another group learns nothing about it
    assertThat(Rest.as(port, "gz-jianshe").get("/api/tasks/cards?ids=" + task.getId()).json()).isEmpty();
  }

  @Test
  void aCalledReviewShowsItsCallersProject() {
    String key = Processes.uniqueKey("GZ-CARD");
    ProcessInstance project = processes.start("guangzhou-project", key, Map.of("projectName", "区域全民健康信息平台升级",
        "investment", "12000000.00", "constructionUnit", "construction-unit", "important", false));
    Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key).singleResult();
    assertThat(task.getProcessInstanceId()).as("the declaration is a called process").isNotEqualTo(project.getId());
    assertThat(card(Rest.as(port, "gz-jianshe"), task.getId()))
        .containsEntry("cardNumber", "项目编号=" + key).containsEntry("cardTitle", "项目名称=区域全民健康信息平台升级")
        .containsEntry("cardAmount", "金额=12,000,000.00 元（1,200 万元）").containsEntry("cardDepartment", "发起部门=项目建设单位");
  }

  @Test
  void theSearchFindsAProjectByNumberAndByNameInEveryFilter() {
    String prefix = Processes.uniqueKey("TJ-FIND");
    Task wanted = processes.task(tianjin(prefix + "-A", "手术麻醉信息系统"), "Task_Requirement");
    Task other = processes.task(tianjin(prefix + "-B", "后勤物资管理系统"), "Task_Requirement");
    Rest yiwu = Rest.as(port, "yiwu");
    for (String filter : List.of("我组的待办", "全部可见任务")) {
      // what Tasklist sends for 「项目名称 (cardTitle)」 like 麻醉 and for 业务键 like the number
      JsonNode byName = page(yiwu, filter, Map.of("processVariables",
          List.of(Map.of("name", "cardTitle", "operator", "like", "value", "%麻醉%"))));
      assertThat(ids(byName)).as(filter).contains(wanted.getId())
          .doesNotContain(other.getId());
      JsonNode byNumber = page(yiwu, filter, Map.of("processInstanceBusinessKeyLike", "%" + prefix + "-A%"));
      assertThat(ids(byNumber)).as(filter).containsExactly(wanted.getId());
    }
  }

  @Test
  void aTaskRequestCannotWriteACardVariable() {
    String key = Processes.uniqueKey("TJ-CARDW");
    Task task = processes.task(tianjin(key, "重症监护信息系统"), "Task_Requirement");
    Rest yiwu = Rest.as(port, "yiwu");
    assertThat(yiwu.post("/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "yiwu")).status()).isEqualTo(204);
    Rest.Response forged = yiwu.post("/engine-rest/task/" + task.getId() + "/submit-form",
        Map.of("variables", Map.of("cardTitle", Map.of("value", "别的项目"))));
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.body()).contains("cardTitle");
    assertThat(engine.getRuntimeService().getVariable(task.getProcessInstanceId(), "cardTitle")).isEqualTo("重症监护信息系统");
  }

  @Test
  void theCardsTimeLeftIsCountedInWorkingDays() {
    String key = Processes.uniqueKey("TJ-DUE");
    Task task = processes.task(tianjin(key, "移动护理系统"), "Task_Requirement");
    Task overdue = processes.task(tianjin(key + "-2", "移动护理系统二期"), "Task_Requirement");
    setDue(task, java.time.Instant.now().plus(java.time.Duration.ofDays(60)));
    setDue(overdue, LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(40).atTime(17, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
    Task noDeadline = processes.task(tianjin(key + "-3", "无期限"), "Task_Requirement");

    Rest.Response left = Rest.as(port, "yiwu").get("/api/tasks/cards?ids=" + task.getId() + "," + overdue.getId() + ","
        + noDeadline.getId());
    assertThat(left.status()).isEqualTo(200);
    assertThat(left.json().findValuesAsText("taskId")).containsExactlyInAnyOrder(task.getId(), overdue.getId(), noDeadline.getId());
    for (JsonNode card : left.json()) {
      JsonNode row = card.path("timeLeft");
      if (card.get("taskId").asText().equals(noDeadline.getId())) {
        assertThat(row.isMissingNode()).as("no deadline, nothing said").isTrue();
      } else if (card.get("taskId").asText().equals(task.getId())) {
        assertThat(row.get("overdue").asBoolean()).isFalse();
        assertThat(row.get("workingDays").asInt()).isBetween(30, 45);
        assertThat(row.get("text").asText()).startsWith("剩余 ").contains(" 个工作日");
      } else {
        assertThat(row.get("overdue").asBoolean()).isTrue();
        assertThat(row.get("text").asText()).startsWith("已逾期 ");
      }
    }
    Rest.Response none = Rest.as(port, "yiwu").get("/api/tasks/cards");
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.json().get("field").asText()).isEqualTo("ids");
    assertThat(none.json().get("message").asText()).contains("任务编号");
    // a hundred ids are answered, a hundred and one refused
    StringBuilder ids = new StringBuilder(task.getId());
    for (int i = 1; i < 100; i++) {
      ids.append(",unknown-").append(i);
    }
    assertThat(Rest.as(port, "yiwu").get("/api/tasks/cards?ids=" + ids).json().findValuesAsText("taskId")).containsExactly(task.getId());
    Rest.Response tooMany = Rest.as(port, "yiwu").get("/api/tasks/cards?ids=" + ids + ",one-more");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().get("message").asText()).contains("一次最多查询 100 个任务");
  }

  private void setDue(Task task, java.time.Instant due) {
    Task t = engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult();
    t.setDueDate(Date.from(due));
    engine.getTaskService().saveTask(t);
  }
}
