package cn.healthit.approval.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Definitions;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;

/**
 * The conformance rules for models and forms (issue 2), as a list of violations so the rules
 * themselves can be tested on bad samples. Used by {@link ModelConformanceTest}.
 */
final class ModelConformance {

  private static final String MODELER_NS = "http://camunda.org/schema/modeler/1.0";
  private static final Pattern BEAN = Pattern.compile("^\\$\\{([A-Za-z][A-Za-z0-9]*)}$");
  private static final ObjectMapper JSON = new ObjectMapper();

  final Map<String, BpmnModelInstance> models = new TreeMap<>();
  final Map<String, JsonNode> forms = new TreeMap<>();
  private final List<String> violations = new ArrayList<>();

  static ModelConformance of(Map<String, byte[]> resources) throws IOException {
    ModelConformance c = new ModelConformance();
    for (Map.Entry<String, byte[]> resource : resources.entrySet()) {
      if (resource.getKey().endsWith(".bpmn")) {
        c.models.put(resource.getKey(), Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getValue())));
      } else {
        c.forms.put(resource.getKey(), JSON.readTree(resource.getValue()));
      }
    }
    return c;
  }

  List<String> check(Set<String> groups, Set<String> beans) {
    violations.clear();
    Set<String> formIds = checkForms();
    models.forEach((file, model) -> {
      checkPlatform(file, model);
      checkShapes(file, model);
      checkNames(file, model);
      checkUserTasks(file, model, groups, formIds);
      checkDelegates(file, model, beans);
    });
    return List.copyOf(violations);
  }

  private void fail(String file, String message) {
    violations.add(file + ": " + message);
  }

  private void checkPlatform(String file, BpmnModelInstance model) {
    Definitions definitions = model.getDefinitions();
    if (!"Camunda Platform".equals(definitions.getAttributeValueNs(MODELER_NS, "executionPlatform"))
        || definitions.getAttributeValueNs(MODELER_NS, "executionPlatformVersion") == null
        || !definitions.getAttributeValueNs(MODELER_NS, "executionPlatformVersion").startsWith("7.24")) {
      fail(file, "does not declare modeler:executionPlatform Camunda Platform 7.24");
    }
  }

  private void checkShapes(String file, BpmnModelInstance model) {
    Set<String> drawn = new HashSet<>();
    model.getModelElementsByType(BpmnShape.class).forEach(s -> drawn.add(s.getBpmnElement().getId()));
    model.getModelElementsByType(BpmnEdge.class).forEach(e -> drawn.add(e.getBpmnElement().getId()));
    List<BaseElement> elements = new ArrayList<>(model.getModelElementsByType(FlowElement.class));
    elements.addAll(model.getModelElementsByType(Lane.class));
    elements.addAll(model.getModelElementsByType(Participant.class));
    for (BaseElement element : elements) {
      if (!drawn.contains(element.getId())) {
        fail(file, element.getId() + " has no diagram shape");
      }
    }
  }

  private void checkNames(String file, BpmnModelInstance model) {
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      // a question names every decision; joins and parallel splits need no words (Camunda's naming guide)
      boolean unnamedAllowed = node instanceof Gateway
          && (node.getOutgoing().size() <= 1 || node instanceof org.camunda.bpm.model.bpmn.instance.ParallelGateway);
      if (!unnamedAllowed && (node.getName() == null || !node.getName().matches("(?s).*\\p{IsHan}.*"))) {
        fail(file, node.getId() + " has no Chinese name");
      }
    }
  }

  private void checkUserTasks(String file, BpmnModelInstance model, Set<String> groups, Set<String> formIds) {
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      String candidates = task.getCamundaCandidateGroups();
      if (candidates == null && task.getCamundaAssignee() == null && task.getCamundaCandidateUsers() == null) {
        fail(file, task.getId() + " has neither candidate groups nor an assignee");
      }
      if (candidates != null && !candidates.contains("${") && !candidates.contains("#{")) {
        for (String group : candidates.split(",")) {
          if (!groups.contains(group.trim())) {
            fail(file, task.getId() + " names unknown candidate group " + group.trim());
          }
        }
      }
      if (task.getCamundaFormRef() == null || !formIds.contains(task.getCamundaFormRef())) {
        fail(file, task.getId() + " has no camunda:formRef to a form under forms/ (" + task.getCamundaFormRef() + ")");
      } else if (!"deployment".equals(task.getCamundaFormRefBinding())) {
        fail(file, task.getId() + " must bind its form with camunda:formRefBinding=\"deployment\"");
      }
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      if (start.getCamundaFormRef() != null && !formIds.contains(start.getCamundaFormRef())) {
        fail(file, start.getId() + " start form " + start.getCamundaFormRef() + " does not exist");
      }
    }
  }

  private void checkDelegates(String file, BpmnModelInstance model, Set<String> beans) {
    List<String> expressions = new ArrayList<>();
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      if (task.getCamundaDelegateExpression() == null) {
        fail(file, task.getId() + " does not name a delegate bean (camunda:delegateExpression)");
      }
      // README "Reliability": a service task runs after its own transaction boundary, and a failure
      // is retried on a schedule before it becomes an incident in Cockpit
      if (!task.isCamundaAsyncBefore()) {
        fail(file, task.getId() + " is not camunda:asyncBefore=\"true\"");
      }
      boolean retries = task.getExtensionElements() != null && task.getExtensionElements().getElementsQuery()
          .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle.class).count() == 1;
      if (!retries) {
        fail(file, task.getId() + " has no camunda:failedJobRetryTimeCycle");
      }
      expressions.add(task.getCamundaDelegateExpression());
    }
    model.getModelElementsByType(SendTask.class).forEach(t -> expressions.add(t.getCamundaDelegateExpression()));
    model.getModelElementsByType(CamundaExecutionListener.class).forEach(l -> expressions.add(l.getCamundaDelegateExpression()));
    model.getModelElementsByType(CamundaTaskListener.class).forEach(l -> expressions.add(l.getCamundaDelegateExpression()));
    for (String expression : expressions) {
      if (expression == null) {
        continue;
      }
      Matcher m = BEAN.matcher(expression.trim());
      if (!m.matches()) {
        fail(file, expression + " is not ${beanName}");
      } else if (!beans.contains(m.group(1))) {
        fail(file, "delegate bean " + m.group(1) + " does not exist");
      }
    }
  }

  private Set<String> checkForms() {
    Set<String> ids = new HashSet<>();
    forms.forEach((file, form) -> {
      String id = form.path("id").asText();
      if (id.isBlank()) {
        fail(file, "form has no id");
      } else if (!ids.add(id)) {
        fail(file, "form id " + id + " is used twice");
      }
      int version = form.path("schemaVersion").asInt();
      if (version < 1 || version > 16) {
        fail(file, "schemaVersion " + version + " is not one Tasklist 7.24 renders (1–16)");
      }
      if (!"Camunda Platform".equals(form.path("executionPlatform").asText())) {
        fail(file, "form does not declare executionPlatform Camunda Platform");
      }
      List<String> keys = new ArrayList<>();
      collectKeys(form.path("components"), keys);
      Set<String> seen = new HashSet<>();
      for (String key : keys) {
        if (!seen.add(key)) {
          fail(file, "field key " + key + " is used twice");
        }
      }
    });
    return ids;
  }

  private static void collectKeys(JsonNode components, Collection<String> keys) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key")) {
        keys.add(component.get("key").asText());
      }
      if (component.has("components")) {
        collectKeys(component.get("components"), keys);
      }
    }
  }
}
