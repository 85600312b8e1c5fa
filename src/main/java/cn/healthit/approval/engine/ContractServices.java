package cn.healthit.approval.engine;

import cn.healthit.approval.input.FormContract.Mode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.ConditionEvaluationBuilderImpl;
import org.camunda.bpm.engine.impl.FormServiceImpl;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.RuntimeServiceImpl;
import org.camunda.bpm.engine.impl.SignalEventReceivedBuilderImpl;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.runtime.ConditionEvaluationBuilder;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.runtime.ProcessInstantiationBuilder;
import org.camunda.bpm.engine.runtime.SignalEventReceivedBuilder;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * The engine's task, form and runtime services with {@link TaskContract} in front of every call that carries
 * variables in. Camunda offers no public hook for a request's variables, so these extend its service classes
 * (installed by {@link EnginePlugin}); everything else is the engine's own code, unchanged.
 */
public final class ContractServices {

  private ContractServices() {}

  static void install(ProcessEngineConfigurationImpl configuration) {
    TaskContract contract = new TaskContract(configuration);
    configuration.setTaskService(new Tasks(contract));
    configuration.setFormService(new Forms(contract));
    configuration.setRuntimeService(new Runtime(contract));
  }

  /** The contract behind an engine's task service (benchmarks measure what it costs); null if it is not ours. */
  public static TaskContract contractOf(org.camunda.bpm.engine.TaskService taskService) {
    return taskService instanceof Tasks tasks ? tasks.contract : null;
  }

  /**
   * The contract's check and then the engine's own command, in one command: one transaction, the task and its
   * variables read once (the check costs little more than the variables it looks at).
   */
  private static <T> T checkedThen(CommandExecutor executor, TaskContract contract, String taskId, Map<String, Object> variables,
      Mode mode, Function<Map<String, Object>, T> action) {
    if (!TaskContract.fromOutside()) {
      return action.apply(variables);
    }
    return executor.execute(context -> action.apply(contract.task(taskId, variables, mode)));
  }

  static final class Tasks extends TaskServiceImpl {
    private final TaskContract contract;

    Tasks(TaskContract contract) {
      this.contract = contract;
    }

    @Override
    public void complete(String taskId) {
      complete(taskId, null);
    }

    @Override
    public void complete(String taskId, Map<String, Object> variables) {
      checked(taskId, variables, Mode.COMPLETE, admitted -> {
        super.complete(taskId, admitted);
        return null;
      });
    }

    @Override
    public VariableMap completeWithVariablesInReturn(String taskId, Map<String, Object> variables, boolean deserialize) {
      return checked(taskId, variables, Mode.COMPLETE, admitted -> super.completeWithVariablesInReturn(taskId, admitted, deserialize));
    }

    @Override
    public void resolveTask(String taskId) {
      resolveTask(taskId, null);
    }

    @Override
    public void resolveTask(String taskId, Map<String, Object> variables) {
      checked(taskId, variables, Mode.RESOLVE, admitted -> {
        super.resolveTask(taskId, admitted);
        return null;
      });
    }

    private <T> T checked(String taskId, Map<String, Object> variables, Mode mode, Function<Map<String, Object>, T> action) {
      return checkedThen(commandExecutor, contract, taskId, variables, mode, action);
    }
  }

  static final class Forms extends FormServiceImpl {
    private final TaskContract contract;

    Forms(TaskContract contract) {
      this.contract = contract;
    }

    @Override
    public void submitTaskForm(String taskId, Map<String, Object> properties) {
      checked(taskId, properties, admitted -> {
        super.submitTaskForm(taskId, admitted);
        return null;
      });
    }

    @Override
    public VariableMap submitTaskFormWithVariablesInReturn(String taskId, Map<String, Object> properties, boolean deserialize) {
      return checked(taskId, properties, admitted -> super.submitTaskFormWithVariablesInReturn(taskId, admitted, deserialize));
    }

    @Override
    public ProcessInstance submitStartForm(String processDefinitionId, Map<String, Object> properties) {
      return submitStartForm(processDefinitionId, null, properties);
    }

    @Override
    public ProcessInstance submitStartForm(String processDefinitionId, String businessKey, Map<String, Object> properties) {
      Map<String, Object> admitted = TaskContract.fromOutside()
          ? contract.start(processDefinitionId, null, businessKey, properties) : properties;
      return super.submitStartForm(processDefinitionId, businessKey, admitted);
    }

    private <T> T checked(String taskId, Map<String, Object> properties, Function<Map<String, Object>, T> action) {
      // submitting a delegated task's form resolves it; the engine decides which, the contract is the same
      return checkedThen(commandExecutor, contract, taskId, properties, Mode.COMPLETE, action);
    }
  }

  static final class Runtime extends RuntimeServiceImpl {
    private final TaskContract contract;

    Runtime(TaskContract contract) {
      this.contract = contract;
    }

    @Override
    public ProcessInstantiationBuilder createProcessInstanceById(String processDefinitionId) {
      return new Instantiation(this, contract, processDefinitionId, null);
    }

    @Override
    public ProcessInstantiationBuilder createProcessInstanceByKey(String processDefinitionKey) {
      return new Instantiation(this, contract, null, processDefinitionKey);
    }

    @Override
    public MessageCorrelationBuilder createMessageCorrelation(String messageName) {
      return new MessageCorrelationBuilderImpl(commandExecutor, messageName) {
        @Override
        protected <T> T execute(Command<T> command) {
          if (TaskContract.fromOutside()) {
            contract.noVariablesUnlessAdministrator("消息", getPayloadProcessInstanceVariables(),
                getPayloadProcessInstanceVariablesLocal(), getPayloadProcessInstanceVariablesToTriggeredScope());
          }
          return super.execute(command);
        }
      };
    }

    @Override
    public SignalEventReceivedBuilder createSignalEvent(String signalName) {
      return new SignalEventReceivedBuilderImpl(commandExecutor, signalName) {
        @Override
        public void send() {
          if (TaskContract.fromOutside()) {
            contract.noVariablesUnlessAdministrator("信号", getVariables());
          }
          super.send();
        }
      };
    }

    @Override
    public ConditionEvaluationBuilder createConditionEvaluation() {
      return new ConditionEvaluationBuilderImpl(commandExecutor) {
        @Override
        public List<ProcessInstance> evaluateStartConditions() {
          if (TaskContract.fromOutside()) {
            contract.noVariablesUnlessAdministrator("条件启动", getVariables());
          }
          return super.evaluateStartConditions();
        }
      };
    }

    @Override
    public void messageEventReceived(String messageName, String executionId, Map<String, Object> processVariables) {
      if (TaskContract.fromOutside()) {
        contract.noVariablesUnlessAdministrator("消息", processVariables);
      }
      super.messageEventReceived(messageName, executionId, processVariables);
    }

    @Override
    public void signal(String executionId, String signalName, Object signalData, Map<String, Object> processVariables) {
      if (TaskContract.fromOutside()) {
        contract.noVariablesUnlessAdministrator("信号", processVariables);
      }
      super.signal(executionId, signalName, signalData, processVariables);
    }

    @Override
    public void signal(String executionId, Map<String, Object> processVariables) {
      signal(executionId, null, null, processVariables);
    }
  }

  /** A process start: the start form's contract on its variables; no start at a chosen step for participants. */
  static final class Instantiation extends ProcessInstantiationBuilderImpl {
    private final TaskContract contract;

    Instantiation(Runtime runtime, TaskContract contract, String processDefinitionId, String processDefinitionKey) {
      super(runtime.getCommandExecutor());
      this.contract = contract;
      this.processDefinitionId = processDefinitionId;
      this.processDefinitionKey = processDefinitionKey;
    }

    @Override
    public ProcessInstanceWithVariables executeWithVariablesInReturn(boolean skipCustomListeners, boolean skipIoMappings) {
      if (TaskContract.fromOutside()) {
        contract.noShortcutsUnlessAdministrator(skipCustomListeners || skipIoMappings
            || !getModificationBuilder().getModificationOperations().isEmpty());
        Map<String, Object> variables = getVariables();
        Map<String, Object> admitted = contract.start(processDefinitionId, processDefinitionKey, businessKey, variables);
        if (admitted != variables) {
          variables.clear();
          variables.putAll(admitted);
        }
      }
      return super.executeWithVariablesInReturn(skipCustomListeners, skipIoMappings);
    }
  }
}
