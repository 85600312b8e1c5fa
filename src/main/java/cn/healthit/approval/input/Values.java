package cn.healthit.approval.input;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The one typed accessor through which delegates and listeners read process variables — never a cast. A value
 * that reached an instance passed its form's contract ({@link FormContract}) or was set by the platform, so these
 * convert what may legitimately differ (an amount as text, a whole number or a decimal; a date as text or as a
 * {@link Date}; a yes/no as a boolean or its text) and answer {@code null} for an absent value, instead of failing
 * a service task later as an incident.
 */
public final class Values {

  private Values() {}

  /** An amount in 元: from its canonical text ("500000.00"), a whole number or a decimal; null when absent or not a number. */
  public static BigDecimal money(Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Number || (value instanceof String s && !s.isBlank())) {
      try {
        return new BigDecimal(value.toString().trim().replace(",", ""));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** Text, trimmed; null when absent or blank. Numbers and yes/no values read as their text. */
  public static String text(Object value) {
    if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
      return null;
    }
    String text = value.toString().trim();
    return text.isEmpty() ? null : text;
  }

  /** A whole number, or {@code absent} when there is none. */
  public static int integer(Object value, int absent) {
    BigDecimal number = money(value);
    return number == null ? absent : number.intValue();
  }

  /** A yes/no: {@code true}, or the text "true"; anything else (absent included) is no. */
  public static boolean yes(Object value) {
    return value instanceof Boolean b ? b : value instanceof String s && s.trim().equalsIgnoreCase("true");
  }

  /** A date: ISO text ("2026-12-20", possibly with a time part) or a {@link Date} in China's time zone; null otherwise. */
  public static LocalDate date(Object value) {
    if (value instanceof Date d) {
      return d.toInstant().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
    }
    if (value instanceof LocalDate d) {
      return d;
    }
    String text = text(value);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /** A JSON object's fields (a record the platform stored), or an empty map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> record(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /** A JSON list of records (a register, a list of attempts), or an empty list; never the stored list itself. */
  public static List<Map<String, Object>> records(Object value) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        out.add(record(item));
      }
    }
    return out;
  }
}
