package cn.healthit.approval.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * Who calls /api: a client with HTTP Basic credentials (as on /engine-rest), or a reviewer already
 * logged in to Tasklist or Cockpit — the webapps' session — so the Tasklist tabs (审批意见, 材料) and
 * the printable approval record open without a second login.
 *
 * <p>A session-authenticated request that changes something must carry the webapps' CSRF token
 * ({@code X-XSRF-TOKEN}, the value Tasklist itself sends), so another site cannot make a logged-in
 * reviewer's browser upload or urge. Requests with an {@code Authorization} header are Basic only,
 * exactly as before; neither a session nor a header answers 401.
 */
public class ApiAuthenticationFilter extends ProcessEngineAuthenticationFilter {

  static final String CSRF_HEADER = "X-XSRF-TOKEN";
  /** Where Camunda's CsrfPreventionFilter keeps the session's token. */
  static final String CSRF_SESSION_ATTRIBUTE = "CAMUNDA_CSRF_TOKEN";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private final ProcessEngine engine;

  public ApiAuthenticationFilter(ProcessEngine engine) {
    this.engine = engine;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    UserAuthentication session = http.getHeader("Authorization") == null ? sessionUser(http) : null;
    if (session == null) {
      super.doFilter(request, response, chain);
      return;
    }
    if (!SAFE_METHODS.contains(http.getMethod()) && !csrfTokenMatches(http)) {
      refuse((HttpServletResponse) response, 403, "请求缺少有效的 CSRF 令牌（X-XSRF-TOKEN），请刷新页面后重试");
      return;
    }
    IdentityService identity = engine.getIdentityService();
    identity.setAuthentication(session.getIdentityId(), session.getGroupIds(), session.getTenantIds());
    try {
      chain.doFilter(request, response);
    } finally {
      identity.clearAuthentication();
    }
  }

  private UserAuthentication sessionUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    Authentication authentication = authentications == null ? null
        : authentications.getAuthenticationForProcessEngine(engine.getName());
    return authentication instanceof UserAuthentication user ? user : null;
  }

  private static boolean csrfTokenMatches(HttpServletRequest request) {
    Object expected = request.getSession(false).getAttribute(CSRF_SESSION_ATTRIBUTE);
    String given = request.getHeader(CSRF_HEADER);
    return expected != null && given != null && MessageDigest.isEqual(
        expected.toString().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write("{\"status\":" + status + ",\"message\":\"" + message + "\",\"type\":\"Forbidden\"}");
  }
}
