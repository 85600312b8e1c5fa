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
  void aDateOutsideTheDataIsRefusedWithTheDateNamed() {
    assertThatThrownBy(() -> days.isWorkingDay(d("2027-01-04")))
        .isInstanceOf(OutsideCalendarException.class)
        .hasMessageContaining("2027-01-04").hasMessageContaining("2027 年").hasMessageContaining("china-holidays.json");
    assertThatThrownBy(() -> days.isWorkingDay(d("2023-12-29")))
        .isInstanceOf(OutsideCalendarException.class).hasMessageContaining("2023-12-29");
    // counting that runs past the data stops at the first day it cannot judge
    assertThatThrownBy(() -> days.plusWorkingDays(d("2026-12-30"), 5))
        .isInstanceOf(OutsideCalendarException.class).hasMessageContaining("2027-01-01");
  }

  @Test
  void aMakeUpDayOnAWeekdayIsRefusedAsATypingError() {
    String json = """
        {"years": [{"year": 2025, "holidays": [], "workdays": [{"date": "2025-03-05", "for": "测试"}]}]}""";
    assertThatThrownBy(() -> WorkingDays.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("2025-03-05").hasMessageContaining("不是周六或周日");
  }

  @Test
  void aDateFiledUnderTheWrongYearIsRefused() {
    String json = """
        {"years": [{"year": 2025, "holidays": [{"name": "元旦", "from": "2026-01-01", "to": "2026-01-01"}]}]}""";
    assertThatThrownBy(() -> WorkingDays.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("2026-01-01");
  }
}
