package cn.healthit.approval.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
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
 * <p>What is left of that query's time is the authorization probe, once per candidate task (issue 18: 85 % of the
 * list query for a queue of 2,284). Camunda writes it {@code AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*')}.
 * PostgreSQL turns an {@code IN} list of columns into an {@code OR}: three bitmap probes of the index per task, and a
 * visit to the table for all about 49 rows they find (the 42 grants on {@code '*'}, those of the process), to test
 * user, group, resource type and permission bits on each. Two changes together make that one index-only probe:
 * <ol>
 *   <li>{@link #AUTHORIZATION_JOIN}: on PostgreSQL the engine writes the same test as
 *       {@code AUTH.RESOURCE_ID_ = ANY (ARRAY[RES.ID_, D.KEY_, '*'])}, which means the same (every element is a
 *       text column or {@code '*'}) and which PostgreSQL can answer with one index scan;</li>
 *   <li>{@link #AUTHORIZATION_INDEX} carries every column the authorization check tests, so that scan never reads
 *       the table.</li>
 * </ol>
 * Measured on 10,000 live projects with EXPLAIN (ANALYZE) in PostgreSQL, before and after interleaved, 20 runs each,
 * machine shared with another build (load 3–7), medians, with the generic plan PostgreSQL caches:
 * queue of 2,284: list 42 → 33 ms, count 39–42 → 31 ms; queue of 560: list 10.7 → 8.4 ms, count 11.5 → 8.5 ms.
 * With plans made for the values: 2,284: list 48 → 34 ms, count 35 → 26 ms; 560: 10.2 → 7.1 ms both.
 * About −20 to −30 %. Alone, the index changes nothing (Camunda's {@code IN} never uses it), the rewrite −12 to −20 %.
 *
 * <p>The session settings apply to every PostgreSQL connection of the pool, whatever the profile,
 * unless {@code spring.datasource.hikari.connection-init-sql} is set. A DBA may move them to the
 * database ({@code ALTER DATABASE ... SET}). The statistics object, and indexes Camunda's schema
 * lacks ({@link #SUBTASK_INDEX}, {@link #AUTHORIZATION_INDEX}, {@link #AUTHORIZATION_USER_INDEX}), are created at start-up if they are missing.
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

  /**
   * Covers the authorization check of every query that joins {@code ACT_RU_AUTHORIZATION} on its resource: with
   * {@link #AUTHORIZATION_JOIN} PostgreSQL answers it from this index alone (Camunda's own index on
   * {@code resource_id_} has none of the other columns).
   */
  static final String AUTHORIZATION_INDEX = "CREATE INDEX IF NOT EXISTS platform_idx_auth_resource_checks"
      + " ON act_ru_authorization (resource_id_) INCLUDE (type_, resource_type_, perms_, group_id_, user_id_)";

  /**
   * Every authorization check of Camunda's queries first selects the caller's grants:
   * {@code A.TYPE_ < 2 AND (A.USER_ID_ IN (user, '*') OR A.GROUP_ID_ IN (groups))}. Camunda's schema has an index on
   * {@code group_id_} but none that starts with {@code user_id_} (its unique index starts with {@code type_}), so
   * PostgreSQL reads the whole table for that OR: 17,000 rows, about 5 ms, in every authorized query with 10,000 live
   * projects (a card's variables, the HAL embeds, claim, complete). With this index it combines the two indexes
   * (BitmapOr) and reads only the caller's grants (issue 18: the card variables' query 9.1 → 2.4 ms for a group of 40).
   */
  static final String AUTHORIZATION_USER_INDEX = "CREATE INDEX IF NOT EXISTS platform_idx_auth_user ON act_ru_authorization (user_id_)";

  /**
   * How the engine's MyBatis mappings join the authorization table on PostgreSQL: start, separator and end of
   * {@code AUTH.RESOURCE_ID_ ${authJoinStart} RES.ID_ ${authJoinSeparator} D.KEY_ ${authJoinSeparator} '*' ${authJoinEnd}}
   * (Camunda's own are {@code IN (}, {@code ,} and {@code )}).
   */
  static final String[] AUTHORIZATION_JOIN = {"= ANY (ARRAY[", ",", "])"};

  static final String POSTGRES = "postgres";

  /**
   * Sets {@link #AUTHORIZATION_JOIN} in the engine's table of database dialects. That table is a static of
   * Camunda's {@code impl} package, read when an engine builds its SQL session factory, so this runs before
   * (in {@link ProcessEnginePlugin#preInit}); it changes PostgreSQL's entries only, for every engine of the JVM.
   */
  static void rewriteAuthorizationJoin() {
    DbSqlSessionFactory.databaseSpecificAuthJoinStart.put(POSTGRES, AUTHORIZATION_JOIN[0]);
    DbSqlSessionFactory.databaseSpecificAuthJoinSeparator.put(POSTGRES, AUTHORIZATION_JOIN[1]);
    DbSqlSessionFactory.databaseSpecificAuthJoinEnd.put(POSTGRES, AUTHORIZATION_JOIN[2]);
    DbSqlSessionFactory.databaseSpecificAuth1JoinStart.put(POSTGRES, AUTHORIZATION_JOIN[0]);
    DbSqlSessionFactory.databaseSpecificAuth1JoinSeparator.put(POSTGRES, AUTHORIZATION_JOIN[1]);
    DbSqlSessionFactory.databaseSpecificAuth1JoinEnd.put(POSTGRES, AUTHORIZATION_JOIN[2]);
  }

  @Bean
  static ProcessEnginePlugin postgresAuthorizationJoin() {
    return new ProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        rewriteAuthorizationJoin();
      }

      @Override
      public void postInit(ProcessEngineConfigurationImpl configuration) {
      }

      @Override
      public void postProcessEngineBuild(ProcessEngine processEngine) {
      }
    };
  }

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

  /** After the engine has created its tables, before the models are deployed: statistics, the subtask and authorization indexes. */
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
          s.execute(AUTHORIZATION_INDEX);
          s.execute(AUTHORIZATION_USER_INDEX);
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
