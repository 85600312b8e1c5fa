package cn.healthit.approval.database;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.Node;
import cn.healthit.approval.support.PlatformTest;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The PostgreSQL settings of {@link PostgresTuning} reach every pooled connection; H2 is left alone. */
@PlatformTest
class PostgresTuningTest {

  @Autowired DataSource dataSource;

  @Test
  void postgresConnectionsCarryTheSettingsAndCamundasTablesTheirStatisticsAndSubtaskIndex() throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      if (!Node.onPostgres()) {
        assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("H2");
        assertThat(((HikariDataSource) dataSource).getConnectionInitSql()).isNull();
        return;
      }
      assertThat(((HikariDataSource) dataSource).getConnectionInitSql()).isEqualTo(PostgresTuning.SESSION_SETTINGS);
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
