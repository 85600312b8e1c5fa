package cn.healthit.approval.calendar;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The years administrators loaded, in the platform's table {@code platform_calendar_year} (created by the
 * application; H2 and PostgreSQL alike), so that every node of a cluster counts on the same calendar.
 * The years built into the jar are not stored: every node has them.
 */
public class CalendarYears {

  static final String TABLE = "platform_calendar_year";
  private static final String CREATE = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
      + "calendar_year INTEGER NOT NULL PRIMARY KEY, notice VARCHAR(1000) NOT NULL, content VARCHAR(200000) NOT NULL, "
      + "loaded_by VARCHAR(255), loaded_at TIMESTAMP NOT NULL, source VARCHAR(1000))";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  public CalendarYears(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    jdbc.execute(CREATE);
  }

  /** A stored year: its data as loaded, who loaded it, when and from where. */
  public record Stored(WorkingDays.Year year, String loadedBy, Instant loadedAt, String source) {}

  public List<Stored> all() {
    return jdbc.query("SELECT content, loaded_by, loaded_at, source FROM " + TABLE + " ORDER BY calendar_year",
        (rs, i) -> new Stored(WorkingDays.parseYears(rs.getString(1)).get(0), rs.getString(2),
            rs.getTimestamp(3).toInstant(), rs.getString(4)));
  }

  /** Stores the year (already checked), replacing what was stored for it. */
  public void save(WorkingDays.Year year, String loadedBy, Instant at, String source) {
    transaction.executeWithoutResult(status -> {
      jdbc.update("DELETE FROM " + TABLE + " WHERE calendar_year = ?", year.year());
      jdbc.update("INSERT INTO " + TABLE + " (calendar_year, notice, content, loaded_by, loaded_at, source) VALUES (?, ?, ?, ?, ?, ?)",
          year.year(), year.notice(), year.toJson(), loadedBy, Timestamp.from(at), source);
    });
  }

  /** Removes a stored year (tests; an administrator's correction loads the year again instead). */
  public void remove(int year) {
    jdbc.update("DELETE FROM " + TABLE + " WHERE calendar_year = ?", year);
  }
}
