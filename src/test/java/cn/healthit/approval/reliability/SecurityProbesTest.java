package cn.healthit.approval.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import cn.healthit.approval.support.Webapp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Probes that must not get in: no or wrong credentials on /engine-rest, /api and the webapps' own REST
 * (/camunda/api/...); a reviewer acting on another group's tasks and instances; a non-administrator
 * deploying, deleting or changing instances; a model carrying a script; a webapp POST without the CSRF
 * token; and the session cookie's flags. Every probe asserts the refusal and that nothing changed.
 */
@PlatformTest
class SecurityProbesTest {

  private static final AtomicInteger PROBES = new AtomicInteger();
  private static final Set<Integer> REFUSED = Set.of(401, 403, 404);

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Processes processes;

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
  }

  @AfterAll
  static void print() {
    System.out.println("[reliability] security probes: " + PROBES.get() + " tried, " + PROBES.get() + " refused, 0 got in");
  }

  private static Rest.Response refused(String probe, Rest.Response response, Set<Integer> statuses) {
    PROBES.incrementAndGet();
    assertThat(response.status()).as("%s → %s", probe, response.body()).isIn(statuses);
    return response;
  }

  private ProcessInstance itDivisionProject() {
    return processes.start("tianjin-project", Processes.uniqueKey("TJ-SEC"), Map.of("projectName", "机密项目",
        "budget", "300000.00", "category", "PUBLIC_INFRASTRUCTURE", "requestingDepartment", "it-division"));
  }

  @Test
  void noOrWrongCredentialsGetNothing() {
    ProcessInstance p = itDivisionProject();
    Rest anonymous = Rest.anonymous(port);
    // a user of its own: wrong passwords lock an account, which must not lock a demo user other tests use
    String victim = "probe-" + System.nanoTime();
    org.camunda.bpm.engine.identity.User user = engine.getIdentityService().newUser(victim);
    user.setPassword("the-right-password-42");
    engine.getIdentityService().saveUser(user);
    Rest wrongPassword = Rest.as(port, victim, "not-the-password");
    Rest unknownUser = Rest.as(port, "nobody", "demo");
    for (Rest rest : List.of(anonymous, wrongPassword, unknownUser)) {
      for (String path : List.of("/engine-rest/task", "/engine-rest/process-instance", "/engine-rest/process-definition",
          "/engine-rest/deployment", "/engine-rest/user", "/engine-rest/history/variable-instance",
          "/engine-rest/process-instance/" + p.getId() + "/variables", "/api/me", "/api/projects/" + p.getBusinessKey() + "/record",
          "/api/tianjin/projects/" + p.getBusinessKey() + "/changes")) {
        refused("GET " + path, rest.get(path), Set.of(401, 429));
      }
      refused("start", rest.post("/engine-rest/process-definition/key/tianjin-project/start", Map.of("businessKey", "X-1")), Set.of(401, 429));
      refused("deploy", rest.postFile("/engine-rest/deployment/create", "model", "m.bpmn", SCRIPT_MODEL), Set.of(401, 429));
      refused("delete instance", rest.delete("/engine-rest/process-instance/" + p.getId()), Set.of(401, 429));
      refused("reminder", rest.post("/api/tasks/" + processes.task(p, "Task_Requirement").getId() + "/reminders",
          Map.of("message", "x")), Set.of(401, 429));
    }
    // the webapps' own REST answers only to a logged-in session
    for (String path : List.of("/camunda/api/engine/engine/default/task", "/camunda/api/engine/engine/default/process-instance",
        "/camunda/api/engine/engine/default/user", "/camunda/api/cockpit/plugin/base/default/process-definition/statistics",
        "/camunda/api/admin/auth/user/default")) {
      Rest.Response response = refused("webapp GET " + path, anonymous.get(path), Set.of(401, 403, 404));
      assertThat(response.body()).doesNotContain("机密项目");
    }
    Webapp webapp = new Webapp(port);
    refused("webapp login with a wrong password", webapp.login(victim, "wrong"), Set.of(401, 429));
    // after more failures than platform.login.max-failures-per-account this source is locked out of the account for a while (429)
    refused("the right password after a brute force", Rest.as(port, victim, "the-right-password-42").get("/api/me"), Set.of(401, 429));
    refused("webapp login as an unknown user", webapp.login("nobody", "demo"), Set.of(401, 429));
    refused("webapp after a failed login", webapp.get("/camunda/api/engine/engine/default/task"), Set.of(401, 403));
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(p.getId()).count()).isEqualTo(1);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(p.getId()).singleResult().getAssignee()).isNull();
  }

  @Test
  void aReviewerCannotTouchAnotherGroupsTasksOrInstances() {
    ProcessInstance p = itDivisionProject();
    Task task = processes.task(p, "Task_Requirement");
    Rest outsider = Rest.as(port, "zh-unit"); // 珠海建设单位: no part in Tianjin's processes
    String t = "/engine-rest/task/" + task.getId();
    String i = "/engine-rest/process-instance/" + p.getId();

    refused("claim", outsider.post(t + "/claim", Map.of("userId", "zh-unit")), REFUSED);
    refused("complete", outsider.post(t + "/complete", Map.of("variables", Map.of())), REFUSED);
    refused("submit form", outsider.post(t + "/submit-form", Map.of("variables", Map.of())), REFUSED);
    refused("set assignee", outsider.post(t + "/assignee", Map.of("userId", "zh-unit")), REFUSED);
    refused("delegate", outsider.post(t + "/delegate", Map.of("userId", "zh-unit")), REFUSED);
    refused("read task", outsider.get(t), REFUSED);
    refused("read task variables", outsider.get(t + "/variables"), REFUSED);
    refused("read form variables", outsider.get(t + "/form-variables"), REFUSED);
    refused("set a task variable", outsider.put(t + "/variables/budget", Map.of("value", "1.00")), REFUSED);
    refused("modify task variables", outsider.post(t + "/variables", Map.of("modifications", Map.of("budget", Map.of("value", "1.00")))), REFUSED);
    refused("add a candidate group", outsider.post(t + "/identity-links", Map.of("groupId", "zhuhai-unit", "type", "candidate")), REFUSED);
    refused("delete task", outsider.delete(t), Set.of(400, 401, 403, 404, 500)); // the engine refuses a process task's deletion before it asks who

    refused("read instance", outsider.get(i), REFUSED);
    refused("read instance variables", outsider.get(i + "/variables"), REFUSED);
    refused("set an instance variable", outsider.put(i + "/variables/budget", Map.of("value", "1.00")), REFUSED);
    refused("modify instance variables", outsider.post(i + "/variables", Map.of("modifications", Map.of("tier", Map.of("value", "MAJOR")))), REFUSED);
    refused("delete instance", outsider.delete(i), REFUSED);
    refused("suspend instance", outsider.put(i + "/suspended", Map.of("suspended", true)), REFUSED);
    refused("modify instance", outsider.post(i + "/modification", Map.of("instructions",
        List.of(Map.of("type", "cancel", "activityId", "Task_Requirement")))), REFUSED);
    refused("reminder on a task the caller cannot see", outsider.post("/api/tasks/" + task.getId() + "/reminders", Map.of("message", "快")), REFUSED);
    refused("approval record", outsider.get("/api/projects/" + p.getBusinessKey() + "/record"), REFUSED);

    // queries answer, but with nothing of the other group's
    for (String path : List.of("/engine-rest/task?processInstanceId=" + p.getId(),
        "/engine-rest/process-instance?businessKey=" + p.getBusinessKey(),
        "/engine-rest/variable-instance?processInstanceIdIn=" + p.getId(),
        "/engine-rest/history/variable-instance?processInstanceId=" + p.getId(),
        "/engine-rest/history/task?processInstanceId=" + p.getId(),
        "/engine-rest/history/process-instance?processInstanceBusinessKey=" + p.getBusinessKey())) {
      PROBES.incrementAndGet();
      Rest.Response listed = outsider.get(path);
      assertThat(listed.status()).as(path).isEqualTo(200);
      assertThat(listed.json().size()).as(path + " " + listed.body()).isZero();
    }

    Task after = engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult();
    assertThat(after.getAssignee()).isNull();
    assertThat(engine.getRuntimeService().getVariable(p.getId(), "budget")).isEqualTo("300000.00");
    assertThat(engine.getRuntimeService().getVariable(p.getId(), "tier")).isEqualTo("GENERAL");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(p.getId()).active().count()).isEqualTo(1);
    assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
        .noneMatch(link -> "zhuhai-unit".equals(link.getGroupId()) || "zh-unit".equals(link.getUserId()));
  }

  @Test
  void aNonAdministratorCannotDeployDeleteOrChangeInstancesEvenOfTheirOwnGroup() {
    ProcessInstance p = itDivisionProject();
    Task task = processes.task(p, "Task_Requirement");
    Rest member = Rest.as(port, "xinxi"); // a candidate of the task
    String i = "/engine-rest/process-instance/" + p.getId();
    String deploymentId = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("tianjin-project")
        .latestVersion().singleResult().getDeploymentId();
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("tianjin-project")
        .latestVersion().singleResult().getId();
    long deployments = engine.getRepositoryService().createDeploymentQuery().count();

    refused("deploy a safe model", member.postFile("/engine-rest/deployment/create", "model", "m.bpmn",
        SAFE_MODEL.replace("PROCESS_ID", "probe-" + System.nanoTime())), Set.of(403));
    refused("delete the platform's deployment", member.delete("/engine-rest/deployment/" + deploymentId + "?cascade=true"), REFUSED);
    refused("redeploy", member.post("/engine-rest/deployment/" + deploymentId + "/redeploy", Map.of()), REFUSED);
    refused("delete the definition", member.delete("/engine-rest/process-definition/" + definitionId + "?cascade=true"), REFUSED);
    refused("suspend the definition", member.put("/engine-rest/process-definition/key/tianjin-project/suspended",
        Map.of("suspended", true, "includeProcessInstances", true)), REFUSED);
    refused("delete the instance", member.delete(i), REFUSED);
    refused("suspend the instance", member.put(i + "/suspended", Map.of("suspended", true)), REFUSED);
    refused("move the instance", member.post(i + "/modification", Map.of("instructions",
        List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_MarketResearch")))), REFUSED);
    refused("overwrite a platform variable", member.put(i + "/variables/tier", Map.of("value", "MAJOR")), REFUSED);
    refused("delete instances in batch", member.post("/engine-rest/process-instance/delete",
        Map.of("processInstanceIds", List.of(p.getId()), "deleteReason", "probe")), REFUSED);
    refused("set a job's retries", member.post("/engine-rest/job/retries", Map.of("retries", 0, "jobQuery", Map.of("processInstanceId", p.getId()))),
        Set.of(400, 403, 404));
    refused("create a user", member.post("/engine-rest/user/create", Map.of("profile", Map.of("id", "intruder"),
        "credentials", Map.of("password", "intruder-pass"))), REFUSED);
    refused("join the admin group", member.put("/engine-rest/group/camunda-admin/members/xinxi", Map.of()), REFUSED);
    refused("grant oneself everything", member.post("/engine-rest/authorization/create", Map.of("type", 1, "permissions", List.of("ALL"),
        "userId", "xinxi", "resourceType", 8, "resourceId", "*")), REFUSED);
    refused("reassign the task to someone else", member.post("/engine-rest/task/" + task.getId() + "/assignee",
        Map.of("userId", "zh-unit")), REFUSED);

    assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(engine.getRepositoryService().getProcessDefinition(definitionId).isSuspended()).isFalse();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(p.getId()).active().count()).isEqualTo(1);
    assertThat(engine.getRuntimeService().getVariable(p.getId(), "tier")).isEqualTo("GENERAL");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(p.getId()).list())
        .extracting(Task::getTaskDefinitionKey).containsExactly("Task_Requirement");
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
    assertThat(engine.getIdentityService().createUserQuery().userId("intruder").count()).isZero();
    assertThat(engine.getIdentityService().createGroupQuery().groupMember("xinxi").groupId("camunda-admin").count()).isZero();
  }

  @Test
  void aModelCarryingAScriptIsRefusedEvenFromTheAdministrator() {
    for (String[] model : List.of(
        new String[] {"script task", SCRIPT_MODEL},
        new String[] {"script listener", SAFE_MODEL.replace("PROCESS_ID", "probe-listener").replace("<bpmn:endEvent id=\"e\"/>",
            "<bpmn:endEvent id=\"e\"><bpmn:extensionElements><camunda:executionListener event=\"start\">"
                + "<camunda:script scriptFormat=\"javascript\">java.lang.System.exit(1)</camunda:script>"
                + "</camunda:executionListener></bpmn:extensionElements></bpmn:endEvent>")},
        new String[] {"class delegate", SAFE_MODEL.replace("PROCESS_ID", "probe-class").replace("<bpmn:endEvent id=\"e\"/>",
            "<bpmn:endEvent id=\"e\"><bpmn:extensionElements><camunda:executionListener event=\"start\" "
                + "class=\"java.lang.Runtime\"/></bpmn:extensionElements></bpmn:endEvent>")})) {
      Rest.Response response = refused("deploy a " + model[0], Rest.as(port, "admin")
          .postFile("/engine-rest/deployment/create", "model", "m.bpmn", model[1]), Set.of(400));
      assertThat(response.json().get("status").asInt()).isEqualTo(400);
      assertThat(response.json().get("message").asText()).isNotBlank();
    }
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKeyLike("probe-%").count()).isZero();
  }

  @Test
  void theWebappsRefuseAPostWithoutTheCsrfTokenAndSetSafeSessionCookies() {
    Webapp admin = new Webapp(port);
    HttpResponse<String> login = admin.loginResponse("admin", "demo");
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

    List<String> sessionCookies = new ArrayList<>();
    admin.setCookies().stream().filter(c -> c.startsWith("JSESSIONID=")).forEach(sessionCookies::add);
    assertThat(sessionCookies).as("the login sets a session cookie").isNotEmpty();
    for (String cookie : sessionCookies) {
      PROBES.incrementAndGet();
      assertThat(cookie).as(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
    }

    String query = "/camunda/api/engine/engine/default/process-instance";
    HttpResponse<String> withToken = admin.post(query, "{}", true);
    assertThat(withToken.statusCode()).as("a POST with the session's token is served: " + withToken.body()).isEqualTo(200);
    HttpResponse<String> wrongToken = admin.postWithToken(query, "{}", "forged-token");
    refused("webapp POST with a forged X-XSRF-TOKEN", new Rest.Response(wrongToken.statusCode(), wrongToken.body()), Set.of(403));

    Webapp other = new Webapp(port);
    assertThat(other.loginResponse("admin", "demo").statusCode()).isEqualTo(200);
    HttpResponse<String> withoutToken = other.post(query, "{}", false);
    refused("webapp POST without X-XSRF-TOKEN", new Rest.Response(withoutToken.statusCode(), withoutToken.body()), Set.of(403));
    // a refused CSRF check may end the session (then 401): either way the request is not served
    HttpResponse<String> deployment = other.post("/camunda/api/engine/engine/default/deployment/create", "{}", false);
    refused("webapp deployment without X-XSRF-TOKEN", new Rest.Response(deployment.statusCode(), deployment.body()), Set.of(401, 403));
  }

  @Test
  void productionMarksTheSessionCookieSecure() throws Exception {
    List<PropertySource<?>> documents = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"));
    PropertySource<?> base = documents.get(0);
    PropertySource<?> prod = documents.stream().filter(d -> "prod".equals(d.getProperty("spring.config.activate.on-profile")))
        .findFirst().orElseThrow();
    PROBES.incrementAndGet();
    assertThat(String.valueOf(base.getProperty("server.servlet.session.cookie.http-only"))).isEqualTo("true");
    assertThat(String.valueOf(base.getProperty("camunda.bpm.webapp.session-cookie.enable-same-site-cookie"))).isEqualTo("true");
    assertThat(String.valueOf(prod.getProperty("camunda.bpm.webapp.session-cookie.enable-secure-cookie"))).contains("true");
    assertThat(String.valueOf(prod.getProperty("server.servlet.session.cookie.secure"))).contains("true");
  }

  private static final String SAFE_MODEL = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
        <bpmn:process id="PROCESS_ID" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/><bpmn:endEvent id="e"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  private static final String SCRIPT_MODEL = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
        <bpmn:process id="probe-script" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="x"/>
          <bpmn:scriptTask id="x" scriptFormat="javascript"><bpmn:script>java.lang.Runtime.getRuntime().exec("id")</bpmn:script></bpmn:scriptTask>
          <bpmn:sequenceFlow id="f2" sourceRef="x" targetRef="e"/><bpmn:endEvent id="e"/>
        </bpmn:process>
      </bpmn:definitions>
      """;
}
