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
 */
public class BusinessKeyParseListener extends AbstractBpmnParseListener {

  static final ExecutionListener CHECK = BusinessKeyParseListener::check;
  /** The start forms' field for the project (or incident, change …) number. */
  static final String FORM_FIELD = "businessKey";

  @Override
  public void parseProcess(Element processElement, org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity processDefinition) {
    ((ScopeImpl) processDefinition).addListener(ExecutionListener.EVENTNAME_START, CHECK);
  }

  static void check(DelegateExecution execution) {
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
    // the starter may not see other people's instances; the uniqueness rule must see them all
    long running = Context.getCommandContext().runWithoutAuthorization(() ->
        execution.getProcessEngineServices().getRuntimeService().createProcessInstanceQuery()
            .processDefinitionKey(definitionKey).processInstanceBusinessKey(key).count());
    if (running > 0) {
      throw new InvalidInputException("businessKey", "业务编号 " + key + " 已有进行中的流程实例，不能重复发起");
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
