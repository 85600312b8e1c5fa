package cn.healthit.approval.tianjin;

import cn.healthit.approval.money.Money;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 000 §3: sets {@code tier} (and its Chinese {@code tierLabel}) before the first user task. */
@Component("tianjinTierDelegate")
public class TianjinTierDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    Object designated = execution.getVariable("designatedTier");
    Tier tier = TierRule.of(
        Money.parse("budget", "项目预算", execution.getVariable("budget")),
        Boolean.TRUE.equals(execution.getVariable("technicallyComplex")),
        designated == null ? null : Tier.valueOf(designated.toString()));
    execution.setVariable("tier", tier.name());
    execution.setVariable("tierLabel", tier.label());
  }
}
