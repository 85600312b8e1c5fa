package cn.healthit.approval.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deadline counted in working days, as models write it: {@code 20 working days} (or
 * {@code 20个工作日}). It ends at 24:00 — shown as 23:59:59 — of the last working day, China
 * time; the day it starts is not counted (民法典 第二百零一条、第二百零三条).
 */
public final class WorkingDayDeadline {

  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final Pattern SYNTAX =
      Pattern.compile("\\s*(\\d{1,3})\\s*(?:working\\s+days?|个工作日)\\s*", Pattern.CASE_INSENSITIVE);

  private WorkingDayDeadline() {}

  /** The number of working days, when the text is a working-day deadline. */
  public static Optional<Integer> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = SYNTAX.matcher(text);
    return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /** The end of the {@code days}-th working day after the (China) date of {@code from}. */
  public static Instant after(WorkingDays calendar, Instant from, int days) {
    LocalDate start = from.atZone(CHINA).toLocalDate();
    LocalDate last = calendar.plusWorkingDays(start, days);
    return last.atTime(LocalTime.of(23, 59, 59)).atZone(CHINA).toInstant();
  }
}
