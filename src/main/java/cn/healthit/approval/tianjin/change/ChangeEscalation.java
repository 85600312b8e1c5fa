package cn.healthit.approval.tianjin.change;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * 000 §15(五): a change whose proposed cost 超过 (exceeds, exactly 10% does not) 10% of the
 * original contract amount needs the committee and the decision body. So that several small
 * changes cannot get around the line, the running total counts the project's earlier approved
 * changes too: {@code runningTotal = proposedCost + earlierApprovedCost}.
 *
 * <p>Compared exactly, without division: {@code runningTotal × 10 > contractAmount}. The ratio is
 * only for people to read (four decimals of a percent, half-up).
 */
public record ChangeEscalation(BigDecimal contractAmount, BigDecimal proposedCost, BigDecimal earlierApprovedCost,
    BigDecimal runningTotal, BigDecimal line, boolean escalated) {

  private static final BigDecimal TEN = BigDecimal.TEN;

  public static ChangeEscalation assess(BigDecimal contractAmount, BigDecimal proposedCost, BigDecimal earlierApprovedCost) {
    BigDecimal total = proposedCost.add(earlierApprovedCost);
    // 000 §15(五): 超过原合同金额10% — excludes exactly 10% (SPEC.md §0, 民法典 §1259)
    boolean escalated = total.multiply(TEN).compareTo(contractAmount) > 0;
    BigDecimal line = contractAmount.divide(TEN, 3, RoundingMode.UNNECESSARY).stripTrailingZeros();
    return new ChangeEscalation(contractAmount, proposedCost, earlierApprovedCost, total, line, escalated);
  }

  /** The running total as a percent of the contract, e.g. "10.0000%"; "—" when the contract is 0. */
  public String ratioText() {
    if (contractAmount.signum() == 0) {
      return runningTotal.signum() == 0 ? "0.0000%" : "—（合同金额为 0）";
    }
    return runningTotal.multiply(BigDecimal.valueOf(100)).divide(contractAmount, 4, RoundingMode.HALF_UP).toPlainString() + "%";
  }
}
