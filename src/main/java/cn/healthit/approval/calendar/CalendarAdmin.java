package cn.healthit.approval.calendar;

import cn.healthit.approval.web.AdminNotices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * How administrators keep the working-day calendar current (README「载入下一年的节假日安排」):
 * <ul>
 *   <li>{@code POST /api/admin/calendar/{year}} with the year's JSON (camunda-admin only): checked, stored in
 *       the database for every node, and every open working-day deadline recomputed ({@link DeadlineRecompute});
 *       a bad file is refused with the reason (400) and nothing changes. {@code GET /api/admin/calendar} lists the years.</li>
 *   <li>{@code platform.calendar.directory}: the holiday files there are read at every start and loaded the same
 *       way when they differ from what is stored; a bad file is logged with its reason and left out.</li>
 *   <li>The warning ({@link CalendarWarning}) from 1 November: in {@code /actuator/health} (component
 *       {@code workingDayCalendar}), in the administrators' notices, and in the log at start and every morning.</li>
 * </ul>
 */
@RestController
public class CalendarAdmin implements ApplicationRunner, HealthIndicator, AdminNotices.Source {

  private static final Logger LOG = LoggerFactory.getLogger(CalendarAdmin.class);
  private static final ZoneId CHINA = WorkingDayDeadline.CHINA;

  private final WorkingDayCalendar calendar;
  private final DeadlineRecompute recompute;
  private final CalendarProperties properties;
  private final IdentityService identityService;

  public CalendarAdmin(WorkingDayCalendar calendar, DeadlineRecompute recompute, CalendarProperties properties,
      IdentityService identityService) {
    this.calendar = calendar;
    this.recompute = recompute;
    this.properties = properties;
    this.identityService = identityService;
  }

  /** A year loaded, and what its loading recomputed. */
  public record Loaded(int year, String notice, int holidays, int workdays, int recomputedTasks, int recomputedTimers,
      List<String> changes) {}

  /** Checks, stores and uses a year, then recomputes the open deadlines. */
  public Loaded load(int year, String json, String loadedBy, String source) {
    WorkingDays.Year loaded = calendar.load(year, json, loadedBy, source);
    DeadlineRecompute.Result result = recompute.recompute(loaded);
    return new Loaded(loaded.year(), loaded.notice(), loaded.holidays().size(), loaded.workdays().size(),
        result.tasks(), result.timers(), result.changes());
  }

  @PostMapping(value = "/api/admin/calendar/{year}", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Loaded upload(@PathVariable int year, @RequestBody String json) {
    String admin = AdminNotices.requireAdmin(identityService, "载入节假日安排");
    return load(year, json, admin, "上传（" + admin + "）");
  }

  @GetMapping("/api/admin/calendar")
  public Map<String, Object> years() {
    AdminNotices.requireAdmin(identityService, "查看工作日历");
    Map<String, Object> out = new LinkedHashMap<>();
    WorkingDays days = calendar.get();
    List<Map<String, Object>> years = new ArrayList<>();
    Map<Integer, CalendarYears.Stored> stored = new LinkedHashMap<>();
    calendar.loaded().forEach(s -> stored.put(s.year().year(), s));
    for (int y : days.years()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("year", y);
      row.put("notice", days.year(y).notice());
      CalendarYears.Stored s = stored.get(y);
      row.put("source", s == null ? "内置" : s.source());
      row.put("loadedBy", s == null ? null : s.loadedBy());
      row.put("loadedAt", s == null ? null : s.loadedAt().toString());
      years.add(row);
    }
    out.put("years", years);
    out.put("warning", warning().orElse(null));
    return out;
  }

  public Optional<String> warning() {
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(CHINA).toLocalDate();
    return CalendarWarning.of(today, calendar.get().years());
  }

  @Override
  public Health health() {
    Optional<String> warning = warning();
    Health.Builder health = Health.up().withDetail("years", calendar.get().years());
    warning.ifPresent(w -> health.withDetail("warning", w));
    return health.build();
  }

  @Override
  public List<AdminNotices.Notice> notices() {
    return warning().map(w -> List.of(new AdminNotices.Notice("CALENDAR", w))).orElse(List.of());
  }

  /** Every morning at 09:00 China time, the warning in the log. */
  @Scheduled(cron = "0 0 9 * * *", zone = "Asia/Shanghai")
  public void logWarning() {
    warning().ifPresent(w -> LOG.warn("工作日历：{}", w));
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!properties.directory().isEmpty()) {
      loadDirectory(Path.of(properties.directory()));
    }
    logWarning();
  }

  /** Loads every holiday file of the directory that differs from the calendar in use; bad files are logged. */
  public void loadDirectory(Path directory) {
    if (!Files.isDirectory(directory)) {
      LOG.error("外部日历目录 {} 不存在或不是目录（platform.calendar.directory），未载入任何节假日安排", directory);
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
      for (Path file : files) {
        try {
          for (WorkingDays.Year year : WorkingDays.parseYears(Files.readString(file, StandardCharsets.UTF_8))) {
            if (year.equals(calendar.get().year(year.year()))) {
              continue;
            }
            Loaded loaded = load(year.year(), year.toJson(), "system", "外部目录文件 " + file.toAbsolutePath());
            LOG.info("已从 {} 载入 {} 年节假日安排，重算 {} 个任务期限、{} 个定时器", file, loaded.year(),
                loaded.recomputedTasks(), loaded.recomputedTimers());
          }
        } catch (InvalidCalendarException e) {
          LOG.error("节假日文件 {} 未载入，工作日历保持不变：{}", file, e.getMessage());
        }
      }
    } catch (IOException e) {
      LOG.error("读取外部日历目录 {} 失败：{}", directory, e.toString());
    }
  }
}
