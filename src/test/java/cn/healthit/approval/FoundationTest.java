package cn.healthit.approval;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.engine.ModelDeployer;
import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Rest;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The foundation's promises (issue 2, "Done when"), end to end over HTTP. */
@PlatformTest
class FoundationTest {

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired ModelDeployer modelDeployer;

  @BeforeEach
  void deployTestModel() {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey("foundation-two-groups").count() == 0) {
      repositoryService.createDeployment().name("foundation-test")
          .addClasspathResource("test-models/two-groups.bpmn").deploy();
    }
  }

  @Test
  void engineRestAndApiRefuseAnonymousCallers() {
    assertThat(Rest.anonymous(port).get("/engine-rest/task").status()).isEqualTo(401);
    assertThat(Rest.anonymous(port).get("/api/me").status()).isEqualTo(401);
    assertThat(Rest.as(port, "xinxi", "wrong").get("/engine-rest/task").status()).isEqualTo(401);
  }

  @Test
  void loginThrottlingLocksTheSourceOutOfTheAccountForAWhile() {
    String id = "throttle" + System.nanoTime();
    org.camunda.bpm.engine.identity.User user = identityService.newUser(id);
    user.setFirstName("测试");
    user.setPassword("right-password");
    identityService.saveUser(user);
    try {
      for (int i = 0; i < 5; i++) {
        assertThat(Rest.as(port, id, "wrong").get("/engine-rest/task").status()).isEqualTo(401);
      }
      // platform.login: five failures lock this source out of the account, temporarily (security.LoginLockoutTest)
      assertThat(Rest.as(port, id, "right-password").get("/engine-rest/task").status()).isEqualTo(429);
      assertThat(Rest.as(port, "admin").delete("/api/admin/login-locks/users/" + id).status()).isEqualTo(200);
      assertThat(Rest.as(port, id, "right-password").get("/engine-rest/task").status()).isEqualTo(200);
    } finally {
      identityService.deleteUser(id);
    }
  }

  @Test
  void aReviewerLogsInToTasklistCockpitAndAdmin() throws Exception {
    for (String app : new String[] {"tasklist", "cockpit", "admin"}) {
      java.net.CookieManager cookies = new java.net.CookieManager();
      java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
      browser.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://localhost:" + port + "/camunda/app/" + app + "/")).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding());
      String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
          .findFirst().orElseThrow().getValue();
      var response = browser.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/" + app))
          .header("X-XSRF-TOKEN", xsrf).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=xinxi2&password=demo")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("login to %s: %s", app, response.body()).isEqualTo(200);
      assertThat(response.body()).contains("\"userId\":\"xinxi2\"");
    }
  }

  @Test
  void apiKnowsTheCallerAndTheirGroups() {
    Rest.Response me = Rest.as(port, "exp-in-4").get("/api/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("name").asText()).isEqualTo("刘海燕");
    assertThat(me.json().get("groups").findValuesAsText("id")).containsExactly("dept-radiology", "expert-internal");
  }

  @Test
  void aUserSeesAndCompletesOnlyTheTasksOfTheirOwnGroups() {
    String key = "FT-" + System.nanoTime();
    runtimeService.startProcessInstanceByKey("foundation-two-groups", key);
    Task task = taskService.createTaskQuery().processInstanceBusinessKey(key).singleResult();

    Rest outsider = Rest.as(port, "yiwu"); // 医务处, not 信息处
    assertThat(outsider.get("/engine-rest/task?processInstanceBusinessKey=" + key).json()).isEmpty();
    Rest.Response refused = outsider.post("/engine-rest/task/" + task.getId() + "/complete", Map.of());
    assertThat(refused.status()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);

    Rest member = Rest.as(port, "xinxi2"); // 信息处
    assertThat(member.get("/engine-rest/task?processInstanceBusinessKey=" + key).json()).hasSize(1);
    assertThat(member.post("/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "xinxi2")).status()).isEqualTo(204);
    assertThat(member.post("/engine-rest/task/" + task.getId() + "/complete", Map.of()).status()).isEqualTo(204);
    Task next = taskService.createTaskQuery().processInstanceBusinessKey(key).singleResult();
    assertThat(next.getTaskDefinitionKey()).isEqualTo("Task_OfficeReview");
  }

  /** A task of 信息处 whose Camunda Form has one field, 审批意见 (opinion, a textarea). */
  private Task formTask() {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey("foundation-form-task").count() == 0) {
      repositoryService.createDeployment().name("foundation-form-test")
          .addClasspathResource("test-models/form-task.bpmn").addClasspathResource("test-models/foundation-review.form")
          .addClasspathResource("test-models/foundation-start.form").deploy();
    }
    String key = "FT-FORM-" + System.nanoTime();
    runtimeService.startProcessInstanceByKey("foundation-form-task", key);
    return taskService.createTaskQuery().processInstanceBusinessKey(key).singleResult();
  }

  @Test
  void aReviewerCanOpenTheCamundaFormOfTheirTask() {
    Task task = formTask();
    Rest reviewer = Rest.as(port, "xinxi2");
    Rest.Response form = reviewer.get("/engine-rest/task/" + task.getId() + "/deployed-form");
    assertThat(form.status()).as(form.body()).isEqualTo(200);
    assertThat(form.json().get("id").asText()).isEqualTo("foundation-review");
    assertThat(reviewer.get("/engine-rest/task/" + task.getId() + "/form-variables").status()).isEqualTo(200);
    assertThat(Rest.as(port, "yiwu").get("/engine-rest/task/" + task.getId() + "/deployed-form").status()).isIn(403, 404);
  }

  @Test
  void theServerAcceptsOnlyTheFormsFieldsEachAsTheFormDescribesIt() {
    Task task = formTask();
    Rest reviewer = Rest.as(port, "xinxi2");
    assertThat(reviewer.post("/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "xinxi2")).status()).isEqualTo(204);
    String complete = "/engine-rest/task/" + task.getId() + "/complete";

    // the form's text field sent as a JSON object is still the form's field, and refused as such
    Rest.Response objectOpinion = reviewer.post(complete, Map.of("variables",
        Map.of("opinion", Map.of("type", "Json", "value", "{\"text\":\"同意\"}"))));
    assertThat(objectOpinion.status()).as(objectOpinion.body()).isEqualTo(400);
    assertThat(objectOpinion.json().get("field").asText()).isEqualTo("opinion");
    assertThat(objectOpinion.json().get("message").asText()).contains("审批意见").contains("必须是文本");

    // a variable outside the form is refused, naming it, and nothing is stored
    Rest.Response outside = reviewer.post(complete, Map.of("variables",
        Map.of("opinion", Map.of("value", "同意"), "note", Map.of("value", "注"))));
    assertThat(outside.status()).as(outside.body()).isEqualTo(400);
    assertThat(outside.json().get("field").asText()).isEqualTo("note");
    assertThat(outside.json().get("message").asText()).contains("不是本步骤表单中的字段");
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("nothing half-done").isEqualTo(1);

    // the form's text: 4,001 characters are refused, 4,000 pass
    Rest.Response tooLong = reviewer.post(complete, Map.of("variables", Map.of("opinion", Map.of("value", "注".repeat(4001)))));
    assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
    assertThat(tooLong.json().get("field").asText()).isEqualTo("opinion");
    assertThat(runtimeService.getVariable(task.getProcessInstanceId(), "opinion")).isNull();

    Rest.Response accepted = reviewer.post(complete, Map.of("variables", Map.of("opinion", Map.of("value", "注".repeat(4000)))));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isZero();
  }

  @Test
  void aSecondLiveInstanceWithTheSameBusinessKeyIsRefusedInTheOneErrorShape() {
    String key = "FT-DUP-" + System.nanoTime();
    runtimeService.startProcessInstanceByKey("foundation-two-groups", key);
    Rest.Response second = Rest.as(port, "admin").post(
        "/engine-rest/process-definition/key/foundation-two-groups/start", Map.of("businessKey", key));
    assertThat(second.status()).isEqualTo(400);
    assertThat(second.json().get("field").asText()).isEqualTo("businessKey");
    assertThat(second.json().get("message").asText()).contains(key).contains("已有进行中的流程实例");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isEqualTo(1);
  }

  @Test
  void aStartWithoutBusinessKeyIsRefused() {
    Rest.Response response = Rest.as(port, "admin").post(
        "/engine-rest/process-definition/key/foundation-two-groups/start", Map.of());
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("field").asText()).isEqualTo("businessKey");
  }

  @Test
  void tasklistsStartFormCarriesTheNumberInTheBusinessKeyFieldAndItBecomesTheBusinessKey() {
    String key = "FT-FORM-" + System.nanoTime();
    formTask(); // deploys the model whose start form asks for the number
    String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey("foundation-form-task")
        .latestVersion().singleResult().getId();
    // what Tasklist sends for a Camunda Form start: variables only, no business key
    Rest.Response started = Rest.as(port, "admin").post("/engine-rest/process-definition/" + definition + "/submit-form",
        Map.of("variables", Map.of("businessKey", Map.of("value", " " + key + " "))));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    assertThat(started.json().get("businessKey").asText()).isEqualTo(key);
    String id = started.json().get("id").asText();
    assertThat(runtimeService.getVariable(id, "businessKey")).as("the number is the key, not a variable").isNull();

    Rest.Response again = Rest.as(port, "admin").post("/engine-rest/process-definition/" + definition + "/submit-form",
        Map.of("variables", Map.of("businessKey", Map.of("value", key))));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().get("message").asText()).contains("已有进行中的流程实例");

    Rest.Response contradicting = Rest.as(port, "admin").post("/engine-rest/process-definition/key/foundation-form-task/start",
        Map.of("businessKey", key + "-A", "variables", Map.of("businessKey", Map.of("value", key + "-B"))));
    assertThat(contradicting.status()).isEqualTo(400);
    assertThat(contradicting.json().get("message").asText()).contains("不一致");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKeyLike(key + "-%").count()).isZero();
    Rest.Response blank = Rest.as(port, "admin").post("/engine-rest/process-definition/" + definition + "/submit-form",
        Map.of("variables", Map.of("businessKey", Map.of("value", "  "))));
    assertThat(blank.json().get("field").asText()).isEqualTo("businessKey");
  }

  @Test
  void onlyAdministratorsDeploy() {
    String model = SAFE_MODEL.replace("PROCESS_ID", "rest-deployed-" + System.nanoTime());
    Rest.Response refused = Rest.as(port, "xinxi").postFile("/engine-rest/deployment/create", "model", "m.bpmn", model);
    assertThat(refused.status()).isEqualTo(403);
    Rest.Response accepted = Rest.as(port, "admin").postFile("/engine-rest/deployment/create", "model", "m.bpmn", model);
    assertThat(accepted.status()).isEqualTo(200);
  }

  @Test
  void aModelThatReachesForTheEngineIsRefusedOverRestInTheOneErrorShape() {
    String model = SAFE_MODEL.replace("PROCESS_ID", "sneaky")
        .replace("<bpmn:endEvent id=\"e\"/>", "<bpmn:endEvent id=\"e\"><bpmn:extensionElements>"
            + "<camunda:executionListener event=\"start\" expression=\"${execution.getProcessEngineServices()}\"/>"
            + "</bpmn:extensionElements></bpmn:endEvent>");
    Rest.Response refused = Rest.as(port, "admin").postFile("/engine-rest/deployment/create", "model", "m.bpmn", model);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("message").asText()).contains("表达式不允许调用方法");
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("sneaky").count()).isZero();
  }

  private static final String SAFE_MODEL = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
        <bpmn:process id="PROCESS_ID" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/><bpmn:endEvent id="e"/>
        </bpmn:process>
      </bpmn:definitions>""";

  @Test
  void aModelWithAScriptIsRefusedAtDeployment() {
    String model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="evil" isExecutable="true">
            <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="Task_Evil"/>
            <bpmn:scriptTask id="Task_Evil" scriptFormat="javascript"><bpmn:script>java.lang.Runtime.getRuntime()</bpmn:script></bpmn:scriptTask>
          </bpmn:process>
        </bpmn:definitions>""";
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> repositoryService.createDeployment()
            .addString("evil.bpmn", model).deploy())
        .hasMessageContaining("Task_Evil").hasMessageContaining("脚本任务");
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("evil").count()).isZero();
  }

  @Test
  void redeployingUnchangedModelsCreatesNoNewVersion() throws Exception {
    long before = repositoryService.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME).count();
    modelDeployer.run(null);
    assertThat(repositoryService.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME).count())
        .isEqualTo(before);
  }

  @Test
  void listVariablesAreStoredAsJson() {
    String key = "FT-JSON-" + System.nanoTime();
    var instance = runtimeService.startProcessInstanceByKey("foundation-two-groups", key);
    runtimeService.setVariable(instance.getId(), "reviewers", java.util.List.of("exp-in-1", "exp-ex-2"));
    var value = runtimeService.getVariableTyped(instance.getId(), "reviewers", false);
    assertThat(((org.camunda.bpm.engine.variable.value.ObjectValue) value).getSerializationDataFormat())
        .isEqualTo("application/json");
    assertThat(runtimeService.getVariable(instance.getId(), "reviewers")).isEqualTo(java.util.List.of("exp-in-1", "exp-ex-2"));
  }

  @Test
  void theOrganisationIsSeededWithExpertPools() {
    assertThat(identityService.createUserQuery().memberOfGroup("expert-internal").count()).isGreaterThanOrEqualTo(8);
    assertThat(identityService.createUserQuery().memberOfGroup("expert-external").count()).isGreaterThanOrEqualTo(8);
    assertThat(identityService.createGroupQuery().groupId("it-division").singleResult().getName()).isEqualTo("信息处");
    assertThat(identityService.checkPassword("admin", "demo")).isTrue();
  }
}
