package cn.healthit.approval.web;

import cn.healthit.approval.tasklist.TaskPage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.hal.Hal;
import org.camunda.bpm.engine.rest.hal.HalResource;
import org.camunda.bpm.engine.rest.spi.ProcessEngineProvider;

/**
 * Tasklist's task list — {@code POST …/filter/{id}/list?firstResult=…&maxResults=…} asking for HAL — answered by
 * {@link TaskPage} (issue 18), in both REST APIs: /engine-rest and the webapps' /camunda/api/engine, the one Tasklist
 * calls. A JAX-RS filter before resource matching, so it runs after every servlet filter (authentication, CSRF) and its
 * answer goes through Camunda's own HAL writer. Whatever TaskPage does not answer goes on to Camunda unchanged, body
 * included. The answer carries {@code X-Task-Page: platform}, so a test or an operator can tell who answered.
 *
 * <p>{@code platform.tasklist.page-query.enabled=false} leaves every request to Camunda.
 */
// Jersey makes this filter (in the webapps' API from its class name), so the switch is a static one Spring sets
@Provider
@PreMatching
public class TaskPageRequestFilter implements ContainerRequestFilter {

  public static final String ANSWERED_BY = "X-Task-Page";

  private static final Pattern PATH = Pattern.compile("/?(?:engine/([^/]+)/)?filter/([^/]+)/list/?");
  private static final ObjectMapper MAPPER = new EngineRestConfig.SharedJacksonConfigurator().getContext(Object.class);
  private static final Map<ProcessEngine, TaskPage> PAGES = new ConcurrentHashMap<>();
  private static volatile boolean enabled = true;
  private static volatile ProcessEngineProvider provider;

  public static void setEnabled(boolean on) {
    enabled = on;
  }

  public static boolean isEnabled() {
    return enabled;
  }

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (!enabled || !"POST".equals(request.getMethod())) {
      return;
    }
    Matcher path = PATH.matcher(request.getUriInfo().getPath());
    if (!path.matches() || !prefersHal(request.getHeaderString("Accept"))) {
      return;
    }
    Integer first = count(request.getUriInfo().getQueryParameters().getFirst("firstResult"));
    Integer max = count(request.getUriInfo().getQueryParameters().getFirst("maxResults"));
    if (first == null || max == null) {
      return;
    }
    byte[] body = request.getEntityStream().readAllBytes();
    request.setEntityStream(new ByteArrayInputStream(body));
    JsonNode query;
    try {
      query = body.length == 0 ? null : MAPPER.readTree(body);
    } catch (IOException unreadable) {
      return; // Camunda answers it with its own error
    }
    ProcessEngine engine = path.group(1) == null ? provider().getDefaultProcessEngine() : provider().getProcessEngine(path.group(1));
    if (engine == null) {
      return;
    }
    Optional<HalResource<?>> page = PAGES.computeIfAbsent(engine, e -> new TaskPage(e, MAPPER))
        .list(path.group(2), first, max, query);
    page.ifPresent(answer -> request.abortWith(Response.ok(answer, Hal.APPLICATION_HAL_JSON_TYPE)
        .header(ANSWERED_BY, "platform").build()));
  }

  /**
   * The REST API's engine provider, looked up once: Camunda's {@code EngineUtil.lookupProcessEngine} runs the
   * ServiceLoader on every call, a twentieth of this request's CPU. The provider itself asks the platform for the
   * engine each time, so an engine that is replaced (a test's new context) is the one found.
   */
  private static ProcessEngineProvider provider() {
    ProcessEngineProvider found = provider;
    if (found == null) {
      found = ServiceLoader.load(ProcessEngineProvider.class).findFirst()
          .orElseThrow(() -> new IllegalStateException("no " + ProcessEngineProvider.class.getName()));
      provider = found;
    }
    return found;
  }

  /**
   * Camunda answers HAL when the client ranks it above JSON, as Tasklist does
   * ({@code application/hal+json, application/json; q=0.5}); JSON, {@code *}{@code /*} or a tie get Camunda's JSON list.
   */
  static boolean prefersHal(String accept) {
    if (accept == null) {
      return false;
    }
    double hal = -1;
    double json = -1;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
      double q = 1;
      for (int i = 1; i < parts.length; i++) {
        String[] parameter = parts[i].split("=", 2);
        if (parameter.length == 2 && parameter[0].strip().equals("q")) {
          try {
            q = Double.parseDouble(parameter[1].strip());
          } catch (NumberFormatException e) {
            return false;
          }
        }
      }
      if (type.equals("application/hal+json")) {
        hal = Math.max(hal, q);
      } else if (type.equals("application/json") || type.equals("application/*") || type.equals("*/*")) {
        json = Math.max(json, q);
      }
    }
    return hal > 0 && hal > json;
  }

  private static Integer count(String value) {
    if (value == null || !value.matches("\\d{1,9}")) {
      return null;
    }
    return Integer.valueOf(value);
  }

  /** Sets the switch from {@code platform.tasklist.page-query.enabled} (default on). */
  @org.springframework.stereotype.Component
  static class Settings {
    Settings(@org.springframework.beans.factory.annotation.Value("${platform.tasklist.page-query.enabled:true}") boolean on) {
      setEnabled(on);
    }
  }
}
