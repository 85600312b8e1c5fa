package cn.healthit.approval.engine;

import cn.healthit.approval.input.Inputs;
import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.money.Money;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Camunda Forms validate only in the browser; a caller of /engine-rest sends whatever it likes. This
 * listener checks, on the server, every value a start event's or user task's form describes, the way the
 * form would have: a select or radio value must be one of its options, a checkbox a yes/no, a number a
 * number (an amount with two decimals through {@link Money}), a text no longer than the form's
 * {@code maxLength} or {@link Inputs#MAX_TEXT}. And no text
 * variable of any name may exceed {@link Inputs#MAX_TEXT} (the engine's text column holds 4000 characters:
 * longer text would fail later as a database error). The values are examined as they arrived, before the
 * model's listeners normalise them, and the refusal is raised after those listeners, so a regulation's own
 * check (and its wording) comes first. Refusals are the platform's one error shape and roll the whole start or
 * completion back. Required fields are the regulations' checks to enforce (some start forms may be filed
 * later, 000 §15). Called instances get their values from the caller, not from a form.
 */
public class FormInputParseListener extends AbstractBpmnParseListener {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** deployment id → form id → the form's input fields; deployments never change, so this never goes stale. */
  private static final Map<String, Map<String, List<JsonNode>>> FORMS = new ConcurrentHashMap<>();

  /**
   * The refusal found on the raw values, waiting for the model's own checks to speak first (their messages are
   * the regulations' words); keyed by the task or execution of this one command, weakly, so nothing lingers.
   */
  private static final Map<Object, InvalidInputException> PENDING = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  @Override
  public void parseStartEvent(Element startEventElement, ScopeImpl scope, ActivityImpl activity) {
    String formRef = startEventElement.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
    if (scope instanceof org.camunda.bpm.engine.impl.pvm.process.ProcessDefinitionImpl) {
      // built in and first: the values as they arrived, before the model's listeners read and normalise them
      activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) execution -> examine(execution,
          execution.getProcessDefinitionId(), execution.getSuperExecution() == null ? formRef : null), 0);
      // after the model's own start listeners (the platform's models check their start there), in the same
      // transaction even where a start event is asyncAfter
      activity.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) FormInputParseListener::refuse);
    }
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    String formRef = userTaskElement.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
    var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE,
        (TaskListener) task -> examine(task, task.getProcessDefinitionId(), formRef));
    definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, (TaskListener) FormInputParseListener::refuse);
  }

  private static void examine(VariableScope scope, String processDefinitionId, String formRef) {
    try {
      List<JsonNode> fields = formRef == null || formRef.contains("${") ? List.of() : fields(processDefinitionId, formRef);
      check(valuesToExamine(scope, fields), fields);
      PENDING.remove(scope);
    } catch (InvalidInputException refusal) {
      // remove first: tasks are equal by id, and a put onto an entry left by an earlier refused attempt at the same
      // task would keep that attempt's key object, which nothing holds any more — a GC would then drop the refusal
      PENDING.remove(scope);
      PENDING.put(scope, refusal);
    }
  }

  /**
   * Every text and other primitive value in scope, and the form's own fields whatever their type, without
   * deserialising the instance's JSON objects (panels, change records, lists): those are bytes, not text columns,
   * and deserialising all of them on every completion was an eighth of a Tianjin project's time (README Performance).
   */
  private static Map<String, Object> valuesToExamine(VariableScope scope, List<JsonNode> fields) {
    VariableMap typed = scope.getVariablesTyped(false);
    Map<String, Object> values = new HashMap<>();
    for (String name : typed.keySet()) {
      TypedValue value = typed.getValueTyped(name);
      if (!(value instanceof SerializableValue)) {
        values.put(name, value.getValue());
      }
    }
    for (JsonNode field : fields) {
      String key = field.get("key").asText();
      if (typed.containsKey(key) && !values.containsKey(key)) {
        values.put(key, scope.getVariable(key)); // a form field sent as an object: checked, and refused, as sent
      }
    }
    return values;
  }

  private static void refuse(Object scope) {
    InvalidInputException refusal = PENDING.remove(scope);
    if (refusal != null) {
      throw refusal;
    }
  }

  /** The form's fields (none where the form is chosen by an expression), then every text, against its limit. */
  private static void check(Map<String, Object> variables, List<JsonNode> fields) {
    for (JsonNode field : fields) {
      String key = field.get("key").asText();
      Object value = variables.get(key);
      if (value != null && !(value instanceof String s && s.isBlank())) {
        checkValue(key, field.path("label").asText(key), field, value);
      }
    }
    // after the form's own fields, so that the refusal names the field the caller typed
    for (Map.Entry<String, Object> variable : variables.entrySet()) {
      if (variable.getValue() instanceof String text) {
        Inputs.checkLength(variable.getKey(), variable.getKey(), text, Inputs.MAX_TEXT);
      }
    }
  }

  static void checkValue(String key, String label, JsonNode field, Object value) {
    String what = Inputs.describe(key, label);
    switch (field.path("type").asText()) {
      case "textfield", "textarea" -> {
        if (!(value instanceof String) && !(value instanceof Number)) {
          throw new InvalidInputException(key, what + "必须是文本");
        }
        int max = field.path("validate").path("maxLength").asInt(Inputs.MAX_TEXT);
        Inputs.checkLength(key, label, value.toString(), Math.min(max, Inputs.MAX_TEXT));
      }
      case "select", "radio" -> {
        if (!field.has("values")) {
          return; // options from a variable: the regulation's own check decides
        }
        List<String> options = new ArrayList<>();
        field.get("values").forEach(option -> options.add(option.get("value").asText()));
        if (!options.contains(String.valueOf(value))) {
          throw new InvalidInputException(key, what + "的取值“" + value + "”无效，可选：" + String.join("、", options));
        }
      }
      case "checkbox" -> Inputs.requireBoolean(key, label, value);
      case "number" -> {
        if (field.path("decimalDigits").asInt(-1) == 2) {
          Money.parse(key, label, value);
          return;
        }
        java.math.BigDecimal number;
        try {
          number = value instanceof Number n ? new java.math.BigDecimal(n.toString()) : new java.math.BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
          throw new InvalidInputException(key, what + "必须是数字：" + value);
        }
        JsonNode validate = field.path("validate");
        if ((validate.has("min") && number.compareTo(validate.get("min").decimalValue()) < 0)
            || (validate.has("max") && number.compareTo(validate.get("max").decimalValue()) > 0)) {
          throw new InvalidInputException(key, what + "必须在 " + validate.path("min").asText("") + " 到 "
              + validate.path("max").asText("") + " 之间，收到 " + value);
        }
      }
      default -> { }
    }
  }

  private static List<JsonNode> fields(String processDefinitionId, String formRef) {
    RepositoryService repository = Context.getProcessEngineConfiguration().getRepositoryService();
    String deploymentId = Context.getCommandContext().runWithoutAuthorization(
        () -> repository.getProcessDefinition(processDefinitionId).getDeploymentId());
    Map<String, List<JsonNode>> forms = FORMS.computeIfAbsent(deploymentId, id -> load(repository, id));
    return forms.getOrDefault(formRef, List.of());
  }

  private static Map<String, List<JsonNode>> load(RepositoryService repository, String deploymentId) {
    Map<String, List<JsonNode>> forms = new HashMap<>();
    Context.getCommandContext().runWithoutAuthorization(() -> {
      for (Resource resource : repository.getDeploymentResources(deploymentId)) {
        if (!resource.getName().endsWith(".form")) {
          continue;
        }
        try (InputStream in = repository.getResourceAsStream(deploymentId, resource.getName())) {
          JsonNode form = JSON.readTree(in);
          List<JsonNode> fields = new ArrayList<>();
          collect(form.path("components"), fields);
          forms.put(form.path("id").asText(), fields);
        } catch (java.io.IOException e) {
          throw new IllegalStateException("form " + resource.getName() + " is not JSON", e);
        }
      }
      return null;
    });
    return forms;
  }

  private static void collect(JsonNode components, List<JsonNode> fields) {
    for (JsonNode component : components) {
      if (component.has("components")) {
        collect(component.get("components"), fields);
      } else if (component.hasNonNull("key") && !component.path("readonly").asBoolean(false)
          && !component.path("disabled").asBoolean(false)) {
        fields.add(component);
      }
    }
  }
}
