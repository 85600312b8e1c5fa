package cn.healthit.approval.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Rest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The webapps carry the platform's name and look, not Camunda's banner (docs/webapps-zh.md "Name and look"). */
@PlatformTest
class BrandingTest {

  @LocalServerPort int port;

  @Test
  void everyWebappIsNamedAfterThePlatformAndShowsNoMigrationBanner() {
    for (String app : new String[] {"tasklist", "cockpit", "admin", "welcome"}) {
      Rest.Response config = Rest.anonymous(port).get("/camunda/app/" + app + "/scripts/config.js");
      assertThat(config.status()).as(app).isEqualTo(200);
      assertThat(config.body()).as(app).contains("vendor: '医院信息化项目审批平台'", "fallbackLocale: 'zh'");
      Rest.Response zh = Rest.anonymous(port).get("/camunda/app/" + app + "/locales/zh.json");
      assertThat(zh.body()).as(app).contains("\"PAGE_LOGIN_PLEASE_SIGN_IN\": \"请登录医院信息化项目审批平台\"",
          "\"APP_VENDOR\": \"医院信息化项目审批平台\"");
      Rest.Response css = Rest.anonymous(port).get("/camunda/app/" + app + "/styles/user-styles.css");
      assertThat(css.body()).as(app).contains(".ce-eol-banner", "display: none !important");
    }
    Rest.Response favicon = Rest.anonymous(port).get("/camunda/favicon.ico");
    assertThat(favicon.status()).isEqualTo(200);
  }
}
