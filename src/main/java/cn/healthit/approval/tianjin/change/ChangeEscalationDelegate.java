package cn.healthit.approval.tianjin.change;

import cn.healthit.approval.input.Values;
import cn.healthit.approval.money.Money;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * Sets {@code escalated} (CONTRACT.md) and what the reviewers read: {@code earlierApprovedCost},
 * {@code runningTotal}, {@code runningRatio}, {@code escalationLine}. Runs after 信息处's review and
 * again after 智医办's approval, so a change approved meanwhile for the same project is counted.
 */
@Component("tianjinChangeEscalation")
public class ChangeEscalationDelegate implements JavaDelegate {

  private final ChangeRecords records;

  public ChangeEscalationDelegate(ChangeRecords records) {
    this.records = records;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String projectNumber = Values.text(execution.getVariable("projectNumber"));
    // the running total must see every change of the project, whoever may read it
    BigDecimal earlier = Context.getCommandContext().runWithoutAuthorization(
        () -> records.approvedTotal(projectNumber, execution.getProcessInstanceId()));
    ChangeEscalation e = ChangeEscalation.assess(Values.money(execution.getVariable("contractAmount")),
        Values.money(execution.getVariable("proposedCost")), earlier);
    execution.setVariable("earlierApprovedCost", Money.format(e.earlierApprovedCost()));
    execution.setVariable("runningTotal", Money.format(e.runningTotal()));
    execution.setVariable("runningRatio", e.ratioText());
    execution.setVariable("escalationLine", e.line().toPlainString());
    execution.setVariable("escalated", e.escalated());
  }
}
