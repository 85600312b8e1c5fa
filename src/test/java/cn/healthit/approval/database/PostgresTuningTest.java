package cn.healthit.approval.database;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.Node;
import cn.healthit.approval.support.PlatformTest;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The PostgreSQL settings of {@link PostgresTuning} reach every pooled connection, and the engine's SQL its
 * authorization join; H2 is left alone.
 */
@PlatformTest
class PostgresTuningTest {

  @Autowired DataSource dataSource;
  @Autowired ProcessEngine engine;

  @Test
  void postgresConnectionsCarryTheSettingsAndCamundasTablesTheirStatisticsAndIndexes() throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      if (!Node.onPostgres()) {
        assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("H2");
        assertThat(((HikariDataSource) dataSource).getConnectionInitSql()).isNull();
        return;
      }
      assertThat(((HikariDataSource) dataSource).getConnectionInitSql()).isEqualTo(PostgresTuning.SESSION_SETTINGS);
      // the engine's SQL joins the authorization table with = ANY (ARRAY[...]), which the covering index answers alone
      var sql = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getSqlSessionFactory()
          .getConfiguration().getVariables();
      assertThat(sql.getProperty("authJoinStart")).isEqualTo("= ANY (ARRAY[");
      assertThat(sql.getProperty("authJoinSeparator")).isEqualTo(",");
      assertThat(sql.getProperty("authJoinEnd")).isEqualTo("])");
      assertThat(sql.getProperty("authJoin1Start")).isEqualTo("= ANY (ARRAY[");
      assertThat(show(s, "jit")).isEqualTo("off");
      assertThat(show(s, "random_page_cost")).isEqualTo("1.1");
      assertThat(show(s, "enable_material")).isEqualTo("off");
      assertThat(show(s, "plan_cache_mode")).isEqualTo("auto");
      try (ResultSet rs = s.executeQuery(
          "SELECT stxname FROM pg_statistic_ext WHERE stxrelid = 'act_ru_authorization'::regclass")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("act_ru_authorization_perms");
      }
      try (ResultSet rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE indexname = 'platform_idx_task_parent'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).contains("act_ru_task").contains("parent_task_id_");
      }
      try (ResultSet rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE indexname = 'platform_idx_auth_resource_checks'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).contains("act_ru_authorization USING btree (resource_id_) INCLUDE (type_, resource_type_, perms_, group_id_, user_id_)");
      }
      try (ResultSet rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE indexname = 'platform_idx_auth_user'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).contains("act_ru_authorization USING btree (user_id_)");
      }
    }
  }

  @Test
  void onlyPostgresUrlsAreTuned() {
    assertThat(PostgresTuning.isPostgres("jdbc:postgresql://127.0.0.1:5432/approval")).isTrue();
    assertThat(PostgresTuning.isPostgres("jdbc:h2:file:./data/approval-platform")).isFalse();
    assertThat(PostgresTuning.isPostgres(null)).isFalse();
  }

  private static String show(Statement s, String setting) throws Exception {
    try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
