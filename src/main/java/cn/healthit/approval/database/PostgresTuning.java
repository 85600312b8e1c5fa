package cn.healthit.approval.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * PostgreSQL settings for the shape of Camunda's queries, measured in README "Performance".
 *
 * <p>Tasklist's list query joins the authorization table to every candidate task with
 * {@code AUTH.RESOURCE_ID_ IN (task id, process key, '*')}. Four things made PostgreSQL plan it
 * badly (1–2 s with 10,000 live projects, against about 0.1 s with the settings below):
 * <ol>
 *   <li>it guessed that {@code PERMS_ & 2 = 2} matches 0.5 % of the rows, so it expected 17
 *       authorization rows where there were 3,334. The extended statistics below give it the real
 *       figure;</li>
 *   <li>its default {@code random_page_cost} of 4 prices index probes for spinning disks. At 1.1
 *       it probes the authorization index per task, as it should on SSDs or a cached table;</li>
 *   <li>the inflated cost estimate switched on JIT compilation, about 45 ms per query, so
 *       {@code jit} is off;</li>
 *   <li>it still preferred to materialise the group's authorization rows and compare each task with
 *       all of them, pair by pair, because it underprices that OR comparison. A group with 1,000 open
 *       tasks took 250 ms that way, and 43 ms with {@code enable_material} off, when it probes the
 *       index for each task instead.</li>
 * </ol>
 * With these, the generic plan PostgreSQL caches for a prepared query after five runs is about as fast
 * as one made for the query's own values, so its default plan caching stays.
 *
 * <p>The session settings apply to every PostgreSQL connection of the pool, whatever the profile,
 * unless {@code spring.datasource.hikari.connection-init-sql} is set. A DBA may move them to the
 * database ({@code ALTER DATABASE ... SET}). The statistics object, and an index Camunda's schema
 * lacks ({@link #SUBTASK_INDEX}), are created at start-up if they are missing.
 */
@Configuration(proxyBeanMethods = false)
public class PostgresTuning {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresTuning.class);

  /** Run on each new connection of the pool. */
  public static final String SESSION_SETTINGS =
      "SET jit = off; SET random_page_cost = 1.1; SET enable_material = off";

  /** Statistics on the permission bits that authorization checks test (READ, READ_TASK, READ_INSTANCE, READ_HISTORY). */
  static final String STATISTICS = "CREATE STATISTICS IF NOT EXISTS act_ru_authorization_perms"
      + " ON (perms_ & 2), (perms_ & 64), (perms_ & 512), (perms_ & 4096) FROM act_ru_authorization";

  /**
   * Completing a task asks for its subtasks ({@code WHERE PARENT_TASK_ID_ = ?}), and Camunda's schema has no index on
   * that column: a scan of every open task, 7.5 ms per completion with 13,000 open tasks.
   */
  static final String SUBTASK_INDEX = "CREATE INDEX IF NOT EXISTS platform_idx_task_parent ON act_ru_task (parent_task_id_)";

  static boolean isPostgres(String jdbcUrl) {
    return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
  }

  @Bean
  static BeanPostProcessor postgresSessionSettings() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && isPostgres(pool.getJdbcUrl()) && pool.getConnectionInitSql() == null) {
          pool.setConnectionInitSql(SESSION_SETTINGS);
        }
        return bean;
      }
    };
  }

  /** After the engine has created its tables, before the models are deployed: statistics and the subtask index. */
  @Bean
  @Order(5)
  ApplicationRunner postgresStatistics(DataSource dataSource) {
    return (ApplicationArguments args) -> {
      try (Connection c = dataSource.getConnection()) {
        if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
          return;
        }
        try (Statement s = c.createStatement()) {
          s.execute(SUBTASK_INDEX);
          boolean present;
          try (var rs = s.executeQuery("SELECT 1 FROM pg_statistic_ext WHERE stxname = 'act_ru_authorization_perms'")) {
            present = rs.next();
          }
          if (!present) {
            s.execute(STATISTICS);
            s.execute("ANALYZE act_ru_authorization"); // autovacuum keeps them current from here on
          }
        }
      } catch (SQLException e) {
        // two nodes starting at once may both create it; the statistics are an optimisation only
        LOG.warn("PostgreSQL statistics or index for Camunda's tables not created: {}", e.getMessage());
      }
    };
  }
}
