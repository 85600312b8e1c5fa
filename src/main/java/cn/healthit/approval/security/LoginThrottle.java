package cn.healthit.approval.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * 登录失败处理 (等保 2.0: 限制非法登录次数, README "Security"), as one rule for every way in — the webapps'
 * login form and HTTP Basic on /engine-rest and /api:
 * <ul>
 *   <li>an account tried from one source (IP address) is locked <em>for that source</em> after
 *       {@code maxFailuresPerAccount} failed logins in a row within {@code lockDuration};</li>
 *   <li>a source is locked for every account after {@code maxFailuresPerSource} failures within
 *       {@code lockDuration} (guessing many accounts, password spraying);</li>
 *   <li>a lock expires by itself after {@code lockDuration}; an administrator lifts it at once.</li>
 * </ul>
 * A stranger's failures therefore lock only the stranger: the owner logging in from their own machine is
 * never kept out, and nothing anybody does locks an account for longer than {@code lockDuration}.
 * A successful login clears its account's failures from that source. Plain Java; the clock is given.
 */
public final class LoginThrottle {

  /** What is locked: an account from a source, or a whole source ({@code account == null}). */
  public record Lock(String account, String source, int failures, Instant until) {}

  private record Count(int failures, Instant last, Instant lockedUntil) {}

  private final int maxFailuresPerAccount;
  private final int maxFailuresPerSource;
  private final Duration lockDuration;
  private final Supplier<Instant> clock;
  private final Map<String, Count> byAccountAndSource = new HashMap<>();
  private final Map<String, Count> bySource = new HashMap<>();

  public LoginThrottle(int maxFailuresPerAccount, int maxFailuresPerSource, Duration lockDuration, Supplier<Instant> clock) {
    if (maxFailuresPerAccount < 1 || maxFailuresPerSource < 1 || lockDuration.isNegative() || lockDuration.isZero()) {
      throw new IllegalArgumentException("登录限制的次数须至少为 1，锁定时长须为正");
    }
    this.maxFailuresPerAccount = maxFailuresPerAccount;
    this.maxFailuresPerSource = maxFailuresPerSource;
    this.lockDuration = lockDuration;
    this.clock = clock;
  }

  public Duration lockDuration() {
    return lockDuration;
  }

  private static String key(String account, String source) {
    return account + "\u0000" + source;
  }

  /** The lock that refuses this attempt now, if any (checked before the password is). */
  public synchronized Optional<Lock> lockFor(String account, String source) {
    Instant now = clock.get();
    Count s = bySource.get(source);
    if (s != null && s.lockedUntil() != null && now.isBefore(s.lockedUntil())) {
      return Optional.of(new Lock(null, source, s.failures(), s.lockedUntil()));
    }
    Count a = byAccountAndSource.get(key(account, source));
    if (a != null && a.lockedUntil() != null && now.isBefore(a.lockedUntil())) {
      return Optional.of(new Lock(account, source, a.failures(), a.lockedUntil()));
    }
    return Optional.empty();
  }

  /** Records a failed login; returns the lock it started, if it started one. */
  public synchronized Optional<Lock> failed(String account, String source) {
    Instant now = clock.get();
    Count a = count(byAccountAndSource, key(account, source), now, maxFailuresPerAccount);
    Count s = count(bySource, source, now, maxFailuresPerSource);
    if (s.lockedUntil() != null && s.failures() == maxFailuresPerSource) {
      return Optional.of(new Lock(null, source, s.failures(), s.lockedUntil()));
    }
    if (a.lockedUntil() != null && a.failures() == maxFailuresPerAccount) {
      return Optional.of(new Lock(account, source, a.failures(), a.lockedUntil()));
    }
    return Optional.empty();
  }

  private Count count(Map<String, Count> counts, String key, Instant now, int max) {
    Count before = counts.get(key);
    // failures older than the lock's time, or before a lock that has run out, are forgotten
    boolean fresh = before == null || (before.lockedUntil() != null && !now.isBefore(before.lockedUntil()))
        || (before.lockedUntil() == null && !now.isBefore(before.last().plus(lockDuration)));
    int failures = (fresh ? 0 : before.failures()) + 1;
    Instant lockedUntil = failures >= max ? now.plus(lockDuration) : null;
    if (!fresh && before.lockedUntil() != null) {
      lockedUntil = before.lockedUntil(); // tries during a lock do not lengthen it
    }
    Count after = new Count(failures, now, lockedUntil);
    counts.put(key, after);
    return after;
  }

  /** A successful login clears its account's failures from that source. */
  public synchronized void succeeded(String account, String source) {
    byAccountAndSource.remove(key(account, source));
  }

  /** An administrator's unlock: the account from every source. Returns how many locks it lifted. */
  public synchronized int unlockAccount(String account) {
    List<Lock> before = locks();
    byAccountAndSource.keySet().removeIf(k -> k.startsWith(account + "\u0000"));
    return (int) before.stream().filter(l -> account.equals(l.account())).count();
  }

  /** An administrator's unlock of a source (and of every account's failures from it). */
  public synchronized int unlockSource(String source) {
    List<Lock> before = locks();
    bySource.remove(source);
    byAccountAndSource.keySet().removeIf(k -> k.endsWith("\u0000" + source));
    return (int) before.stream().filter(l -> source.equals(l.source())).count();
  }

  /** The locks in force now. */
  public synchronized List<Lock> locks() {
    Instant now = clock.get();
    List<Lock> out = new ArrayList<>();
    bySource.forEach((source, c) -> {
      if (c.lockedUntil() != null && now.isBefore(c.lockedUntil())) {
        out.add(new Lock(null, source, c.failures(), c.lockedUntil()));
      }
    });
    byAccountAndSource.forEach((k, c) -> {
      if (c.lockedUntil() != null && now.isBefore(c.lockedUntil())) {
        String[] parts = k.split("\u0000", 2);
        out.add(new Lock(parts[0], parts[1], c.failures(), c.lockedUntil()));
      }
    });
    // forget what has run out, so the maps do not grow with every stranger
    bySource.values().removeIf(c -> !now.isBefore(c.last().plus(lockDuration)) && (c.lockedUntil() == null || !now.isBefore(c.lockedUntil())));
    byAccountAndSource.values().removeIf(c -> !now.isBefore(c.last().plus(lockDuration)) && (c.lockedUntil() == null || !now.isBefore(c.lockedUntil())));
    return out;
  }
}
