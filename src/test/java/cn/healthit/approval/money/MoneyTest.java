package cn.healthit.approval.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthit.approval.input.InvalidInputException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

  @Test
  void acceptsJsonNumbersAndDecimalStringsExactly() {
    assertThat(Money.parse("budget", "项目预算", 500000)).isEqualByComparingTo("500000.00");
    assertThat(Money.parse("budget", "项目预算", 500000L)).isEqualByComparingTo("500000");
    assertThat(Money.parse("budget", "项目预算", 0.1)).isEqualTo(new BigDecimal("0.10"));
    assertThat(Money.parse("budget", "项目预算", 499999.99)).isEqualTo(new BigDecimal("499999.99"));
    assertThat(Money.parse("budget", "项目预算", "2,000,000.5")).isEqualTo(new BigDecimal("2000000.50"));
    assertThat(Money.parse("budget", "项目预算", " 0 ")).isEqualTo(new BigDecimal("0.00"));
    assertThat(Money.parse("budget", "项目预算", new BigDecimal("1.20"))).isEqualTo(new BigDecimal("1.20"));
  }

  @Test
  void theLargestAcceptedAmountIsOneTrillionYuan() {
    assertThat(Money.parse("budget", "项目预算", "1000000000000.00")).isEqualByComparingTo(Money.MAX);
    assertThatThrownBy(() -> Money.parse("budget", "项目预算", "1000000000000.01"))
        .hasMessageContaining("超出合理范围");
  }

  @Test
  void refusesNegativesAndNamesTheField() {
    assertThatThrownBy(() -> Money.parse("budget", "项目预算", "-0.01"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("项目预算（budget）不能为负数：-0.01")
        .extracting(e -> ((InvalidInputException) e).getField()).isEqualTo("budget");
  }

  @Test
  void refusesMoreThanTwoDecimals() {
    assertThatThrownBy(() -> Money.parse("budget", "项目预算", "1.001")).hasMessageContaining("两位小数");
    assertThatThrownBy(() -> Money.parse("budget", "项目预算", 0.005)).hasMessageContaining("两位小数");
    assertThat(Money.parse("budget", "项目预算", "1.100")).isEqualTo(new BigDecimal("1.10"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "1e5", "12元", "", "  ", "1.2.3", "NaN"})
  void refusesWhatIsNotAnAmount(String text) {
    assertThatThrownBy(() -> Money.parse("cost", "费用", text)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("费用（cost）");
  }

  @Test
  void refusesNaNInfinityNullAndOtherTypes() {
    assertThatThrownBy(() -> Money.parse("cost", "费用", Double.NaN)).hasMessageContaining("不是有效金额");
    assertThatThrownBy(() -> Money.parse("cost", "费用", Double.POSITIVE_INFINITY)).hasMessageContaining("不是有效金额");
    assertThatThrownBy(() -> Money.parse("cost", "费用", null)).hasMessageContaining("不能为空");
    assertThatThrownBy(() -> Money.parse("cost", "费用", true)).hasMessageContaining("不是有效金额");
  }

  @Test
  void formatsCanonicallyAndForPeople() {
    assertThat(Money.format(new BigDecimal("500000"))).isEqualTo("500000.00");
    assertThat(Money.format(Money.wan(200))).isEqualTo("2000000.00");
    assertThat(Money.display(new BigDecimal("500000.00"))).isEqualTo("500,000.00 元（50万元）");
  }
}
