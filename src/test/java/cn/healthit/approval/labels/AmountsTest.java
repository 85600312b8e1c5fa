package cn.healthit.approval.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AmountsTest {

  @Test
  void amountsAreGroupedWithTheirUnitAndFromTenThousandAlsoIn万元() {
    assertThat(Amounts.format(new BigDecimal("500000.00"))).isEqualTo("500,000.00 元（50 万元）");
    assertThat(Amounts.format(new BigDecimal("2000000"))).isEqualTo("2,000,000.00 元（200 万元）");
    assertThat(Amounts.format(new BigDecimal("9999.99"))).isEqualTo("9,999.99 元");
    assertThat(Amounts.format(new BigDecimal("10000.00"))).isEqualTo("10,000.00 元（1 万元）");
    assertThat(Amounts.format(new BigDecimal("1234567.89"))).isEqualTo("1,234,567.89 元（约 123.46 万元）");
    assertThat(Amounts.format(new BigDecimal("0"))).isEqualTo("0.00 元");
  }

  @Test
  void storedValuesAreFormattedAndAnythingElseIsLeftAsItIs() {
    assertThat(Amounts.format((Object) "150000.00")).isEqualTo("150,000.00 元（15 万元）");
    assertThat(Amounts.format((Object) 300000)).isEqualTo("300,000.00 元（30 万元）");
    assertThat(Amounts.format((Object) "待定")).isEqualTo("待定");
    assertThat(Amounts.format((Object) null)).isEmpty();
  }
}
