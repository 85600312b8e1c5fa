package cn.healthit.approval.money;

import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.input.Inputs;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts in 元 with two decimals (分) — SPEC.md §0. Every amount is converted here, at the
 * boundary, to an exact {@link BigDecimal}; no decision ever compares a binary float.
 *
 * <p>Amounts may arrive as JSON numbers or decimal strings (CONTRACT.md). Process variables keep
 * the canonical text with two places ("500000.00"), which reads the same in Cockpit, in forms and
 * in the approval record.
 */
public final class Money {

  /** 1 万亿元: no hospital or city IT project comes near it; anything larger is a typing error. */
  public static final BigDecimal MAX = new BigDecimal("1000000000000.00");

  private Money() {}

  /** n 万元, exactly. */
  public static BigDecimal wan(long n) {
    return BigDecimal.valueOf(n).multiply(BigDecimal.valueOf(10_000)).setScale(2);
  }

  /** A required amount: 0 or more, at most two decimals, at most {@link #MAX}. */
  public static BigDecimal parse(String field, String label, Object value) {
    String what = Inputs.describe(field, label);
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new InvalidInputException(field, what + "不能为空");
    }
    BigDecimal amount;
    if (value instanceof BigDecimal d) {
      amount = d;
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      amount = BigDecimal.valueOf(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new InvalidInputException(field, what + "不是有效金额：" + value);
      }
      // the shortest decimal that reads back as this double, i.e. what the sender typed
      amount = new BigDecimal(Double.toString(d));
    } else if (value instanceof String s) {
      String text = s.trim().replace(",", "").replace("，", "");
      if (!text.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
        throw new InvalidInputException(field, what + "不是有效金额：“" + s + "”，请填写以元为单位的数字，如 500000.00");
      }
      amount = new BigDecimal(text);
    } else {
      throw new InvalidInputException(field, what + "不是有效金额：" + value);
    }
    if (amount.signum() < 0) {
      throw new InvalidInputException(field, what + "不能为负数：" + amount.toPlainString());
    }
    if (amount.stripTrailingZeros().scale() > 2) {
      throw new InvalidInputException(field, what + "最多精确到分（两位小数）：" + amount.toPlainString());
    }
    if (amount.compareTo(MAX) > 0) {
      throw new InvalidInputException(field, what + "超出合理范围（不超过 1 万亿元）：" + amount.toPlainString());
    }
    return amount.setScale(2, RoundingMode.UNNECESSARY);
  }

  /** The canonical text of an amount: two places, no exponent ("500000.00"). */
  public static String format(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
  }

  /** For people: 「500,000.00 元（50万元）」. */
  public static String display(BigDecimal amount) {
    BigDecimal wan = amount.divide(BigDecimal.valueOf(10_000)).stripTrailingZeros();
    return String.format("%,.2f 元（%s万元）", amount, wan.toPlainString());
  }
}
