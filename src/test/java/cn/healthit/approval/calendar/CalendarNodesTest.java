package cn.healthit.approval.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two nodes on one database see the same loaded year: node A is this test's platform; node B is a
 * second calendar on a second DataSource of its own on the same database, as another JVM would read it.
 * And the external directory: a good file is loaded, a bad one is left out with the calendar unchanged.
 */
@PlatformTest
class CalendarNodesTest {

  @Autowired CalendarAdmin admin;
  @Autowired CalendarYears years;
  @Autowired WorkingDayCalendar calendar;
  @Autowired Environment environment;

  static final LocalDate NEW_YEARS_DAY_2027 = LocalDate.of(2027, 1, 1);

  @AfterEach
  void forget2027() {
    years.remove(2027);
    calendar.refresh();
  }

  private WorkingDayCalendar nodeB(Duration ttl) {
    DriverManagerDataSource second = new DriverManagerDataSource(environment.getProperty("spring.datasource.url"),
        environment.getProperty("spring.datasource.username", "sa"), environment.getProperty("spring.datasource.password", ""));
    return new WorkingDayCalendar(WorkingDays.china(), new CalendarYears(second), ttl);
  }

  private static String sample() throws Exception {
    return new String(CalendarNodesTest.class.getResourceAsStream("/calendar/2027-sample.json").readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void aYearLoadedOnOneNodeIsUsedOnTheOther() throws Exception {
    years.remove(2027);
    calendar.refresh();
    WorkingDayCalendar b = nodeB(Duration.ofSeconds(1));
    assertThat(b.get().covers(NEW_YEARS_DAY_2027)).isFalse();
    assertThat(b.get().isWorkingDay(NEW_YEARS_DAY_2027)).isTrue();

    admin.load(2027, sample(), "admin", "test");
    assertThat(calendar.get().holidayName(NEW_YEARS_DAY_2027)).as("node A at once").isEqualTo("元旦");
    Thread.sleep(1100); // node B's cache time
    assertThat(b.get().holidayName(NEW_YEARS_DAY_2027)).as("node B after its cache time").isEqualTo("元旦");
    assertThat(b.get().year(2027).notice()).isEqualTo(calendar.get().year(2027).notice());
    assertThat(nodeB(Duration.ZERO).get().plusWorkingDays(LocalDate.of(2026, 12, 20), 20)).isEqualTo(LocalDate.of(2027, 1, 18));
  }

  @Test
  void theExternalDirectoryLoadsGoodFilesAndLeavesBadOnesOut(@TempDir Path directory) throws Exception {
    years.remove(2027);
    calendar.refresh();
    Files.writeString(directory.resolve("2028-bad.json"), "{\"year\": 2028, \"notice\": \"x\", \"workdays\": [{\"date\": \"2028-03-01\", \"for\": \"x\"}]}");
    Files.writeString(directory.resolve("2027.json"), sample());
    admin.loadDirectory(directory);
    assertThat(calendar.get().covers(NEW_YEARS_DAY_2027)).isTrue();
    assertThat(calendar.get().covers(LocalDate.of(2028, 1, 1))).isFalse();
    assertThat(calendar.loaded()).anyMatch(s -> s.year().year() == 2027 && s.source().contains("2027.json"));
  }
}
