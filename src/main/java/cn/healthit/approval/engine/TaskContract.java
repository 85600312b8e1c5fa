package cn.healthit.approval.engine;

import cn.healthit.approval.input.FormContract;
import cn.healthit.approval.input.FormContract.Mode;
import cn.healthit.approval.input.InvalidInputException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The deployed form is its step's contract (CONTRACT.md, Access; README "The task contract"): every request
 * that carries variables into an instance from outside the engine — completing, submitting or resolving a task,
 * starting a process, correlating a message, sending a signal — passes through here before any command runs,
 * so a refusal leaves nothing stored. {@link ContractServices} routes the engine's services here, which is what
 * /engine-rest, the webapps' own engine API (Tasklist) and the platform's /api all call.
 *
 * <p>What a form cannot say — a regulation's cross-field rules — stays in the models' start and complete
 * listeners, which run in the same command and also answer 400.
 */
public final class TaskContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TaskContract.class);

  private final ProcessEngineConfigurationImpl configuration;
  /** process definition id + "/" + activity id → the form's contract; deployments never change. */
  private final Map<String, FormContract> contracts = new ConcurrentHashMap<>();

  TaskContract(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  /** Calls from inside a command (delegates, listeners, the engine itself) are the platform's own, not a request. */
  static boolean fromOutside() {
    return Context.getCommandContext() == null;
  }

  /** The values a task request may store, or a refusal naming the field. */
  public Map<String, Object> task(String taskId, Map<String, Object> variables, Mode mode) {
    TaskService tasks = configuration.getTaskService();
    return configuration.getCommandExecutorTxRequired().execute(context -> {
      var entity = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
      if (entity == null) {
        return variables; // gone: the engine's own answer (404) follows
      }
      try {
        return context.runWithoutAuthorization(() -> {
        if (entity.getProcessDefinitionId() == null) {
          return variables; // a stand-alone task (none in the platform's models)
        }
        FormContract contract = contracts.computeIfAbsent(entity.getProcessDefinitionId() + "/" + entity.getTaskDefinitionKey(),
            key -> load(tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult().getCamundaFormRef(),
                () -> configuration.getFormService().getDeployedTaskForm(taskId)));
        Map<String, Object> sent = sent(variables);
        // only what the check looks at: reading every variable (panels, registers as JSON) cost milliseconds per completion
        VariableMap current = tasks.getVariablesTyped(taskId, contract.lookups(sent), false);
        return admit(contract, mode, variables, sent, current, name -> tasks.getVariable(taskId, name));
        });
      } catch (InvalidInputException refusal) {
        // who may not work on the task hears the engine's 403, not what the form would refuse (on the way to a
        // completion the engine checks this itself; here only where the form refuses, which saves a query per step)
        for (var checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
          checker.checkTaskWork(entity);
        }
        throw refusal;
      }
    });
  }

  /** The values a process start may store: the start form's fields (its {@code businessKey} field included). */
  Map<String, Object> start(String processDefinitionId, String processDefinitionKey, String businessKey,
      Map<String, Object> variables) {
    return withoutAuthorization(() -> {
      String id = processDefinitionId;
      RepositoryService repository = configuration.getRepositoryService();
      if (id == null) {
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(processDefinitionKey)
            .withoutTenantId().latestVersion().singleResult();
        if (latest == null) {
          return variables; // the engine's own "no such process" follows
        }
        id = latest.getId();
      }
      String definition = id;
      FormService forms = configuration.getFormService();
      FormContract contract = contracts.computeIfAbsent(definition + "/start",
          key -> load(forms.getStartFormData(definition).getCamundaFormRef(), () -> forms.getDeployedStartForm(definition)));
      String number = BusinessKeyParseListener.FORM_FIELD;
      if (businessKey == null || !contract.fields().containsKey(number) || (variables != null && variables.containsKey(number))) {
        return admit(contract, Mode.START, variables, sent(variables), Variables.createVariables(), name -> null);
      }
      // the number given as the business key stands for the start form's number field, which the listener then checks
      Map<String, Object> withNumber = new LinkedHashMap<>(variables == null ? Map.of() : variables);
      withNumber.put(number, businessKey);
      Map<String, Object> admitted = admit(contract, Mode.START, withNumber, sent(withNumber), Variables.createVariables(), name -> null);
      admitted.remove(number);
      return admitted;
    });
  }

  /** Messages, signals and conditions have no form: only an administrator (or the platform) may send variables with them. */
  void noVariablesUnlessAdministrator(String what, Map<String, Object>... payloads) {
    for (Map<String, Object> payload : payloads) {
      if (payload != null && !payload.isEmpty() && !administrator()) {
        String name = payload.keySet().iterator().next();
        throw new InvalidInputException(name, what + "不能携带流程变量（“" + name + "”）：变量只能通过各步骤的表单提交");
      }
    }
  }

  /** Starting at an arbitrary step, or without the models' listeners, would skip the regulations' steps and checks. */
  void noShortcutsUnlessAdministrator(boolean shortcut) {
    if (shortcut && !administrator()) {
      throw new InvalidInputException(null, "只有系统管理员可以从指定环节启动流程或跳过监听器");
    }
  }

  private boolean administrator() {
    IdentityService identity = configuration.getIdentityService();
    Authentication user = identity.getCurrentAuthentication();
    return user == null // the platform's own calls, from no request
        || (user.getGroupIds() != null && user.getGroupIds().contains(org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN));
  }

  /** The request's values as plain Java, by name. */
  private static Map<String, Object> sent(Map<String, Object> variables) {
    Map<String, Object> sent = new LinkedHashMap<>();
    if (variables != null) {
      for (String name : variables.keySet()) {
        sent.put(name, plain(variables instanceof VariableMap typed ? typed.getValueTyped(name) : variables.get(name)));
      }
    }
    return sent;
  }

  private static Map<String, Object> admit(FormContract contract, Mode mode, Map<String, Object> variables,
      Map<String, Object> sent, VariableMap current, Function<String, Object> deserialised) {
    Map<String, Object> original = variables == null ? Map.of() : variables;
    Function<String, Object> now = name -> {
      TypedValue value = current.getValueTyped(name);
      if (value instanceof SerializableValue serialised && !serialised.isDeserialized()) {
        return deserialised.apply(name);
      }
      return value == null ? null : value.getValue();
    };
    Function<String, Collection<String>> pool = name -> options(now.apply(name));
    Map<String, Object> admitted = contract.admit(mode, sent, now, pool);
    // keep each value as it was sent (its type, e.g. JSON), unless the contract normalised it
    VariableMap store = Variables.createVariables();
    for (Map.Entry<String, Object> entry : admitted.entrySet()) {
      String name = entry.getKey();
      boolean unchanged = original.containsKey(name) && java.util.Objects.equals(entry.getValue(), sent.get(name));
      if (unchanged && original instanceof VariableMap typed) {
        store.putValueTyped(name, typed.getValueTyped(name));
      } else {
        store.put(name, unchanged ? original.get(name) : entry.getValue());
      }
    }
    return store;
  }

  /** A pool's option values: a list of {@code {label, value}} (what Camunda Forms read) or of plain values. */
  private static Collection<String> options(Object pool) {
    List<String> values = new ArrayList<>();
    if (pool instanceof Collection<?> items) {
      for (Object item : items) {
        values.add(item instanceof Map<?, ?> option ? String.valueOf(option.get("value")) : String.valueOf(item));
      }
    }
    return values;
  }

  /** A request's value as plain Java: JSON (Spin or serialised objects) as lists and maps; other objects stay objects. */
  static Object plain(Object value) {
    if (!(value instanceof TypedValue typed)) {
      return value;
    }
    if (typed instanceof SerializableValue serialised) {
      if (serialised.isDeserialized() && !(serialised.getValue() instanceof org.camunda.spin.json.SpinJsonNode)) {
        return serialised.getValue();
      }
      String text = serialised.getValueSerialized();
      if (text == null && serialised.getValue() != null) {
        text = serialised.getValue().toString();
      }
      try {
        return text == null ? null : JSON.readValue(text, new TypeReference<Object>() {});
      } catch (IOException e) {
        return new Object(); // neither text nor JSON: no form field takes it
      }
    }
    return typed.getValue();
  }

  private static FormContract load(CamundaFormRef ref, java.util.function.Supplier<InputStream> form) {
    if (ref == null) {
      return FormContract.none();
    }
    try (InputStream in = form.get()) {
      return FormContract.parse(in.readAllBytes());
    } catch (IOException | RuntimeException e) {
      LOG.warn("form {} of a step could not be read", ref.getKey(), e);
      throw new InvalidInputException(null, "找不到本步骤的表单“" + ref.getKey() + "”，无法提交：请管理员检查部署");
    }
  }

  private <T> T withoutAuthorization(java.util.concurrent.Callable<T> work) {
    return configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(work));
  }
}
