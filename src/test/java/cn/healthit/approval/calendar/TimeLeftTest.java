package cn.healthit.approval.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** What a task card says about its deadline, at the second the deadline passes and across holidays and the year end. */
class TimeLeftTest {

  private final WorkingDays calendar = WorkingDays.china();

  private static Instant beijing(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(TimeLeft.CHINA).toInstant();
  }

  private TimeLeft left(String due, String now) {
    return TimeLeft.of(beijing(due), beijing(now), calendar);
  }

  @Test
  void theDeadlineDayItselfIsDueTodayUntilItsLastSecond() {
    assertThat(left("2026-11-25T17:00:00", "2026-11-25T16:59:59")).isEqualTo(new TimeLeft(0, false, false, "今日到期"));
    assertThat(left("2026-11-25T17:00:00", "2026-11-25T17:00:00").text()).isEqualTo("今日到期");
    assertThat(left("2026-11-25T17:00:00", "2026-11-25T17:00:01")).isEqualTo(new TimeLeft(0, true, false, "已逾期"));
  }

  @Test
  void workingDaysLeftSkipWeekends() {
    // Friday 2026-11-20 → Monday 11-23 is one working day away, Tuesday two
    assertThat(left("2026-11-23T23:59:59", "2026-11-20T09:00:00").text()).isEqualTo("剩余 1 个工作日");
    assertThat(left("2026-11-24T00:00:00", "2026-11-20T09:00:00")).isEqualTo(new TimeLeft(2, false, false, "剩余 2 个工作日"));
  }

  @Test
  void overdueCountsTheWorkingDaysSinceTheDeadlineDay() {
    // due Friday 11-20, now Monday 11-23: one working day late; Tuesday two
    assertThat(left("2026-11-20T17:00:00", "2026-11-23T08:00:00")).isEqualTo(new TimeLeft(-1, true, false, "已逾期 1 个工作日"));
    assertThat(left("2026-11-20T17:00:00", "2026-11-24T08:00:00").text()).isEqualTo("已逾期 2 个工作日");
    // the weekend after a Friday deadline adds nothing
    assertThat(left("2026-11-20T17:00:00", "2026-11-22T12:00:00").text()).isEqualTo("已逾期");
  }

  @Test
  void theNationalDayHolidayIsNotCounted() {
    // 2026: 10-01 … 10-07 off; Wednesday 09-30 → Thursday 10-08 is the next working day (10-10 Saturday is worked)
    assertThat(left("2026-10-08T17:00:00", "2026-09-30T09:00:00").text()).isEqualTo("剩余 1 个工作日");
  }

  @Test
  void aDeadlineInAYearWithoutDataIsProvisional() {
    // the calendar holds 2024–2026; on 2026-12-31 a deadline in January 2027 is counted Monday to Friday
    TimeLeft left = left("2027-01-05T17:00:00", "2026-12-31T09:00:00");
    assertThat(left.provisional()).isTrue();
    assertThat(left.text()).isEqualTo("剩余 3 个工作日（暂定）");
    assertThat(left("2026-12-31T17:00:00", "2026-12-30T09:00:00").provisional()).isFalse();
  }

  @Test
  void betweenIsTheInverseOfPlus() {
    java.time.LocalDate start = java.time.LocalDate.parse("2026-09-25");
    for (int n = 0; n <= 30; n++) {
      assertThat(calendar.workingDaysBetween(start, calendar.plusWorkingDays(start, n))).isEqualTo(n);
    }
    assertThat(calendar.workingDaysBetween(start, start.minusDays(3))).isZero();
  }
}
