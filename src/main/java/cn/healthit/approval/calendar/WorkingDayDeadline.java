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
    return endOf(calendar.plusWorkingDays(day(from), days));
  }

  /** The end of a day, China time (23:59:59). */
  public static Instant endOf(LocalDate day) {
    return day.atTime(LocalTime.of(23, 59, 59)).atZone(CHINA).toInstant();
  }

  /** The China date of an instant. */
  public static LocalDate day(Instant at) {
    return at.atZone(CHINA).toLocalDate();
  }

  /**
   * What a deadline counted from {@code from} to {@code due} says of itself where it is shown (the task's
   * {@code deadlineNote}, the approval record): empty when every year it spans has data; otherwise 暂定 and why.
   */
  public static Optional<String> note(WorkingDays calendar, Instant from, Instant due) {
    java.util.SortedSet<Integer> missing = calendar.missingYears(day(from), day(due));
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    String years = missing.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("、"));
    return Optional.of("暂定：" + years + " 年节假日安排尚未载入工作日历，期限暂按周六、周日休息计算；"
        + "管理员载入该年安排后自动重算。");
  }
}
