package cn.healthit.approval.web;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * /engine-rest and /api answer only to authenticated users: HTTP Basic against the engine's
 * identity service (with its login throttling), 401 otherwise. The authenticated user and their
 * groups are set on the engine for the request, so Camunda's authorizations decide what they see.
 * The webapps (Tasklist, Cockpit, Admin) keep their own session login; /api also accepts that session
 * ({@link ApiAuthenticationFilter}), so the Tasklist tabs and the approval record need no second login.
 */
@Configuration
public class SecurityConfig {

  private static final String BASIC = "org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider";

  @Bean
  public FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    return basic("/engine-rest/*", "/engine-rest", 10);
  }

  @Bean
  public FilterRegistrationBean<ProcessEngineAuthenticationFilter> apiAuthentication(ProcessEngine engine) {
    return register(new ApiAuthenticationFilter(engine), "/api/*", "/api", 11);
  }

  private static FilterRegistrationBean<ProcessEngineAuthenticationFilter> basic(String pattern, String prefix, int order) {
    return register(new ProcessEngineAuthenticationFilter(), pattern, prefix, order);
  }

  private static FilterRegistrationBean<ProcessEngineAuthenticationFilter> register(ProcessEngineAuthenticationFilter filter,
      String pattern, String prefix, int order) {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("authentication " + prefix);
    registration.addUrlPatterns(pattern);
    registration.setInitParameters(Map.of(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM, BASIC,
        ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, prefix));
    registration.setOrder(order);
    return registration;
  }
}
