package cn.healthit.approval.calendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calendar in use on this node: the years built into the platform, overlaid by the years
 * administrators loaded ({@link CalendarYears}, in the database). Read again from the database after
 * {@code platform.calendar.cache-ttl}, so a year loaded on another node is used here within that time;
 * a load on this node is used at once. If the database cannot be read, the last years read stay in use.
 */
public class WorkingDayCalendar implements Supplier<WorkingDays> {

  private static final Logger LOG = LoggerFactory.getLogger(WorkingDayCalendar.class);

  private final WorkingDays builtIn;
  private final CalendarYears stored;
  private final Duration ttl;
  private final Supplier<Instant> clock;
  private volatile Snapshot snapshot;

  private record Snapshot(WorkingDays days, List<CalendarYears.Stored> stored, long readAtNanos) {}

  public WorkingDayCalendar(WorkingDays builtIn, CalendarYears stored, Duration ttl, Supplier<Instant> clock) {
    this.builtIn = builtIn;
    this.stored = stored;
    this.ttl = ttl;
    this.clock = clock;
  }

  public WorkingDayCalendar(WorkingDays builtIn, CalendarYears stored, Duration ttl) {
    this(builtIn, stored, ttl, Clock.systemUTC()::instant);
  }

  /** The calendar to count on now. */
  @Override
  public WorkingDays get() {
    return snapshot().days();
  }

  /** The loaded years as stored (who, when, from where). */
  public List<CalendarYears.Stored> loaded() {
    return snapshot().stored();
  }

  private Snapshot snapshot() {
    Snapshot current = snapshot;
    if (current == null || System.nanoTime() - current.readAtNanos() >= ttl.toNanos()) {
      try {
        List<CalendarYears.Stored> years = stored.all();
        current = new Snapshot(builtIn.with(years.stream().map(CalendarYears.Stored::year).toList()), years, System.nanoTime());
        snapshot = current;
      } catch (RuntimeException e) {
        if (current == null) {
          throw e;
        }
        LOG.warn("读取已载入的节假日安排失败，继续使用上次读到的工作日历：{}", e.toString());
      }
    }
    return current;
  }

  /**
   * Checks and stores a year's notice, then uses it. A refused file throws {@link InvalidCalendarException}
   * with the reason, and nothing changes.
   *
   * @param json   one year's object, or a file with {@code years} holding exactly this year
   * @param source where it came from (an upload by whom, a file's path), for the record
   */
  public WorkingDays.Year load(int year, String json, String loadedBy, String source) {
    List<WorkingDays.Year> years = WorkingDays.parseYears(json);
    if (years.size() != 1 || years.get(0).year() != year) {
      throw new InvalidCalendarException("文件应当只含 " + year + " 年的数据，实际为 "
          + years.stream().map(y -> String.valueOf(y.year())).toList());
    }
    WorkingDays.Year loaded = years.get(0);
    get().with(loaded); // checks it against the calendar in use before anything is stored
    stored.save(loaded, loadedBy, clock.get(), source);
    snapshot = null;
    LOG.info("已载入 {} 年节假日安排：{}（{} 个假日、{} 个调休上班日；载入人 {}，来源 {}）", year, loaded.notice(),
        loaded.holidays().size(), loaded.workdays().size(), loadedBy, source);
    return loaded;
  }

  /** Forgets what was read, so the next calculation reads the database again. */
  public void refresh() {
    snapshot = null;
  }
}
