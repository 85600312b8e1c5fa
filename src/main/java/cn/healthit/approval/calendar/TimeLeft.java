package cn.healthit.approval.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * How much time a task has left, in working days, as its card in Tasklist says it: 「剩余 3 个工作日」,
 * 「今日到期」, 「已逾期 2 个工作日」 (「已逾期」 alone on the day the deadline passed). Counted on the working-day
 * calendar in Beijing time, the first day not counted (民法典 第二百零一条), like every deadline of the
 * platform; 「（暂定）」 when a year in between has no calendar data yet.
 *
 * @param workingDays working days left (negative: working days overdue)
 * @param overdue the deadline has passed
 * @param provisional counted on a year without data (weekends alone taken as days off)
 * @param text what the card shows
 */
public record TimeLeft(int workingDays, boolean overdue, boolean provisional, String text) {

  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  public static TimeLeft of(Instant due, Instant now, WorkingDays calendar) {
    LocalDate dueDay = due.atZone(CHINA).toLocalDate();
    LocalDate today = now.atZone(CHINA).toLocalDate();
    boolean provisional = !calendar.missingYears(today, dueDay).isEmpty();
    String note = provisional ? "（暂定）" : "";
    if (now.isAfter(due)) {
      int late = calendar.workingDaysBetween(dueDay, today);
      return new TimeLeft(-late, true, provisional, (late == 0 ? "已逾期" : "已逾期 " + late + " 个工作日") + note);
    }
    int left = calendar.workingDaysBetween(today, dueDay);
    return new TimeLeft(left, false, provisional, (left == 0 ? "今日到期" : "剩余 " + left + " 个工作日") + note);
  }
}
