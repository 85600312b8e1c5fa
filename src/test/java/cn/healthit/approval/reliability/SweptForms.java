package cn.healthit.approval.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * What the generated sweeps ({@link BadInputSweepTest}, {@link TaskContractSweepTest}) read from the deployed
 * models, forms and organisation: each form's fields as Camunda Forms defines them, which processes a
 * starter may start, and who may work on a task. A new process, form or field is swept without touching them.
 */
final class SweptForms {

  static final ObjectMapper JSON = new ObjectMapper();

  private SweptForms() {}

  /** One input component of a form: {@code required} only where the form requires it unconditionally. */
  record Field(String key, String label, String type, boolean required, List<Object> options, boolean amount, JsonNode json) {
    /** Shown, not edited: {@code readonly} or {@code disabled}. */
    boolean readonly() {
      return json.path("readonly").asBoolean(false) || json.path("disabled").asBoolean(false);
    }

    /** Options from an instance variable ({@code valuesKey}) rather than from the form. */
    String valuesKey() {
      return json.hasNonNull("valuesKey") ? json.get("valuesKey").asText() : null;
    }
  }

  /** Form id → the fields its user edits (read-only ones left out). */
  static Map<String, List<Field>> forms() throws Exception {
    return forms(false);
  }

  /** Form id → every input field, read-only ones included. */
  static Map<String, List<Field>> forms(boolean withReadonly) throws Exception {
    Map<String, List<Field>> forms = new TreeMap<>();
    for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/**/*.form")) {
      JsonNode form = JSON.readTree(r.getInputStream());
      List<Field> fields = new ArrayList<>();
      collect(form.path("components"), fields, withReadonly);
      forms.put(form.path("id").asText(), fields);
    }
    return forms;
  }

  private static void collect(JsonNode components, List<Field> fields, boolean withReadonly) {
    for (JsonNode c : components) {
      if (c.has("components")) {
        collect(c.get("components"), fields, withReadonly);
      } else if (c.hasNonNull("key") && (withReadonly || (!c.path("readonly").asBoolean(false) && !c.path("disabled").asBoolean(false)))
          // a start form's number travels here as the business key itself (swept as "businessKey …");
          // the field path, which Tasklist takes, is FoundationTest's
          && !c.get("key").asText().equals("businessKey")) {
        List<Object> options = new ArrayList<>();
        c.path("values").forEach(v -> options.add(v.get("value").isBoolean() ? v.get("value").asBoolean() : v.get("value").asText()));
        fields.add(new Field(c.get("key").asText(), c.path("label").asText(), c.path("type").asText(),
            c.path("validate").path("required").asBoolean(false) && !c.has("conditional"), options,
            c.path("decimalDigits").asInt(-1) == 2, c));
      }
    }
  }

  /** Each startable process key with the groups that may start it (organisation/*.json "starters"). */
  static Map<String, List<String>> startable() throws Exception {
    Map<String, List<String>> out = new TreeMap<>();
    for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:organisation/*.json")) {
      for (JsonNode p : JSON.readTree(r.getInputStream()).path("processes")) {
        List<String> starters = new ArrayList<>();
        p.path("starters").forEach(s -> starters.add(s.asText()));
        if (!starters.isEmpty()) {
          out.put(p.get("key").asText(), starters);
        }
      }
    }
    return out;
  }

  static String formOfStart(ProcessEngine engine, String processKey) {
    ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(processKey)
        .latestVersion().singleResult();
    BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(definition.getId());
    return model.getModelElementsByType(StartEvent.class).stream().filter(s -> s.getParentElement() instanceof Process)
        .map(StartEvent::getCamundaFormRef).filter(f -> f != null).findFirst().orElse(null);
  }

  static String formOfTask(ProcessEngine engine, Task task) {
    BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(task.getProcessDefinitionId());
    UserTask userTask = model.getModelElementById(task.getTaskDefinitionKey());
    return userTask.getCamundaFormRef();
  }

  static List<String> members(ProcessEngine engine, String groupId) {
    return engine.getIdentityService().createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list().stream()
        .map(u -> u.getId()).toList();
  }

  static String firstMember(ProcessEngine engine, String groupId) {
    return members(engine, groupId).get(0);
  }

  /** Who may work on the task: its assignee, else its candidate users, then the members of its candidate groups. */
  static List<String> candidates(ProcessEngine engine, Task task) {
    List<String> out = new ArrayList<>();
    if (task.getAssignee() != null) {
      out.add(task.getAssignee());
      return out;
    }
    List<IdentityLink> links = engine.getTaskService().getIdentityLinksForTask(task.getId());
    for (IdentityLink link : links) {
      if (link.getUserId() != null && "candidate".equals(link.getType()) && !out.contains(link.getUserId())) {
        out.add(link.getUserId());
      }
    }
    for (IdentityLink link : links) {
      if (link.getGroupId() != null) {
        members(engine, link.getGroupId()).stream().filter(u -> !out.contains(u)).forEach(out::add);
      }
    }
    return out;
  }
}
