package cn.healthit.approval.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The State Council's notices for 2024–2026, checked on the days people remember. */
class WorkingDaysTest {

  private final WorkingDays days = WorkingDays.china();

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  private void assertOff(String from, String to) {
    for (LocalDate x = d(from); !x.isAfter(d(to)); x = x.plusDays(1)) {
      assertThat(days.isWorkingDay(x)).as("%s is a holiday", x).isFalse();
    }
  }

  @Test
  void coversExactly2024To2026() {
    assertThat(days.years()).containsExactly(2024, 2025, 2026);
  }

  @Test
  void springFestival2024WithItsTwoMakeUpSundays() {
    assertThat(days.isWorkingDay(d("2024-02-04"))).as("Sunday 2/4 is a make-up working day").isTrue();
    assertThat(days.isWorkingDay(d("2024-02-09"))).as("除夕 2/9 is a Friday at work").isTrue();
    assertOff("2024-02-10", "2024-02-17");
    assertThat(days.isWorkingDay(d("2024-02-18"))).as("Sunday 2/18 is a make-up working day").isTrue();
    assertThat(days.holidayName(d("2024-02-12"))).isEqualTo("春节");
    // Friday 2/9 → the next working day is Sunday 2/18
    assertThat(days.plusWorkingDays(d("2024-02-09"), 1)).isEqualTo(d("2024-02-18"));
    assertThat(days.plusWorkingDays(d("2024-02-08"), 2)).isEqualTo(d("2024-02-18"));
  }

  @Test
  void nationalDay2024WithMakeUpSundayAndSaturday() {
    assertThat(days.isWorkingDay(d("2024-09-29"))).as("Sunday 9/29").isTrue();
    assertOff("2024-10-01", "2024-10-07");
    assertThat(days.isWorkingDay(d("2024-10-12"))).as("Saturday 10/12").isTrue();
    assertThat(days.isWorkingDay(d("2024-10-13"))).as("an ordinary Sunday").isFalse();
    assertThat(days.plusWorkingDays(d("2024-09-30"), 1)).isEqualTo(d("2024-10-08"));
    // 20 working days from Friday 2024-09-20: 9/23–9/27 (5), Sun 9/29 (6), 9/30 (7), 10/8–10/11 (11),
    // Sat 10/12 (12), 10/14–10/18 (17), 10/21–10/23 (20)
    assertThat(days.plusWorkingDays(d("2024-09-20"), 20)).isEqualTo(d("2024-10-23"));
  }

  @Test
  void springFestival2025() {
    assertThat(days.isWorkingDay(d("2025-01-26"))).as("Sunday 1/26").isTrue();
    assertThat(days.isWorkingDay(d("2025-01-27"))).isTrue();
    assertOff("2025-01-28", "2025-02-04");
    assertThat(days.isWorkingDay(d("2025-02-08"))).as("Saturday 2/8").isTrue();
    assertThat(days.plusWorkingDays(d("2025-01-27"), 1)).isEqualTo(d("2025-02-05"));
    assertThat(days.plusWorkingDays(d("2025-02-07"), 1)).isEqualTo(d("2025-02-08"));
  }

  @Test
  void nationalDayAndMidAutumn2025() {
    assertThat(days.isWorkingDay(d("2025-09-28"))).as("Sunday 9/28").isTrue();
    assertOff("2025-10-01", "2025-10-08");
    assertThat(days.isWorkingDay(d("2025-10-11"))).as("Saturday 10/11").isTrue();
    assertThat(days.plusWorkingDays(d("2025-09-30"), 1)).isEqualTo(d("2025-10-09"));
    assertThat(days.plusWorkingDays(d("2025-10-10"), 1)).isEqualTo(d("2025-10-11"));
  }

  @Test
  void newYearAndSpringFestival2026() {
    assertOff("2026-01-01", "2026-01-03");
    assertThat(days.isWorkingDay(d("2026-01-04"))).as("Sunday 1/4").isTrue();
    assertThat(days.isWorkingDay(d("2026-02-14"))).as("Saturday 2/14").isTrue();
    assertOff("2026-02-15", "2026-02-23");
    assertThat(days.isWorkingDay(d("2026-02-28"))).as("Saturday 2/28").isTrue();
    assertThat(days.plusWorkingDays(d("2026-02-13"), 1)).isEqualTo(d("2026-02-14"));
    assertThat(days.plusWorkingDays(d("2026-02-14"), 1)).isEqualTo(d("2026-02-24"));
  }

  @Test
  void nationalDay2026() {
    assertThat(days.isWorkingDay(d("2026-09-20"))).as("Sunday 9/20").isTrue();
    assertOff("2026-09-25", "2026-09-27");
    assertOff("2026-10-01", "2026-10-07");
    assertThat(days.isWorkingDay(d("2026-10-10"))).as("Saturday 10/10").isTrue();
    assertThat(days.plusWorkingDays(d("2026-09-30"), 1)).isEqualTo(d("2026-10-08"));
  }

  @Test
  void anOrdinaryWeekIsMondayToFriday() {
    assertThat(days.isWorkingDay(d("2025-03-07"))).isTrue();
    assertThat(days.isWorkingDay(d("2025-03-08"))).isFalse();
    assertThat(days.isWorkingDay(d("2025-03-09"))).isFalse();
    assertThat(days.plusWorkingDays(d("2025-03-07"), 1)).isEqualTo(d("2025-03-10"));
    assertThat(days.plusWorkingDays(d("2025-03-07"), 0)).isEqualTo(d("2025-03-07"));
  }

  @Test
  void aDateOutsideTheDataCountsOnWeekendsAloneAndIsProvisional() {
    assertThat(days.isWorkingDay(d("2027-01-01"))).as("元旦 2027 is unknown: a Friday counts").isTrue();
    assertThat(days.isWorkingDay(d("2027-01-02"))).as("a Saturday never counts").isFalse();
    WorkingDays.Deadline deadline = days.deadline(d("2026-12-20"), 20);
    assertThat(deadline.date()).isEqualTo(d("2027-01-15"));
    assertThat(deadline.provisional()).isTrue();
    assertThat(deadline.missingYears()).containsExactly(2027);
    assertThat(days.deadline(d("2026-12-01"), 20).provisional()).as("ends 2026-12-29").isFalse();
    assertThat(WorkingDayDeadline.note(days, WorkingDayDeadline.endOf(d("2026-12-20")), WorkingDayDeadline.endOf(d("2027-01-15"))))
        .hasValueSatisfying(n -> assertThat(n).startsWith("暂定：2027 年"));
  }

  @Test
  void theSample2027NoticeMakesThe2026Dec20DeadlineExact() throws Exception {
    String json = new String(getClass().getResourceAsStream("/calendar/2027-sample.json").readAllBytes(), StandardCharsets.UTF_8);
    WorkingDays with2027 = days.with(WorkingDays.parseYears(json).get(0));
    WorkingDays.Deadline deadline = with2027.deadline(d("2026-12-20"), 20);
    assertThat(deadline.date()).as("元旦 1/1 off").isEqualTo(d("2027-01-18"));
    assertThat(deadline.provisional()).isFalse();
  }

  @Test
  void aBadFileIsRefusedWithTheReason() {
    String head = "{\"year\": 2028, \"notice\": \"国务院办公厅关于2028年部分节假日安排的通知\", ";
    assertThatThrownBy(() -> WorkingDays.parseYears(head + "\"workdays\": [{\"date\": \"2028-01-05\", \"for\": \"元旦\"}]}"))
        .isInstanceOf(InvalidCalendarException.class).hasMessageContaining("2028-01-05").hasMessageContaining("周三")
        .hasMessageContaining("不是周六或周日");
    assertThatThrownBy(() -> WorkingDays.parseYears(head + "\"holidays\": [{\"name\": \"元旦\", \"from\": \"2027-12-31\", \"to\": \"2028-01-01\"}]}"))
        .isInstanceOf(InvalidCalendarException.class).hasMessageContaining("其他年份的日期：2027-12-31");
    assertThatThrownBy(() -> WorkingDays.parseYears(head + "\"holidays\": [{\"name\": \"春节\", \"from\": \"2028-01-29\", \"to\": \"2028-01-30\"}], "
        + "\"workdays\": [{\"date\": \"2028-01-29\", \"for\": \"春节\"}]}"))
        .isInstanceOf(InvalidCalendarException.class).hasMessageContaining("2028-01-29 同时被登记为假日和调休上班日");
    assertThatThrownBy(() -> WorkingDays.parseYears("{\"year\": 2028, \"holidays\": []}"))
        .isInstanceOf(InvalidCalendarException.class).hasMessageContaining("缺少通知标题");
    assertThatThrownBy(() -> WorkingDays.parseYears("{not json"))
        .isInstanceOf(InvalidCalendarException.class).hasMessageContaining("不是有效的 JSON");
  }

  @Test
  void theWarningStartsOnTheFirstOfNovember() {
    java.util.Set<Integer> years = java.util.Set.of(2024, 2025, 2026);
    assertThat(CalendarWarning.of(d("2026-10-31"), years)).isEmpty();
    assertThat(CalendarWarning.of(d("2026-11-01"), years)).hasValueSatisfying(w -> assertThat(w).startsWith("2027 年节假日安排尚未载入"));
    assertThat(CalendarWarning.of(d("2026-12-20"), java.util.Set.of(2026, 2027))).isEmpty();
    assertThat(CalendarWarning.of(d("2027-02-01"), years)).hasValueSatisfying(w -> assertThat(w).contains("没有今年（2027 年）"));
  }

  @Test
  void aMakeUpDayOnAWeekdayIsRefusedAsATypingError() {
    String json = """
        {"years": [{"year": 2025, "notice": "测试通知", "holidays": [], "workdays": [{"date": "2025-03-05", "for": "测试"}]}]}""";
    assertThatThrownBy(() -> WorkingDays.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("2025-03-05").hasMessageContaining("不是周六或周日");
  }

  @Test
  void aDateFiledUnderTheWrongYearIsRefused() {
    String json = """
        {"years": [{"year": 2025, "notice": "测试通知", "holidays": [{"name": "元旦", "from": "2026-01-01", "to": "2026-01-01"}]}]}""";
    assertThatThrownBy(() -> WorkingDays.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("2026-01-01");
  }
}
