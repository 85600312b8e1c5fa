package cn.healthit.approval.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.organisation.Organisation;
import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Rest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Issue 20: a deployment from Camunda Modeler's deploy dialog is checked before it is accepted. The requests are the
 * ones Camunda Modeler 5 sends to {@code <endpoint>/deployment/create} for a Camunda 7 engine: the fields
 * deployment-name, deployment-source "Camunda Modeler", deploy-changed-only, optional tenant-id, then one part per file
 * (the diagram as text/xml, each attached form), each named by its file name — as administrator over HTTP Basic.
 */
@PlatformTest
class ModelerDeploymentTest {

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;
  @Autowired ApplicationContext context;

  /** What Camunda Modeler 5 posts: name, source, deploy-changed-only, (tenant), then the diagram and attachments. */
  static ModelerResponse deployFromModeler(int port, String user, String deploymentName, Map<String, String> files) {
    String boundary = "----WebKitFormBoundary" + Long.toHexString(System.nanoTime());
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("deployment-name", deploymentName);
    fields.put("deployment-source", "Camunda Modeler");
    fields.put("deploy-changed-only", "true");
    fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
        + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
    files.forEach((file, content) -> {
      String type = file.endsWith(".bpmn") ? "text/xml" : "application/octet-stream";
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file + "\"; filename=\"" + file
          + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(content.getBytes(StandardCharsets.UTF_8));
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    });
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    String token = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
          .header("Authorization", "Basic " + token)
          .header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
      return new ModelerResponse(response.statusCode(), response.body());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  record ModelerResponse(int status, String body) {
    JsonNode json() {
      try {
        return new ObjectMapper().readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException(body, e);
      }
    }
  }

  static String resource(String path) {
    try (InputStream in = ModelerDeploymentTest.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(path, e);
    }
  }

  static Map<String, String> probe(String key, String bpmnChange, boolean withForms) {
    Map<String, String> files = new LinkedHashMap<>();
    String model = resource("modeler/probe.bpmn").replace("PROCESS_KEY", key);
    files.put(key + ".bpmn", bpmnChange == null ? model : bpmnChange.isEmpty() ? model : applyChange(model, bpmnChange));
    if (withForms) {
      files.put("probe-start.form", resource("modeler/probe-start.form"));
      files.put("probe-review.form", resource("modeler/probe-review.form"));
    }
    return files;
  }

  private static String applyChange(String model, String change) {
    String[] fromTo = change.split("=>", 2);
    assertThat(model).contains(fromTo[0]);
    return model.replace(fromTo[0], fromTo[1]);
  }

  private long versions(String key) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count();
  }

  @Test
  void aGoodModelWithItsFormsIsAcceptedAndTheNewVersionStarts() {
    String key = "modeler-probe-" + System.nanoTime();
    assertThat(deployFromModeler(port, "admin", key, probe(key, null, true)).status()).isEqualTo(200);
    ModelerResponse second = deployFromModeler(port, "admin", key, // Modeler names the deployment after the file: the same name again
        probe(key, "name=\"信息处审核\"=>name=\"信息处初审\"", true));
    assertThat(second.status()).as(second.body()).isEqualTo(200);
    assertThat(versions(key)).isEqualTo(2);

    String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult().getId();
    Rest admin = Rest.as(port, "admin");
    assertThat(admin.get("/engine-rest/process-definition/" + definition + "/deployed-start-form").status()).isEqualTo(200);
    String businessKey = "MP-" + System.nanoTime();
    Rest.Response started = admin.post("/engine-rest/process-definition/" + definition + "/submit-form", Map.of("variables", Map.of(
        "businessKey", Map.of("value", businessKey), "projectName", Map.of("value", "分析员探针项目"))));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    JsonNode task = admin.get("/engine-rest/task?processInstanceBusinessKey=" + businessKey).json().get(0);
    assertThat(task.get("name").asText()).isEqualTo("信息处初审");
    assertThat(admin.get("/engine-rest/task/" + task.get("id").asText() + "/deployed-form").json().get("id").asText()).isEqualTo("probe-review");
  }

  @Test
  void theZhuhaiModelDeployedWithoutItsFormsIsRefusedNamingTheFormsToAttachAndTheVersionInUseStays() {
    String definitionBefore = repositoryService.createProcessDefinitionQuery().processDefinitionKey("zhuhai-project").latestVersion()
        .singleResult().getId();
    long deployments = repositoryService.createDeploymentQuery().count();
    ModelerResponse refused = deployFromModeler(port, "admin", "project",
        Map.of("project.bpmn", resource("processes/zhuhai/project.bpmn").replace("建设单位提出项目", "建设单位提出新项目")));

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("status").asInt()).isEqualTo(400);
    assertThat(refused.json().get("type").asText()).isEqualTo("InvalidInput");
    String message = refused.json().get("message").asText();
    assertThat(message).contains("部署被拒绝", "部署对话框", "附加", "Event_Filed「建设单位提出新项目」 → project-start.form（zhuhai-project-start）",
        "Task_Declare「填报项目申报材料」 → declaration.form（zhuhai-declaration）", "Task_Rectify「整改验收问题」 → rectify.form").doesNotEndWith("…");
    assertThat(repositoryService.createDeploymentQuery().count()).as("nothing deployed").isEqualTo(deployments);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("zhuhai-project").latestVersion()
        .singleResult().getId()).as("the version in use stays").isEqualTo(definitionBefore);
    assertThat(Rest.as(port, "admin").get("/engine-rest/process-definition/key/zhuhai-project/deployed-start-form").status())
        .isEqualTo(200);
  }

  @Test
  void anUnknownBeanIsRefused() {
    String key = "modeler-probe-bean-" + System.nanoTime();
    ModelerResponse refused = deployFromModeler(port, "admin", key, probe(key,
        "camunda:formRef=\"probe-review\" camunda:formRefBinding=\"deployment\" />=>camunda:formRef=\"probe-review\" camunda:formRefBinding=\"deployment\">"
            + "<bpmn:extensionElements><camunda:taskListener event=\"complete\" delegateExpression=\"${zhuhaiDecisonCheck}\" />"
            + "</bpmn:extensionElements></bpmn:userTask>", true));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("message").asText()).contains("Task_Review「信息处审核」", "${zhuhaiDecisonCheck}", "不是平台的委托或监听 Bean");
    assertThat(versions(key)).isZero();
  }

  @Test
  void anUnknownGroupIsRefused() {
    String key = "modeler-probe-group-" + System.nanoTime();
    ModelerResponse refused = deployFromModeler(port, "admin", key, probe(key,
        "camunda:candidateGroups=\"it-division\"=>camunda:candidateGroups=\"it-divison\"", true));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("message").asText()).contains("Task_Review「信息处审核」", "候选组 it-divison 在组织中不存在");
    assertThat(versions(key)).isZero();
  }

  @Test
  void aConditionOnAnUnknownVariableIsRefused() {
    String key = "modeler-probe-condition-" + System.nanoTime();
    ModelerResponse refused = deployFromModeler(port, "admin", key, probe(key,
        "${decision == 'APPROVED'}=>${descision == 'APPROVED'}", true));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("message").asText()).contains("Flow_Approved「同意」", "descision");
    assertThat(versions(key)).isZero();
  }

  @Test
  void thePlatformsOwnDeploymentPassesTheCheck() throws IOException {
    Set<String> groups = Organisation.load("classpath*:organisation/*.json").groupIds();
    groups.add("camunda-admin");
    DelegateBeans beans = new DelegateBeans(context);
    ModelReferenceCheck.Platform platform = new ModelReferenceCheck.Platform() {
      @Override public boolean isBean(String name) { return beans.containsKey(name); }
      @Override public Set<String> missingGroups(Set<String> ids) {
        Set<String> missing = new HashSet<>(ids);
        missing.removeAll(groups);
        return missing;
      }
      @Override public boolean formDeployed(String id, Integer version) { return false; }
      @Override public Set<String> fieldKeys() { return Set.of(); }
      @Override public Optional<String> formFile(String id) { return Optional.empty(); }
    };
    assertThat(ModelReferenceCheck.problems(ModelDeployer.resources(), platform)).isEmpty();
    assertThat(repositoryService.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME).count())
        .as("and the engine accepted it at start-up").isPositive();
  }

  /**
   * Another node, a restart or an evicted cache entry: the engine parses a stored model again with only the model's
   * own resources. The deployment check must not run then — it did, and every model became unusable on a second node.
   */
  @Test
  void aStoredModelParsedAgainIntoAnEmptyCacheIsUsable() {
    var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
        org.camunda.bpm.engine.ProcessEngines.getDefaultProcessEngine().getProcessEngineConfiguration();
    configuration.getDeploymentCache().discardProcessDefinitionCache();
    for (var definition : repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
      assertThat(repositoryService.getProcessModel(definition.getId())).isNotNull();
      assertThat(repositoryService.getBpmnModelInstance(definition.getId())).as(definition.getKey()).isNotNull();
      assertThat(((org.camunda.bpm.engine.impl.RepositoryServiceImpl) repositoryService)
          .getDeployedProcessDefinition(definition.getId())).as(definition.getKey()).isNotNull();
    }
  }
}
