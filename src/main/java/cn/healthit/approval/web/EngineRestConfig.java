package cn.healthit.approval.web;

import cn.healthit.approval.input.InvalidInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.hal.Hal;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.springframework.stereotype.Component;

/**
 * Camunda's REST API (/engine-rest) with one change: when the platform's own checks refuse a
 * process start, a task completion or a deployment, the answer is the platform's error shape
 * ({@link ApiError}, HTTP 400, the field, a Chinese message) instead of Camunda's generic 500.
 * Likewise two people claiming or completing one task at once: the loser gets HTTP 409 with a Chinese
 * message ({@link ApiError#conflict}). Every other error keeps Camunda's own handling.
 *
 * <p>And one for speed: Camunda's {@link JacksonConfigurator} builds a new {@link ObjectMapper} each time one is
 * asked for — several times per request (the resource's, the JSON and HAL writers') — so every request
 * re-introspected the DTO classes (TaskQueryDto, HalTaskList…) from scratch; that was about a fifth of the CPU of
 * a Tasklist list request (issue 18). {@link SharedJacksonConfigurator} configures one the same way and keeps it.
 */
@Component
public class EngineRestConfig extends CamundaJerseyResourceConfig {

  @Override
  protected void registerCamundaRestResources() {
    registerClasses(CamundaRestResources.getResourceClasses());
    Set<Class<?>> configuration = new LinkedHashSet<>(CamundaRestResources.getConfigurationClasses());
    configuration.remove(RestExceptionHandler.class);
    configuration.remove(ProcessEngineExceptionHandler.class);
    configuration.remove(ExceptionHandler.class);
    configuration.remove(JacksonConfigurator.class);
    registerClasses(configuration);
    register(SharedJacksonConfigurator.class);
    register(RefusalAwareRestExceptionHandler.class);
    register(RefusalAwareProcessEngineExceptionHandler.class);
    register(RefusalAwareExceptionHandler.class);
    register(RefusalHandler.class);
    register(TaskPageRequestFilter.class);
    register(JacksonFeature.class);
  }

  /**
   * Camunda's configuration (its date format, its modules), once: an {@link ObjectMapper} is thread-safe once
   * configured, and nothing in Camunda's REST code reconfigures the one it gets. Built on first use, after Camunda's
   * bootstrap may have set {@link JacksonConfigurator#dateFormatString}.
   */
  @jakarta.ws.rs.ext.Provider
  @Produces({MediaType.APPLICATION_JSON, Hal.APPLICATION_HAL_JSON})
  public static class SharedJacksonConfigurator extends JacksonConfigurator {
    private static volatile ObjectMapper shared;

    @Override
    public ObjectMapper getContext(Class<?> clazz) {
      ObjectMapper mapper = shared;
      if (mapper == null) {
        synchronized (SharedJacksonConfigurator.class) {
          mapper = shared;
          if (mapper == null) {
            mapper = shared = configureObjectMapper(new ObjectMapper());
          }
        }
      }
      return mapper;
    }
  }

  static Response refusal(Throwable t) {
    InvalidInputException refusal = ApiError.findRefusal(t);
    ApiError error = refusal != null ? ApiError.of(refusal) : ApiError.conflict(t);
    if (error == null && TaskRaces.completedMeanwhile(t)) {
      error = new ApiError(409, null, "该任务已被他人处理，请刷新后重试", "Conflict");
    }
    return error == null ? null
        : Response.status(error.status()).entity(error).type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  /** A refusal raised before the engine ran (the task contract): the closest match, whatever else is registered. */
  @jakarta.ws.rs.ext.Provider
  @jakarta.annotation.Priority(1) // before Camunda's own handler of the same type, where both are registered
  public static class RefusalHandler implements jakarta.ws.rs.ext.ExceptionMapper<InvalidInputException> {
    @Override
    public Response toResponse(InvalidInputException e) {
      return refusal(e);
    }
  }

  @jakarta.annotation.Priority(1) // before Camunda's own handler of the same type, where both are registered
  public static class RefusalAwareRestExceptionHandler extends RestExceptionHandler {
    @Override
    public Response toResponse(RestException e) {
      Response response = refusal(e);
      return response != null ? response : super.toResponse(e);
    }
  }

  @jakarta.annotation.Priority(1) // before Camunda's own handler of the same type, where both are registered
  public static class RefusalAwareProcessEngineExceptionHandler extends ProcessEngineExceptionHandler {
    @Override
    public Response toResponse(ProcessEngineException e) {
      Response response = refusal(e);
      return response != null ? response : super.toResponse(e);
    }
  }

  @jakarta.annotation.Priority(1) // before Camunda's own handler of the same type, where both are registered
  public static class RefusalAwareExceptionHandler extends ExceptionHandler {
    @Override
    public Response toResponse(Throwable e) {
      Response response = refusal(e);
      return response != null ? response : super.toResponse(e);
    }
  }
}
