package cn.healthit.approval.calendar;

import java.time.LocalDate;
import java.time.Month;
import java.util.Optional;
import java.util.Set;

/**
 * When to warn that a year's holiday arrangement is missing: from 1 November, when the next year's is not
 * loaded (the State Council publishes it in November or December, and 20-working-day deadlines reach
 * into January from early December), and whenever the current year's is missing. The health endpoint,
 * the administrators' notices and the log all say this text.
 */
public final class CalendarWarning {

  static final Month WARN_FROM = Month.NOVEMBER;

  private CalendarWarning() {}

  public static Optional<String> of(LocalDate today, Set<Integer> years) {
    if (!years.contains(today.getYear())) {
      return Optional.of("工作日历没有今年（" + today.getYear() + " 年）的节假日安排：所有工作日期限都按周六、周日休息暂定计算。"
          + "请管理员尽快载入国务院办公厅的 " + today.getYear() + " 年节假日安排通知。");
    }
    int next = today.getYear() + 1;
    if (today.getMonth().compareTo(WARN_FROM) >= 0 && !years.contains(next)) {
      return Optional.of(next + " 年节假日安排尚未载入工作日历：跨入 " + next + " 年的工作日期限将暂按周六、周日休息计算并标为暂定。"
          + "国务院办公厅通知发布后，请管理员载入（POST /api/admin/calendar/" + next + "，或放入外部日历目录后重启）。");
    }
    return Optional.empty();
  }
}
