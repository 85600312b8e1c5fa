package cn.healthit.approval.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code platform.login.*} (README "Security", 登录失败处理).
 *
 * @param maxFailuresPerAccount failed logins in a row of one account from one source before that source is locked out of it
 * @param maxFailuresPerSource  failed logins from one source, any accounts, before the source is locked out entirely
 * @param lockDuration          how long a lock lasts; it then expires by itself
 */
@ConfigurationProperties("platform.login")
public record LoginProperties(Integer maxFailuresPerAccount, Integer maxFailuresPerSource, Duration lockDuration) {

  public LoginProperties {
    maxFailuresPerAccount = maxFailuresPerAccount == null ? 5 : maxFailuresPerAccount;
    maxFailuresPerSource = maxFailuresPerSource == null ? 20 : maxFailuresPerSource;
    lockDuration = lockDuration == null ? Duration.ofMinutes(15) : lockDuration;
  }
}
