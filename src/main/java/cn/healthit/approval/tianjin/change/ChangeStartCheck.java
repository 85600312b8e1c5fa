package cn.healthit.approval.tianjin.change;

import cn.healthit.approval.input.Inputs;
import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.money.Money;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start of a change (000 §15(三)): checks what the start form or the calling project passed. A
 * standalone change carries the business key {@code <projectNumber>-BG-<n>}; a change called by the
 * project lifecycle shares the project's key. The written request (reason, plan, …) may come with
 * the start or be filed in the first task; {@code requestFiled} tells the model which.
 */
@Component("tianjinChangeStartCheck")
public class ChangeStartCheck implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    String projectNumber = Inputs.requireText("projectNumber", "项目编号", execution.getVariable("projectNumber"));
    execution.setVariable("projectNumber", projectNumber);
    execution.setVariable("contractAmount",
        Money.format(Money.parse("contractAmount", "原合同金额", execution.getVariable("contractAmount"))));
    execution.setVariable("governmentFunded",
        Inputs.optionalBoolean("governmentFunded", "政府投资项目", execution.getVariable("governmentFunded"), false));
    boolean called = execution.getSuperExecution() != null;
    String key = execution.getProcessBusinessKey();
    if (!called && (key == null || !key.startsWith(projectNumber + "-BG-"))) {
      throw new InvalidInputException("businessKey",
          "单独发起的变更，业务编号须为“项目编号-BG-序号”，如 " + projectNumber + "-BG-1");
    }
    boolean filed = Inputs.optionalText(execution.getVariable("reason")) != null;
    if (filed) {
      ChangeRequestCheck.checkRequest(execution);
    }
    execution.setVariable("requestFiled", filed);
  }
}
