package cn.healthit.approval.engine;

import cn.healthit.approval.input.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * CONTRACT.md: the business key of every project instance is its project number, and a second
 * live instance with a business key that is already running is refused. Applies to every
 * process started on its own (not to called sub-processes, which share their parent's key).
 *
 * <p>Tasklist starts a process with a Camunda Form without any business key: its start form has no
 * place for one. So every start form asks for the number in a field {@code businessKey}; when a start
 * carries no business key, that variable becomes the instance's business key (and is not kept as a
 * variable). A start that carries both must carry the same number.
 *
 * <p>Uniqueness is held by the database ({@link ProjectNumbers}): reading the running instances first and
 * starting after let two simultaneous starts both pass.
 */
public class BusinessKeyParseListener extends AbstractBpmnParseListener {

  /** The start forms' field for the project (or incident, change …) number. */
  static final String FORM_FIELD = "businessKey";

  private final ProjectNumbers numbers;
  private final ExecutionListener check = this::check;
  private final ExecutionListener release = this::release;

  public BusinessKeyParseListener(ProjectNumbers numbers) {
    this.numbers = numbers;
  }

  @Override
  public void parseProcess(Element processElement, org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity processDefinition) {
    // built in: they run even where a caller skips the model's own listeners
    ((ScopeImpl) processDefinition).addBuiltInListener(ExecutionListener.EVENTNAME_START, check);
    ((ScopeImpl) processDefinition).addBuiltInListener(ExecutionListener.EVENTNAME_END, release);
  }

  void check(DelegateExecution execution) {
    if (execution.getSuperExecution() != null || !execution.getId().equals(execution.getProcessInstanceId())) {
      return;
    }
    String key = keyOf(execution);
    if (key == null || key.isBlank()) {
      throw new InvalidInputException("businessKey", "请填写业务编号（businessKey），即项目编号或事件编号");
    }
    if (key.length() > 64 || !key.matches("[\\p{L}\\p{N}._/-]+")) {
      throw new InvalidInputException("businessKey",
          "业务编号（businessKey）只能由字母、数字、汉字和 . _ / - 组成，且不超过 64 个字符："
              + (key.length() > 64 ? key.substring(0, 64) + "…（共 " + key.length() + " 个字符）" : key));
    }
    String definitionKey = execution.getProcessDefinitionId().split(":")[0];
    // the database's key decides (ProjectNumbers); the starter may not see other people's instances, the rule sees them all
    numbers.claim(definitionKey, key, execution.getId(), instanceId -> Context.getCommandContext().runWithoutAuthorization(() ->
        execution.getProcessEngineServices().getRuntimeService().createProcessInstanceQuery()
            .processInstanceId(instanceId).count()) > 0);
  }

  void release(DelegateExecution execution) {
    if (execution.getId().equals(execution.getProcessInstanceId())) {
      numbers.release(execution.getId());
    }
  }

  /** The start's business key, or else the start form's {@code businessKey} field, which then becomes the key. */
  private static String keyOf(DelegateExecution execution) {
    String key = execution.getProcessBusinessKey();
    Object fromForm = execution.getVariable(FORM_FIELD);
    if (fromForm == null) {
      return key;
    }
    String number = fromForm.toString().strip();
    execution.removeVariable(FORM_FIELD);
    if (key != null && !key.isBlank()) {
      if (!key.equals(number)) {
        throw new InvalidInputException("businessKey", "业务编号（businessKey）" + key + " 与表单中填写的编号 " + number + " 不一致");
      }
      return key;
    }
    if (!number.isEmpty()) {
      execution.setProcessBusinessKey(number);
    }
    return number;
  }
}
