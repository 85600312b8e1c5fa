package cn.healthit.approval.tianjin.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** 000 §15(五): 超过原合同金额10% — exactly 10% is not 超过 (SPEC.md §0). */
class ChangeEscalationTest {

  private static final BigDecimal CONTRACT = new BigDecimal("1234567.89");
  private static final BigDecimal NONE = BigDecimal.ZERO.setScale(2);

  private static ChangeEscalation assess(String proposed, String earlier) {
    return ChangeEscalation.assess(CONTRACT, new BigDecimal(proposed), new BigDecimal(earlier));
  }

  @Test
  void exactlyTenPercentIsNotEscalated() {
    // 10% of 1,234,567.89 is 123,456.789: no amount in fen is exactly 10%, so use a contract that has one
    ChangeEscalation e = ChangeEscalation.assess(new BigDecimal("1000000.00"), new BigDecimal("100000.00"), NONE);
    assertThat(e.escalated()).isFalse();
    assertThat(e.ratioText()).isEqualTo("10.0000%");
    assertThat(e.line()).isEqualByComparingTo("100000");
  }

  @Test
  void oneFenBelowAndAboveTenPercent() {
    BigDecimal contract = new BigDecimal("1000000.00");
    assertThat(ChangeEscalation.assess(contract, new BigDecimal("99999.99"), NONE).escalated()).isFalse();
    assertThat(ChangeEscalation.assess(contract, new BigDecimal("100000.01"), NONE).escalated()).isTrue();
  }

  @Test
  void theLineIsExactEvenWhenTenPercentFallsBetweenTwoFen() {
    // the line is 123,456.789 元: 123,456.78 is under it, 123,456.79 is over it — a rounded ratio would hide this
    assertThat(assess("123456.78", "0").escalated()).isFalse();
    assertThat(assess("123456.79", "0").escalated()).isTrue();
    assertThat(assess("123456.79", "0").ratioText()).isEqualTo("10.0000%");
    assertThat(assess("123456.78", "0").line()).isEqualByComparingTo("123456.789");
  }

  @Test
  void earlierApprovedChangesCountTowardsTheLine() {
    BigDecimal contract = new BigDecimal("1000000.00");
    // two earlier approved changes of 60,000 and 30,000; the third of 10,000 reaches exactly 10%
    ChangeEscalation atLine = ChangeEscalation.assess(contract, new BigDecimal("10000.00"), new BigDecimal("90000.00"));
    assertThat(atLine.escalated()).isFalse();
    assertThat(atLine.runningTotal()).isEqualByComparingTo("100000.00");
    // one fen more crosses it, though the change alone is 1% of the contract
    ChangeEscalation over = ChangeEscalation.assess(contract, new BigDecimal("10000.01"), new BigDecimal("90000.00"));
    assertThat(over.escalated()).isTrue();
    assertThat(over.ratioText()).isEqualTo("10.0000%");
    assertThat(ChangeEscalation.assess(contract, new BigDecimal("9999.99"), new BigDecimal("90000.00")).escalated()).isFalse();
  }

  @Test
  void aZeroContractEscalatesAnyPositiveChange() {
    assertThat(ChangeEscalation.assess(NONE, new BigDecimal("0.01"), NONE).escalated()).isTrue();
    assertThat(ChangeEscalation.assess(NONE, NONE, NONE).escalated()).isFalse();
  }
}
