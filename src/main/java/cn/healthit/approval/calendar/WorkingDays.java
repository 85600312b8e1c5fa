package cn.healthit.approval.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * China's working days (工作日, SPEC.md §0): Monday to Friday, except the statutory holidays, plus the
 * make-up working days (调休上班日) — both as announced each year by the State Council's notice and
 * kept as data in {@code calendar/china-holidays.json}. A date in a year the data does not cover is
 * refused ({@link OutsideCalendarException}), never guessed: a deadline counted without the year's
 * holidays would be wrong by up to a week.
 */
public final class WorkingDays {

  public static final String RESOURCE = "calendar/china-holidays.json";

  private static volatile WorkingDays china;

  private final Set<Integer> years;
  private final Map<LocalDate, String> holidays;
  private final Map<LocalDate, String> makeUpWorkdays;

  private WorkingDays(Set<Integer> years, Map<LocalDate, String> holidays, Map<LocalDate, String> makeUpWorkdays) {
    this.years = Collections.unmodifiableSet(years);
    this.holidays = Collections.unmodifiableMap(holidays);
    this.makeUpWorkdays = Collections.unmodifiableMap(makeUpWorkdays);
  }

  /** The calendar from the repository's data file, read once. */
  public static WorkingDays china() {
    if (china == null) {
      synchronized (WorkingDays.class) {
        if (china == null) {
          try (InputStream in = WorkingDays.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("工作日历数据文件缺失：" + RESOURCE);
            }
            china = read(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    return china;
  }

  /** Reads and checks a holiday file (see {@link #RESOURCE} for the format). */
  public static WorkingDays read(InputStream in) throws IOException {
    File file = new ObjectMapper().registerModule(new JavaTimeModule()).readValue(in, File.class);
    Set<Integer> years = new TreeSet<>();
    Map<LocalDate, String> holidays = new TreeMap<>();
    Map<LocalDate, String> workdays = new TreeMap<>();
    for (Year y : file.years()) {
      if (!years.add(y.year())) {
        throw new IllegalStateException("工作日历数据中 " + y.year() + " 年出现两次");
      }
      for (Holiday h : y.holidays()) {
        for (LocalDate d = h.from(); !d.isAfter(h.to()); d = d.plusDays(1)) {
          requireYear(y.year(), d, h.name());
          holidays.put(d, h.name());
        }
      }
      for (Workday w : y.workdays()) {
        requireYear(y.year(), w.date(), w.forHoliday());
        // a make-up working day only makes sense on a weekend; anything else is a typing error
        if (!isWeekend(w.date())) {
          throw new IllegalStateException("调休上班日 " + w.date() + " 不是周六或周日，请核对数据");
        }
        if (holidays.containsKey(w.date())) {
          throw new IllegalStateException(w.date() + " 同时被登记为假日和调休上班日，请核对数据");
        }
        workdays.put(w.date(), w.forHoliday());
      }
    }
    return new WorkingDays(years, holidays, workdays);
  }

  private static void requireYear(int year, LocalDate date, String name) {
    if (date.getYear() != year) {
      throw new IllegalStateException(year + " 年的数据中出现了其他年份的日期：" + date + "（" + name + "）");
    }
  }

  /** The years the data covers. */
  public Set<Integer> years() {
    return years;
  }

  public boolean covers(LocalDate date) {
    return years.contains(date.getYear());
  }

  /** Whether the date is a working day; refuses a date outside the data. */
  public boolean isWorkingDay(LocalDate date) {
    requireCovered(date);
    if (makeUpWorkdays.containsKey(date)) {
      return true;
    }
    return !isWeekend(date) && !holidays.containsKey(date);
  }

  /** The holiday's name when the date is a statutory holiday (e.g. 「春节」), else null. */
  public String holidayName(LocalDate date) {
    requireCovered(date);
    return holidays.get(date);
  }

  /**
   * The {@code days}-th working day after {@code start}; the start day itself is not counted
   * (民法典 第二百零一条：开始的当日不计入). {@code days == 0} gives {@code start}.
   */
  public LocalDate plusWorkingDays(LocalDate start, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("工作日数不能为负数：" + days);
    }
    requireCovered(start);
    LocalDate date = start;
    int counted = 0;
    while (counted < days) {
      date = date.plusDays(1);
      if (isWorkingDay(date)) {
        counted++;
      }
    }
    return date;
  }

  private void requireCovered(LocalDate date) {
    if (!covers(date)) {
      throw new OutsideCalendarException(date, years);
    }
  }

  private static boolean isWeekend(LocalDate date) {
    return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record File(List<Year> years) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Year(int year, String notice, List<Holiday> holidays, List<Workday> workdays) {
    public List<Holiday> holidays() {
      return holidays == null ? List.of() : holidays;
    }

    public List<Workday> workdays() {
      return workdays == null ? List.of() : workdays;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Holiday(String name, LocalDate from, LocalDate to) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Workday(LocalDate date, @JsonProperty("for") String forHoliday) {}
}
