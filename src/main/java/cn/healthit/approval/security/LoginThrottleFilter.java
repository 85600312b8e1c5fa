package cn.healthit.approval.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies {@link LoginThrottle} to every password the platform checks: the webapps' login
 * ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}) and HTTP Basic on /engine-rest and /api.
 * A locked attempt is answered 429 with a Chinese message, before any password is checked; a 401 from
 * the login behind it counts as a failure, anything else as a success. Each new lock is logged.
 */
public class LoginThrottleFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottleFilter.class);
  private static final Pattern WEBAPP_LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+");
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(java.time.ZoneId.of("Asia/Shanghai"));

  private final Supplier<LoginThrottle> throttle;

  public LoginThrottleFilter(Supplier<LoginThrottle> throttle) {
    this.throttle = throttle;
  }

  /** The account a request tries to log in as, or null when it carries no password. */
  static String account(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? decoded : decoded.substring(0, colon);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if ("POST".equals(request.getMethod()) && WEBAPP_LOGIN.matcher(path).matches()) {
      return request.getParameter("username");
    }
    return null;
  }

  public static String message(LoginThrottle.Lock lock) {
    return (lock.account() == null ? "来自 " + lock.source() + " 的登录失败次数过多，该来源"
        : "账号 " + lock.account() + " 在此来源的登录失败次数过多，")
        + "已被临时锁定至 " + SHOWN.format(lock.until()) + "，到时自动解除；如需立即解锁，请联系系统管理员。";
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String account = account(request);
    if (account == null || account.isBlank()) {
      chain.doFilter(request, response);
      return;
    }
    LoginThrottle rule = throttle.get();
    String source = request.getRemoteAddr();
    Optional<LoginThrottle.Lock> lock = rule.lockFor(account, source);
    if (lock.isPresent()) {
      long seconds = Math.max(1, Duration.between(java.time.Instant.now(), lock.get().until()).toSeconds());
      response.setStatus(429);
      response.setHeader("Retry-After", String.valueOf(seconds));
      response.setContentType("application/json;charset=UTF-8");
      response.getWriter().write("{\"status\":429,\"message\":\"" + message(lock.get()) + "\",\"type\":\"LoginLocked\"}");
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == 401) {
      rule.failed(account, source).ifPresent(started -> LOG.warn("【登录失败处理】{}（连续失败 {} 次）", message(started), started.failures()));
    } else if (response.getStatus() < 400 || response.getStatus() == 403 || response.getStatus() == 404) {
      rule.succeeded(account, source);
    }
  }
}
