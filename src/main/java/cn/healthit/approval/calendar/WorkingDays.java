package cn.healthit.approval.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * China's working days (工作日, SPEC.md §0): Monday to Friday, except the statutory holidays, plus the
 * make-up working days (调休上班日) — both as announced each year by the State Council's notice, one
 * {@link Year} per notice. The years built into the platform are in {@code calendar/china-holidays.json};
 * an administrator loads the next ones without a rebuild (README「载入下一年的节假日安排」).
 *
 * <p>A date in a year without data is never refused: it counts Saturdays and Sundays alone as days off,
 * and a deadline that reaches into such a year is <em>provisional</em> ({@link Deadline#provisional()},
 * shown as 暂定) until the year's notice is loaded and the deadline recomputed.
 */
public final class WorkingDays {

  public static final String RESOURCE = "calendar/china-holidays.json";

  private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
      .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
  private static volatile WorkingDays builtIn;

  private final Map<Integer, Year> years;
  private final Map<LocalDate, String> holidays;
  private final Map<LocalDate, String> makeUpWorkdays;

  private WorkingDays(Collection<Year> years) {
    Map<Integer, Year> byYear = new TreeMap<>();
    Map<LocalDate, String> off = new TreeMap<>();
    Map<LocalDate, String> on = new TreeMap<>();
    for (Year y : years) {
      byYear.put(y.year(), y);
      for (Holiday h : y.holidays()) {
        for (LocalDate d = h.from(); !d.isAfter(h.to()); d = d.plusDays(1)) {
          off.put(d, h.name());
        }
      }
      for (Workday w : y.workdays()) {
        on.put(w.date(), w.forHoliday());
      }
    }
    this.years = Collections.unmodifiableMap(byYear);
    this.holidays = Collections.unmodifiableMap(off);
    this.makeUpWorkdays = Collections.unmodifiableMap(on);
  }

  /** The years built into the platform ({@link #RESOURCE}), read once. */
  public static WorkingDays china() {
    if (builtIn == null) {
      synchronized (WorkingDays.class) {
        if (builtIn == null) {
          try (InputStream in = WorkingDays.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("工作日历数据文件缺失：" + RESOURCE);
            }
            builtIn = read(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    return builtIn;
  }

  /** Reads and checks a holiday file of one or more years (the format of {@link #RESOURCE}). */
  public static WorkingDays read(InputStream in) throws IOException {
    return new WorkingDays(parseYears(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
  }

  /**
   * The years of a holiday file, each checked ({@link #check}): either a file like {@link #RESOURCE}
   * ({@code {"years": [...]}}) or one year's object ({@code {"year": 2027, "notice": ..., ...}}).
   *
   * @throws InvalidCalendarException with the reason, when anything is wrong
   */
  public static List<Year> parseYears(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidCalendarException("文件不是有效的 JSON：" + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidCalendarException("文件内容应为 JSON 对象（{\"year\": …} 或 {\"years\": […]}）");
    }
    List<JsonNode> nodes = new ArrayList<>();
    if (root.has("years")) {
      root.get("years").forEach(nodes::add);
    } else {
      nodes.add(root);
    }
    if (nodes.isEmpty()) {
      throw new InvalidCalendarException("文件中没有任何年份的数据");
    }
    List<Year> out = new ArrayList<>();
    Set<Integer> seen = new TreeSet<>();
    for (JsonNode node : nodes) {
      Year year;
      try {
        year = JSON.treeToValue(node, Year.class);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new InvalidCalendarException("数据格式有误（日期应写作 YYYY-MM-DD）：" + e.getOriginalMessage());
      }
      check(year);
      if (!seen.add(year.year())) {
        throw new InvalidCalendarException(year.year() + " 年出现两次");
      }
      out.add(year);
    }
    return out;
  }

  /**
   * The checks every year's data passes before it is used: the notice's title is recorded, every date
   * lies in the year it is filed under, a make-up working day (调休上班日) falls on a Saturday or Sunday,
   * and no date is both a holiday and a working day.
   */
  public static void check(Year y) {
    if (y.year() < 2000 || y.year() > 2200) {
      throw new InvalidCalendarException("年份 " + y.year() + " 不合理");
    }
    if (y.notice() == null || y.notice().isBlank()) {
      throw new InvalidCalendarException(y.year() + " 年的数据缺少通知标题（notice），请填写国务院办公厅通知的标题和文号");
    }
    Set<LocalDate> off = new TreeSet<>();
    for (Holiday h : y.holidays()) {
      if (h.name() == null || h.name().isBlank() || h.from() == null || h.to() == null) {
        throw new InvalidCalendarException(y.year() + " 年的假日缺少名称（name）、开始（from）或结束（to）日期");
      }
      if (h.to().isBefore(h.from())) {
        throw new InvalidCalendarException(h.name() + " 的结束日期 " + h.to() + " 早于开始日期 " + h.from());
      }
      for (LocalDate d = h.from(); !d.isAfter(h.to()); d = d.plusDays(1)) {
        requireYear(y.year(), d, h.name());
        off.add(d);
      }
    }
    Set<LocalDate> on = new TreeSet<>();
    for (Workday w : y.workdays()) {
      if (w.date() == null) {
        throw new InvalidCalendarException(y.year() + " 年的调休上班日缺少日期（date）");
      }
      requireYear(y.year(), w.date(), w.forHoliday());
      if (!isWeekend(w.date())) {
        throw new InvalidCalendarException("调休上班日 " + w.date() + " 是" + weekday(w.date()) + "，不是周六或周日，请核对通知");
      }
      if (off.contains(w.date())) {
        throw new InvalidCalendarException(w.date() + " 同时被登记为假日和调休上班日，请核对通知");
      }
      if (!on.add(w.date())) {
        throw new InvalidCalendarException("调休上班日 " + w.date() + " 登记了两次");
      }
    }
  }

  private static void requireYear(int year, LocalDate date, String name) {
    if (date.getYear() != year) {
      throw new InvalidCalendarException(year + " 年的数据中出现了其他年份的日期：" + date + "（" + name + "）");
    }
  }

  private static String weekday(LocalDate date) {
    return "周" + "一二三四五六日".charAt(date.getDayOfWeek().getValue() - 1);
  }

  /** This calendar with {@code year} added, or replacing the year it had. */
  public WorkingDays with(Year year) {
    check(year);
    Map<Integer, Year> next = new TreeMap<>(years);
    next.put(year.year(), year);
    return new WorkingDays(next.values());
  }

  /** This calendar with {@code others}' years added or replacing its own. */
  public WorkingDays with(Collection<Year> others) {
    Map<Integer, Year> next = new TreeMap<>(years);
    others.forEach(y -> next.put(y.year(), y));
    return new WorkingDays(next.values());
  }

  /** The years the data covers. */
  public SortedSet<Integer> years() {
    return new TreeSet<>(years.keySet());
  }

  /** The year's data (its notice, holidays and make-up days), or null. */
  public Year year(int year) {
    return years.get(year);
  }

  public boolean covers(LocalDate date) {
    return years.containsKey(date.getYear());
  }

  /**
   * Whether the date is a working day. In a year without data, Monday to Friday are (weekends alone are
   * days off): a provisional answer, see {@link #deadline}.
   */
  public boolean isWorkingDay(LocalDate date) {
    if (makeUpWorkdays.containsKey(date)) {
      return true;
    }
    return !isWeekend(date) && !holidays.containsKey(date);
  }

  /** The holiday's name when the date is a known statutory holiday (e.g. 「春节」), else null. */
  public String holidayName(LocalDate date) {
    return holidays.get(date);
  }

  /**
   * The {@code days}-th working day after {@code start}; the start day itself is not counted
   * (民法典 第二百零一条：开始的当日不计入). {@code days == 0} gives {@code start}.
   */
  public LocalDate plusWorkingDays(LocalDate start, int days) {
    return deadline(start, days).date();
  }

  /** {@link #plusWorkingDays}, saying whether it was counted on years without data (暂定). */
  public Deadline deadline(LocalDate start, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("工作日数不能为负数：" + days);
    }
    LocalDate date = start;
    int counted = 0;
    while (counted < days) {
      date = date.plusDays(1);
      if (isWorkingDay(date)) {
        counted++;
      }
    }
    return new Deadline(date, missingYears(start, date));
  }

  /**
   * The working days after {@code from} up to and including {@code to} (the first day not counted, as in
   * {@link #plusWorkingDays}); 0 when {@code to} is not after {@code from}. {@code workingDaysBetween(d,
   * plusWorkingDays(d, n)) == n}.
   */
  public int workingDaysBetween(LocalDate from, LocalDate to) {
    int count = 0;
    for (LocalDate date = from.plusDays(1); !date.isAfter(to); date = date.plusDays(1)) {
      if (isWorkingDay(date)) {
        count++;
      }
    }
    return count;
  }

  /** The years between the two dates (both included) that have no data. */
  public SortedSet<Integer> missingYears(LocalDate from, LocalDate to) {
    SortedSet<Integer> missing = new TreeSet<>();
    for (int y = Math.min(from.getYear(), to.getYear()); y <= Math.max(from.getYear(), to.getYear()); y++) {
      if (!years.containsKey(y)) {
        missing.add(y);
      }
    }
    return missing;
  }

  private static boolean isWeekend(LocalDate date) {
    return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  /**
   * A deadline's last day, and the years without data it was counted on: when there are any, the day is
   * provisional (暂定) — weekends alone were taken as days off there.
   */
  public record Deadline(LocalDate date, SortedSet<Integer> missingYears) {
    public boolean provisional() {
      return !missingYears.isEmpty();
    }
  }

  /** One year as the State Council's notice announces it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Year(int year, String notice, List<Holiday> holidays, List<Workday> workdays) {
    public Year {
      holidays = holidays == null ? List.of() : List.copyOf(holidays);
      workdays = workdays == null ? List.of() : List.copyOf(workdays);
    }

    /** The year as JSON, the format it is loaded and stored in. */
    public String toJson() {
      try {
        return JSON.writeValueAsString(this);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A statutory holiday's days off, weekends inside the range included. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Holiday(String name, LocalDate from, LocalDate to) {}

  /** A make-up working day (调休上班日) and the holiday it makes up for. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Workday(LocalDate date, @JsonProperty("for") String forHoliday) {}
}
