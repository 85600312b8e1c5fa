package cn.healthit.approval.calendar;

import cn.healthit.approval.input.InvalidInputException;
import java.time.LocalDate;
import java.util.Set;

/**
 * A date the holiday data does not cover. Refused with the date named, so an administrator knows
 * which year's State Council notice to add (docs/guangzhou.md). Through REST it is a 400 with this
 * message, and the engine's transaction rolls back: no deadline is ever computed without the holidays.
 */
public class OutsideCalendarException extends InvalidInputException {

  private final LocalDate date;

  public OutsideCalendarException(LocalDate date, Set<Integer> years) {
    super("workingDayCalendar", "工作日历没有 " + date.getYear() + " 年的节假日数据，无法计算日期 " + date
        + " 的工作日（已有年份：" + years + "）。请管理员按国务院办公厅 " + date.getYear()
        + " 年节假日安排通知补充 calendar/china-holidays.json。");
    this.date = date;
  }

  public LocalDate date() {
    return date;
  }
}
