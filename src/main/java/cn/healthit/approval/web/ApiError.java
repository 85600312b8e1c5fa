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
    return new ApiError(400, e.getField(), abbreviate(e.getMessage()), "InvalidInput");
  }

  /**
   * Two people acting on one task at the same moment: the engine lets exactly one win (the task row is
   * version-checked) and the other gets this HTTP 409 instead of the engine's 500 — 「该任务已被他人认领」
   * when someone else already holds the task, 「该任务已被他人处理，请刷新后重试」 when the other's claim or
   * completion went through a moment earlier. Null when {@code t} is no such conflict.
   */
  public static ApiError conflict(Throwable t) {
    for (Throwable cause = t; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof org.camunda.bpm.engine.TaskAlreadyClaimedException claimed) {
        return new ApiError(409, "assignee", "该任务已被他人认领（" + claimed.getTaskAssignee() + "），不能重复认领", "Conflict");
      }
      if (cause instanceof org.camunda.bpm.engine.OptimisticLockingException) {
        return new ApiError(409, null, "该任务已被他人处理，请刷新后重试", "Conflict");
      }
    }
    return null;
  }

  /**
   * A refusal may quote what was sent; 100 000 characters of it help nobody. A refused deployment lists every
   * problem of a model (element id and name each), so the limit leaves room for a few dozen lines.
   */
  static String abbreviate(String message) {
    return message == null || message.length() <= 4000 ? message : message.substring(0, 4000) + "…";
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
