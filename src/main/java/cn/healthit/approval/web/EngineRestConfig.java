package cn.healthit.approval.web;

import cn.healthit.approval.input.InvalidInputException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.springframework.stereotype.Component;

/**
 * Camunda's REST API (/engine-rest) with one change: when the platform's own checks refuse a
 * process start, a task completion or a deployment, the answer is the platform's error shape
 * ({@link ApiError}, HTTP 400, the field, a Chinese message) instead of Camunda's generic 500.
 * Likewise two people claiming or completing one task at once: the loser gets HTTP 409 with a Chinese
 * message ({@link ApiError#conflict}). Every other error keeps Camunda's own handling.
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
    registerClasses(configuration);
    register(RefusalAwareRestExceptionHandler.class);
    register(RefusalAwareProcessEngineExceptionHandler.class);
    register(RefusalAwareExceptionHandler.class);
    register(RefusalHandler.class);
    register(JacksonFeature.class);
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
