package cn.healthit.approval.tianjin;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 000 §3 with 民法典 §1259: 「及以上」 includes the threshold itself. */
class TierRuleTest {

  @ParameterizedTest(name = "{0} 元 → {1}")
  @CsvSource({
      "0.00, GENERAL",
      "499999.99, GENERAL",
      "500000.00, IMPORTANT",
      "500000.01, IMPORTANT",
      "1999999.99, IMPORTANT",
      "2000000.00, MAJOR",
      "2000000.01, MAJOR"})
  void budgetDecidesTheTierAtTheThresholds(String budget, Tier expected) {
    assertThat(TierRule.byBudget(new BigDecimal(budget))).isEqualTo(expected);
    assertThat(TierRule.of(new BigDecimal(budget), false, null)).isEqualTo(expected);
  }

  @Test
  void technicalComplexityMakesAnyProjectMajor() {
    assertThat(TierRule.of(new BigDecimal("100.00"), true, null)).isEqualTo(Tier.MAJOR);
    assertThat(TierRule.of(new BigDecimal("499999.99"), true, Tier.IMPORTANT)).isEqualTo(Tier.MAJOR);
  }

  @Test
  void aDesignationRaisesTheTierButNeverLowersIt() {
    assertThat(TierRule.of(new BigDecimal("499999.99"), false, Tier.IMPORTANT)).isEqualTo(Tier.IMPORTANT);
    assertThat(TierRule.of(new BigDecimal("499999.99"), false, Tier.MAJOR)).isEqualTo(Tier.MAJOR);
    assertThat(TierRule.of(new BigDecimal("2000000.00"), false, Tier.IMPORTANT)).isEqualTo(Tier.MAJOR);
    assertThat(TierRule.of(new BigDecimal("500000.00"), false, Tier.GENERAL)).isEqualTo(Tier.IMPORTANT);
  }
}
