package cn.healthit.approval.guangzhou;

import cn.healthit.approval.money.Money;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Sets {@code finalAcceptanceBy} (CONTRACT.md) from the investment — 001 §3.4, see {@link FinalAcceptanceBy}. */
@Component("guangzhouFinalAcceptanceRoute")
public class GuangzhouFinalAcceptanceRoute implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    var investment = Money.parse("investment", "项目投资金额", execution.getVariable("investment"));
    execution.setVariable("finalAcceptanceBy", FinalAcceptanceBy.forInvestment(investment).name());
  }
}
