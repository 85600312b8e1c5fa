package cn.healthit.approval.web;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.util.EngineUtil;

/**
 * Two candidates complete one task at the same moment: the loser's command has already loaded the task
 * when the winner's completion removes it with its candidate links, so the loser's authorization check
 * fails although the loser was a candidate a moment ago. That is a lost race, not a forbidden act: the
 * answer is the 409 「该任务已被他人处理」, not a 403. Only when the task is finished by now and the caller
 * was one of its candidates (user or group) — everyone else keeps the 403.
 */
final class TaskRaces {

  private TaskRaces() {}

  private static final java.util.regex.Pattern TASK_GONE =
      java.util.regex.Pattern.compile("Cannot find task with id ([A-Za-z0-9_-]+)");

  /** The refusal of the losing request: a failed authorization on the task, or the task not found any more. */
  static boolean completedMeanwhile(Throwable t) {
    if (t instanceof AuthorizationException denied) {
      List<String> taskIds = denied.getMissingAuthorizations().stream()
          .filter(m -> "Task".equals(m.getResourceType()) && m.getResourceId() != null)
          .map(MissingAuthorization::getResourceId).distinct().toList();
      return taskIds.size() == 1 && completedMeanwhile(taskIds.get(0));
    }
    for (Throwable cause = t; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      java.util.regex.Matcher gone = cause.getMessage() == null ? null : TASK_GONE.matcher(cause.getMessage());
      if (gone != null && gone.find()) {
        return completedMeanwhile(gone.group(1));
      }
    }
    return false;
  }

  private static boolean completedMeanwhile(String taskId) {
    ProcessEngine engine = EngineUtil.lookupProcessEngine(null);
    IdentityService identity = engine.getIdentityService();
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null) {
      return false;
    }
    identity.clearAuthentication();
    try {
      boolean finished = engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).finished().count() == 1;
      if (!finished) {
        return false;
      }
      List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
      return engine.getHistoryService().createHistoricIdentityLinkLogQuery().taskId(taskId).type("candidate").list().stream()
          .anyMatch(link -> caller.getUserId().equals(link.getUserId()) || groups.contains(link.getGroupId()));
    } finally {
      identity.setAuthentication(caller);
    }
  }
}
