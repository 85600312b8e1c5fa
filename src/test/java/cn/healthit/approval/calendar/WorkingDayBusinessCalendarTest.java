package cn.healthit.approval.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.Date;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.junit.jupiter.api.Test;

/** The engine-facing calendar: the working-day syntax is counted, anything else is Camunda's. */
class WorkingDayBusinessCalendarTest {

  private final WorkingDayBusinessCalendar duration =
      new WorkingDayBusinessCalendar(new DurationBusinessCalendar(), WorkingDays.china());
  private final WorkingDayBusinessCalendar dueDate =
      new WorkingDayBusinessCalendar(new DueDateBusinessCalendar(), WorkingDays.china());

  private static Date at(String isoOffset) {
    return Date.from(OffsetDateTime.parse(isoOffset).toInstant());
  }

  @Test
  void twentyWorkingDaysAcrossNationalDay2024EndAtMidnightOfTheTwentiethDay() {
    Date due = duration.resolveDuedate("20 working days", at("2024-09-20T10:15:00+08:00"));
    assertThat(due).isEqualTo(at("2024-10-23T23:59:59+08:00"));
    assertThat(dueDate.resolveDuedate("20个工作日", at("2024-09-20T10:15:00+08:00"))).isEqualTo(due);
  }

  @Test
  void tenWorkingDaysAcrossSpringFestival2026CountTheMakeUpSaturdays() {
    // from Wed 2/11: 2/12, 2/13, Sat 2/14, (2/15–2/23 off), 2/24, 2/25, 2/26, 2/27, Sat 2/28, 3/2, 3/3
    assertThat(duration.resolveDuedate("10 working days", at("2026-02-11T09:00:00+08:00")))
        .isEqualTo(at("2026-03-03T23:59:59+08:00"));
  }

  @Test
  void theStartDayIsTheChinaDateEvenWhenItIsStillYesterdayInUtc() {
    // 2025-01-27T20:00Z is already 2025-01-28 (春节) in China: the next working day is 2/5
    assertThat(duration.resolveDuedate("1 working day", at("2025-01-27T20:00:00Z")))
        .isEqualTo(at("2025-02-05T23:59:59+08:00"));
  }

  @Test
  void otherTextsKeepCamundasMeaning() {
    Date start = at("2025-03-01T08:00:00+08:00");
    assertThat(duration.resolveDuedate("P3M", start)).isEqualTo(new DurationBusinessCalendar().resolveDuedate("P3M", start));
    assertThat(duration.resolveDuedate("PT1H", start)).isEqualTo(at("2025-03-01T09:00:00+08:00"));
  }

  @Test
  void aDeadlineBeyondTheDataIsCountedOnWeekendsAloneNeverRefused() {
    assertThat(duration.resolveDuedate("20 working days", at("2026-12-20T09:00:00+08:00")))
        .isEqualTo(at("2027-01-15T23:59:59+08:00"));
  }
}
