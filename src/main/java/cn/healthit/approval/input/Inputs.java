package cn.healthit.approval.input;

import java.util.Locale;

/**
 * Server-side checks for values that arrive through forms or REST. Camunda Forms validate only in
 * the browser; every value a rule depends on passes through here again. Each check names the field
 * and its Chinese label in the message: 「项目名称（projectName）不能为空」.
 */
public final class Inputs {

  /**
   * The longest free text the platform keeps: 4000 characters, what the engine's text column holds
   * (CONTRACT.md's Chinese texts — opinions, plans, reasons — fit many times over).
   */
  public static final int MAX_TEXT = 4000;

  private Inputs() {}

  /** Refuses text longer than {@code max} characters, naming the field: 「意见（opinion）不能超过 4000 个字符（收到 100000 个）」. */
  public static void checkLength(String field, String label, String text, int max) {
    int length = text.length(); // as the database counts it (H2 counts UTF-16 units)
    if (length > max) {
      throw new InvalidInputException(field, describe(field, label) + "不能超过 " + max + " 个字符（收到 " + length + " 个）");
    }
  }

  /** A value quoted in a message: at most 50 characters of it. */
  public static String clip(String value) {
    return value.length() <= 50 ? value : value.substring(0, 50) + "…";
  }

  public static String describe(String field, String label) {
    return label + "（" + field + "）";
  }

  public static String requireText(String field, String label, Object value) {
    if (value == null || value.toString().isBlank()) {
      throw new InvalidInputException(field, describe(field, label) + "不能为空");
    }
    checkLength(field, label, value.toString(), MAX_TEXT);
    return value.toString().trim();
  }

  public static String optionalText(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  public static boolean requireBoolean(String field, String label, Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    throw new InvalidInputException(field, describe(field, label) + "必须填写“是”或“否”");
  }

  public static boolean optionalBoolean(String field, String label, Object value, boolean absent) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      return absent;
    }
    return requireBoolean(field, label, value);
  }

  public static <E extends Enum<E>> E requireEnum(String field, String label, Object value, Class<E> type) {
    String text = requireText(field, label, value);
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field,
          describe(field, label) + "的取值“" + text + "”无效，可选：" + names(type.getEnumConstants()));
    }
  }

  public static <E extends Enum<E>> E optionalEnum(String field, String label, Object value, Class<E> type) {
    return optionalText(value) == null ? null : requireEnum(field, label, value, type);
  }

  /** A whole number within [min, max], from a JSON number or a string. */
  public static long requireWholeNumber(String field, String label, Object value, long min, long max) {
    long number;
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      number = ((Number) value).longValue();
    } else if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        && !Double.isInfinite(n.doubleValue())) {
      number = n.longValue();
    } else if (value instanceof String s && s.trim().matches("-?\\d{1,18}")) {
      number = Long.parseLong(s.trim());
    } else {
      throw new InvalidInputException(field, describe(field, label) + "必须是整数");
    }
    if (number < min || number > max) {
      throw new InvalidInputException(field,
          describe(field, label) + "必须在 " + min + " 到 " + max + " 之间，收到 " + number);
    }
    return number;
  }

  /**
   * A date from a Camunda Form date field (ISO text "2026-11-25", possibly with a time part) or a
   * {@link java.util.Date} (read in China's time zone); {@code null} when absent and not required.
   */
  public static java.time.LocalDate date(String field, String label, Object value, boolean required) {
    if (value == null || value.toString().isBlank()) {
      if (required) {
        throw new InvalidInputException(field, describe(field, label) + "不能为空");
      }
      return null;
    }
    if (value instanceof java.util.Date d) {
      return d.toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate();
    }
    String text = value.toString().trim();
    try {
      return java.time.LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidInputException(field, describe(field, label) + "不是有效日期（yyyy-MM-dd）：" + value);
    }
  }

  /**
   * A decision task's outcome: one of {@code allowed}; an outcome in {@code needingReason} (refusals, returns,
   * rectifications) also needs the written opinion (SPEC.md §0: every decision leaves its reason).
   */
  public static String decision(String field, Object value, java.util.Set<String> allowed,
      java.util.Set<String> needingReason, String opinionField, Object opinion) {
    String decision = requireText(field, "结论", value);
    if (!allowed.contains(decision)) {
      throw new InvalidInputException(field, "结论（" + field + "）的取值“" + decision + "”在此任务中无效，可选："
          + String.join("、", new java.util.TreeSet<>(allowed)));
    }
    if (needingReason.contains(decision)) {
      requireText(opinionField, "意见（不同意、退回或要求修改时须说明理由）", opinion);
    }
    return decision;
  }

  public static void requireTrue(String field, String label, boolean condition, String reason) {
    if (!condition) {
      throw new InvalidInputException(field, describe(field, label) + reason);
    }
  }

  private static String names(Object[] constants) {
    StringBuilder out = new StringBuilder();
    for (Object c : constants) {
      if (out.length() > 0) {
        out.append('、');
      }
      out.append(c);
    }
    return out.toString();
  }
}
