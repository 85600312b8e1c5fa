package cn.healthit.approval.engine;

import cn.healthit.approval.input.InvalidInputException;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The database's guarantee behind CONTRACT.md's rule «one live instance per process and business key»
 * (README "Security"). {@link BusinessKeyParseListener} claims the number in the platform's table
 * {@code platform_project_number}, whose primary key is (process key, business key), inside the start's own
 * transaction: of two starts with one number at the same moment exactly one commits; the other's insert
 * waits for it and then fails on the key, and is refused with the same 400 as a start after it. The row
 * goes when the instance ends; a row left by an instance that is no longer running (deleted while its
 * listeners were skipped, or a start that crashed) is taken over.
 *
 * <p>The table is created by the application (H2 and PostgreSQL alike) and, at every start-up, filled
 * with the live instances that predate it.
 */
@Component
public class ProjectNumbers implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ProjectNumbers.class);

  static final String TABLE = "platform_project_number";
  private static final String CREATE = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
      + "process_key VARCHAR(255) NOT NULL, business_key VARCHAR(255) NOT NULL, process_instance_id VARCHAR(64) NOT NULL, "
      + "CONSTRAINT " + TABLE + "_pk PRIMARY KEY (process_key, business_key))";
  private static final String BACKFILL = "INSERT INTO " + TABLE + " (process_key, business_key, process_instance_id) "
      + "SELECT d.KEY_, e.BUSINESS_KEY_, e.ID_ FROM ACT_RU_EXECUTION e JOIN ACT_RE_PROCDEF d ON d.ID_ = e.PROC_DEF_ID_ "
      + "WHERE e.ID_ = e.PROC_INST_ID_ AND e.SUPER_EXEC_ IS NULL AND e.BUSINESS_KEY_ IS NOT NULL "
      + "AND NOT EXISTS (SELECT 1 FROM " + TABLE + " p WHERE p.process_key = d.KEY_ AND p.business_key = e.BUSINESS_KEY_)";

  private final JdbcTemplate jdbc;

  public ProjectNumbers(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    jdbc.execute(CREATE);
  }

  /** The refusal of a number that is taken, for a sequential duplicate and the loser of a race alike. */
  static InvalidInputException taken(String businessKey) {
    return new InvalidInputException("businessKey", "业务编号 " + businessKey + " 已有进行中的流程实例，不能重复发起");
  }

  /**
   * Claims {@code businessKey} for a new instance of {@code processKey}, in the caller's transaction.
   *
   * @param running whether an instance id still runs (to take over a stale row)
   */
  public void claim(String processKey, String businessKey, String processInstanceId, Predicate<String> running) {
    List<String> holders = jdbc.queryForList("SELECT process_instance_id FROM " + TABLE
        + " WHERE process_key = ? AND business_key = ?", String.class, processKey, businessKey);
    for (String holder : holders) {
      if (running.test(holder)) {
        throw taken(businessKey);
      }
      LOG.info("业务编号 {}（{}）的登记属于已不在运行的实例 {}，由新实例接管", businessKey, processKey, holder);
      jdbc.update("DELETE FROM " + TABLE + " WHERE process_key = ? AND business_key = ? AND process_instance_id = ?",
          processKey, businessKey, holder);
    }
    try {
      jdbc.update("INSERT INTO " + TABLE + " (process_key, business_key, process_instance_id) VALUES (?, ?, ?)",
          processKey, businessKey, processInstanceId);
    } catch (DataIntegrityViolationException | PessimisticLockingFailureException e) {
      // another start holds or has just committed the number (PostgreSQL waits for it; H2 may report the lock)
      throw taken(businessKey);
    }
  }

  /** Frees the number of an instance that ended. */
  public void release(String processInstanceId) {
    jdbc.update("DELETE FROM " + TABLE + " WHERE process_instance_id = ?", processInstanceId);
  }

  @Override
  public void run(ApplicationArguments args) {
    try {
      int added = jdbc.update(BACKFILL);
      if (added > 0) {
        LOG.info("已为 {} 个早于编号登记表的进行中实例登记业务编号（{}）", added, TABLE);
      }
    } catch (DataIntegrityViolationException e) {
      LOG.warn("有进行中的实例共用同一业务编号，未能全部登记到 {}：{}", TABLE, e.getMostSpecificCause().getMessage());
    }
  }
}
