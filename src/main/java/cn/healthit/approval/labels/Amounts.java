package cn.healthit.approval.labels;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * How a person reads an amount (元, SPEC.md §0): grouped by thousands with two decimals, and from
 * 1 万元 on also in 万元, the unit Chinese budgets are discussed in — 「500,000.00 元（50 万元）」.
 * The exact 元 figure comes first; the 万元 figure is rounded to two places and says 「约」 when rounded.
 */
public final class Amounts {

  private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

  private Amounts() {}

  public static String format(BigDecimal amount) {
    DecimalFormat yuan = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    String text = yuan.format(amount) + " 元";
    if (amount.abs().compareTo(TEN_THOUSAND) < 0) {
      return text;
    }
    BigDecimal wan = amount.divide(TEN_THOUSAND);
    BigDecimal shown = wan.setScale(2, RoundingMode.HALF_UP);
    DecimalFormat wanFormat = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return text + "（" + (shown.compareTo(wan) == 0 ? "" : "约 ") + wanFormat.format(shown) + " 万元）";
  }

  /** The amount as stored (canonical string, number) formatted; anything that is not a number is returned as it is. */
  public static String format(Object value) {
    if (value == null) {
      return "";
    }
    try {
      return format(new BigDecimal(value.toString().trim()));
    } catch (NumberFormatException notANumber) {
      return value.toString();
    }
  }
}
