package cn.healthit.approval.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T02:00:00Z"));
  final LoginThrottle throttle = new LoginThrottle(5, 20, Duration.ofMinutes(15), now::get);

  @Test
  void fiveFailuresLockTheAccountForThatSourceOnlyAndTheLockExpires() {
    for (int i = 0; i < 4; i++) {
      assertThat(throttle.failed("admin", "10.0.0.66")).isEmpty();
    }
    assertThat(throttle.failed("admin", "10.0.0.66")).hasValueSatisfying(l -> assertThat(l.account()).isEqualTo("admin"));
    assertThat(throttle.lockFor("admin", "10.0.0.66")).isPresent();
    assertThat(throttle.lockFor("admin", "10.0.0.1")).as("the owner at their own machine").isEmpty();
    // more tries during the lock do not lengthen it
    now.set(now.get().plus(Duration.ofMinutes(14)));
    throttle.failed("admin", "10.0.0.66");
    assertThat(throttle.lockFor("admin", "10.0.0.66")).isPresent();
    now.set(now.get().plus(Duration.ofMinutes(1)));
    assertThat(throttle.lockFor("admin", "10.0.0.66")).as("expired by itself after 15 minutes").isEmpty();
    assertThat(throttle.failed("admin", "10.0.0.66")).as("counting starts again").isEmpty();
  }

  @Test
  void aSourceGuessingManyAccountsIsLockedForAll() {
    for (int i = 0; i < 19; i++) {
      assertThat(throttle.failed("user" + i, "10.0.0.66")).isEmpty();
    }
    assertThat(throttle.failed("user19", "10.0.0.66")).hasValueSatisfying(l -> assertThat(l.account()).isNull());
    assertThat(throttle.lockFor("anyone", "10.0.0.66")).isPresent();
    assertThat(throttle.lockFor("anyone", "10.0.0.67")).isEmpty();
    assertThat(throttle.unlockSource("10.0.0.66")).isEqualTo(1);
    assertThat(throttle.lockFor("anyone", "10.0.0.66")).isEmpty();
  }

  @Test
  void successClearsTheCountAndAnAdministratorUnlocksAtOnce() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("xinxi", "10.0.0.5");
    }
    throttle.succeeded("xinxi", "10.0.0.5");
    assertThat(throttle.failed("xinxi", "10.0.0.5")).isEmpty();
    for (int i = 0; i < 5; i++) {
      throttle.failed("xinxi", "10.0.0.9");
    }
    assertThat(throttle.locks()).hasSize(1);
    assertThat(throttle.unlockAccount("xinxi")).isEqualTo(1);
    assertThat(throttle.lockFor("xinxi", "10.0.0.9")).isEmpty();
  }
}
