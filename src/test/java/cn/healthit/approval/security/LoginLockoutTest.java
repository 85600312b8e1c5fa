package cn.healthit.approval.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Rest;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 登录失败处理 over real HTTP: ten wrong passwords from one source lock that source out of the account
 * only until the lock expires (the engine's clock is moved past it); the webapps' login and HTTP Basic
 * share one count and answer alike; an administrator lifts a lock at once.
 */
@PlatformTest
class LoginLockoutTest {

  static final String PASSWORD = "the-right-password-42";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired LoginSecurity security;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private String newUser() {
    String id = "lock-" + System.nanoTime();
    User user = engine.getIdentityService().newUser(id);
    user.setPassword(PASSWORD);
    engine.getIdentityService().saveUser(user);
    return id;
  }

  private int basic(String user, String password) {
    return Rest.as(port, user, password).get("/engine-rest/task").status();
  }

  /** The webapps' login as Tasklist sends it (first page for the CSRF cookie, then the form POST). */
  private HttpResponse<String> webappLogin(String user, String password) throws Exception {
    CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
    client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/")).build(),
        HttpResponse.BodyHandlers.discarding());
    String token = cookies.getCookieStore().get(URI.create("http://localhost:" + port + "/")).stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElse("");
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
  }

  private void moveClockPastTheLock() {
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + security.throttle().lockDuration().plusMinutes(1).toMillis()));
  }

  @Test
  void tenWrongPasswordsOverRestDoNotKeepTheRightOneOutOnceTheLockExpires() {
    String user = newUser();
    for (int i = 0; i < 10; i++) {
      assertThat(basic(user, "wrong-" + i)).isIn(401, 429);
    }
    Rest.Response locked = Rest.as(port, user, PASSWORD).get("/engine-rest/task");
    assertThat(locked.status()).as("locked for this source, for now").isEqualTo(429);
    assertThat(locked.body()).contains("临时锁定").contains("自动解除");
    assertThat(Rest.as(port, "admin").get("/api/admin/notices").body()).contains("LOGIN_LOCK").contains(user);
    moveClockPastTheLock();
    assertThat(basic(user, PASSWORD)).as("the lock expired by itself").isEqualTo(200);
    assertThat(engine.getIdentityService().createUserQuery().userId(user).singleResult()).isNotNull();
    assertThat(Rest.as(port, user, PASSWORD).get("/engine-rest/task").status()).isEqualTo(200);
  }

  @Test
  void theWebappLoginBehavesAsRestAndSharesItsCount() throws Exception {
    String user = newUser();
    for (int i = 0; i < 10; i++) {
      assertThat(webappLogin(user, "wrong-" + i).statusCode()).isIn(401, 429);
    }
    HttpResponse<String> locked = webappLogin(user, PASSWORD);
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.body()).contains("临时锁定");
    assertThat(basic(user, PASSWORD)).as("the same lock on /api").isEqualTo(429);
    moveClockPastTheLock();
    assertThat(webappLogin(user, PASSWORD).statusCode()).isEqualTo(200);

    // three failures over REST and two at the login form make the five of one count
    String other = newUser();
    for (int i = 0; i < 3; i++) {
      assertThat(basic(other, "wrong")).isEqualTo(401);
    }
    assertThat(webappLogin(other, "wrong").statusCode()).isEqualTo(401);
    assertThat(webappLogin(other, "wrong").statusCode()).isEqualTo(401);
    assertThat(basic(other, PASSWORD)).isEqualTo(429);
    assertThat(webappLogin(other, PASSWORD).statusCode()).isEqualTo(429);
  }

  @Test
  void anAdministratorUnlocksAtOnceAndOthersMayNot() throws Exception {
    String user = newUser();
    for (int i = 0; i < 5; i++) {
      basic(user, "wrong");
    }
    assertThat(basic(user, PASSWORD)).isEqualTo(429);
    assertThat(Rest.as(port, "xinxi").delete("/api/admin/login-locks/users/" + user).status()).isEqualTo(403);
    assertThat(Rest.as(port, "admin").get("/api/admin/login-locks").body()).contains(user);
    Rest.Response unlocked = Rest.as(port, "admin").delete("/api/admin/login-locks/users/" + user);
    assertThat(unlocked.status()).as(unlocked.body()).isEqualTo(200);
    assertThat(basic(user, PASSWORD)).isEqualTo(200);
    assertThat(webappLogin(user, PASSWORD).statusCode()).isEqualTo(200);
  }
}
