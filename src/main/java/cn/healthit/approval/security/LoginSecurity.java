package cn.healthit.approval.security;

import cn.healthit.approval.web.AdminNotices;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The login throttle of this node ({@link LoginThrottle} on the engine's clock), its filter in front of
 * every login, the administrators' notice of each lock, and their unlock:
 * {@code GET /api/admin/login-locks}, {@code DELETE /api/admin/login-locks/users/{userId}} (also the
 * engine's own lock, {@code identityService.unlockUser}), {@code DELETE /api/admin/login-locks/sources/{ip}}.
 */
@Configuration(proxyBeanMethods = false)
@RestController
public class LoginSecurity implements AdminNotices.Source {

  private static final Logger LOG = LoggerFactory.getLogger(LoginSecurity.class);

  private final LoginThrottle throttle;
  private final IdentityService identityService;

  public LoginSecurity(LoginProperties properties, IdentityService identityService) {
    this.throttle = new LoginThrottle(properties.maxFailuresPerAccount(), properties.maxFailuresPerSource(),
        properties.lockDuration(), () -> ClockUtil.getCurrentTime().toInstant());
    this.identityService = identityService;
  }

  public LoginThrottle throttle() {
    return throttle;
  }

  @Bean
  public FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter() {
    FilterRegistrationBean<LoginThrottleFilter> registration = new FilterRegistrationBean<>(new LoginThrottleFilter(this::throttle));
    registration.setName("login throttle");
    registration.addUrlPatterns("/engine-rest/*", "/api/*", "/camunda/api/admin/auth/user/*");
    registration.setOrder(5); // before the authentication filters (10, 11)
    return registration;
  }

  @Override
  public List<AdminNotices.Notice> notices() {
    return throttle.locks().stream().map(l -> new AdminNotices.Notice("LOGIN_LOCK", LoginThrottleFilter.message(l)
        + "（失败 " + l.failures() + " 次）")).toList();
  }

  @GetMapping("/api/admin/login-locks")
  public Map<String, Object> locks() {
    AdminNotices.requireAdmin(identityService, "查看登录锁定");
    return Map.of("locks", throttle.locks(), "lockDuration", throttle.lockDuration().toString());
  }

  @DeleteMapping("/api/admin/login-locks/users/{userId}")
  public Map<String, Object> unlockUser(@PathVariable String userId) {
    String admin = AdminNotices.requireAdmin(identityService, "解除登录锁定");
    int lifted = throttle.unlockAccount(userId);
    if (identityService.createUserQuery().userId(userId).count() > 0) {
      identityService.unlockUser(userId);
    }
    LOG.warn("【登录失败处理】管理员 {} 解除了账号 {} 的登录锁定（{} 处）", admin, userId, lifted);
    return Map.of("userId", userId, "lifted", lifted);
  }

  @DeleteMapping("/api/admin/login-locks/sources/{source:.+}")
  public Map<String, Object> unlockSource(@PathVariable String source) {
    String admin = AdminNotices.requireAdmin(identityService, "解除登录锁定");
    int lifted = throttle.unlockSource(source);
    LOG.warn("【登录失败处理】管理员 {} 解除了来源 {} 的登录锁定（{} 处）", admin, source, lifted);
    return Map.of("source", source, "lifted", lifted);
  }
}
