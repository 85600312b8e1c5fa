package cn.healthit.approval.web;

import cn.healthit.approval.input.InvalidInputException;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one error shape of the platform, for /api and for /engine-rest calls the platform's checks
 * refuse: {@code {"status":400,"field":"budget","message":"项目预算（budget）不能为负数：-1.00"}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String field, String message, String type) {

  public static ApiError of(InvalidInputException e) {
    return new ApiError(400, e.getField(), e.getMessage(), "InvalidInput");
  }

  /** The refusal somewhere in a chain of causes (the engine and REST layers wrap exceptions). */
  public static InvalidInputException findRefusal(Throwable t) {
    for (Throwable cause = t; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidInputException refusal) {
        return refusal;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
