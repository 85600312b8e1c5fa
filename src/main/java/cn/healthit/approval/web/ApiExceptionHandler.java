package cn.healthit.approval.web;

import cn.healthit.approval.input.InvalidInputException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every refusal of /api in the one shape of {@link ApiError}. */
@RestControllerAdvice(basePackages = "cn.healthit.approval")
public class ApiExceptionHandler {

  @ExceptionHandler(Exception.class)
  public ResponseEntity<ApiError> handle(Exception e) throws Exception {
    InvalidInputException refusal = ApiError.findRefusal(e);
    if (refusal != null) {
      return ResponseEntity.badRequest().body(ApiError.of(refusal));
    }
    ApiError conflict = ApiError.conflict(e);
    if (conflict != null) {
      return ResponseEntity.status(HttpStatus.CONFLICT).body(conflict);
    }
    if (e instanceof ForbiddenException) {
      return error(HttpStatus.FORBIDDEN, null, e.getMessage(), "Forbidden");
    }
    if (e instanceof MaxUploadSizeExceededException) {
      return error(HttpStatus.BAD_REQUEST, "file", "上传的文件超过大小上限", "InvalidInput");
    }
    if (e instanceof AuthorizationException) {
      return error(HttpStatus.FORBIDDEN, null, "无权执行此操作：" + e.getMessage(), "Forbidden");
    }
    if (e instanceof NotFoundException || e instanceof NullValueException) {
      return error(HttpStatus.NOT_FOUND, null, e.getMessage(), "NotFound");
    }
    if (e instanceof HttpMessageNotReadableException && e.getCause() instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException wrong
        && !wrong.getPath().isEmpty() && wrong.getPath().get(wrong.getPath().size() - 1).getFieldName() != null) {
      String field = wrong.getPath().get(wrong.getPath().size() - 1).getFieldName();
      return error(HttpStatus.BAD_REQUEST, field, "字段“" + field + "”的值类型不正确", "InvalidInput");
    }
    if (e instanceof HttpMessageNotReadableException) {
      return error(HttpStatus.BAD_REQUEST, null, "请求内容不是有效的 JSON", "InvalidInput");
    }
    if (e instanceof MissingServletRequestParameterException m) {
      return error(HttpStatus.BAD_REQUEST, m.getParameterName(), "缺少参数 " + m.getParameterName(), "InvalidInput");
    }
    if (e instanceof org.springframework.web.ErrorResponse framework) {
      return error(HttpStatus.valueOf(framework.getStatusCode().value()), null, e.getMessage(), "Request");
    }
    throw e;
  }

  private static ResponseEntity<ApiError> error(HttpStatus status, String field, String message, String type) {
    return ResponseEntity.status(status).body(new ApiError(status.value(), field, message, type));
  }

  /** Thrown by /api controllers when the caller may see the thing but not do this to it. */
  public static class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
      super(message);
    }
  }

  /** Thrown by /api controllers when the thing asked for does not exist (or is not visible). */
  public static class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
      super(message);
    }
  }
}
