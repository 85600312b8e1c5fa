package cn.healthit.approval.tianjin.emergency;

import cn.healthit.approval.input.Inputs;
import cn.healthit.approval.money.Money;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * 000 §19–§20(一): a lawful {@code trigger}, a description, 信息处's emergency technical solution
 * and {@code estimatedCost}; sets {@code emergencyRoute} (CONTRACT.md).
 */
@Component("tianjinEmergencyStartCheck")
public class EmergencyStartCheck implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    execution.setVariable("trigger",
        Inputs.requireEnum("trigger", "紧急采购情形", execution.getVariable("trigger"), Trigger.class).name());
    execution.setVariable("description", Inputs.requireText("description", "紧急事项描述", execution.getVariable("description")));
    execution.setVariable("solution", Inputs.requireText("solution", "应急技术解决方案", execution.getVariable("solution")));
    BigDecimal cost = Money.parse("estimatedCost", "费用估算", execution.getVariable("estimatedCost"));
    execution.setVariable("estimatedCost", Money.format(cost));
    execution.setVariable("emergencyRoute", EmergencyRoute.of(cost).name());
    execution.setVariable("refused", false);
    execution.setVariable("procurementOutcome", "OPEN");
  }
}
