package cn.healthit.approval.actions;

import java.util.function.Function;

/**
 * A rule that decides who may not work on a step (a conflict of interest, separation of duties). A model
 * attaches it to the step as a task listener by bean name; 转办 and 委派 ask it before handing the task to
 * someone, as completion does. Plain Java: the variables come by name.
 */
public interface Eligibility {

  /** Why {@code userId} may not work on the step {@code taskName}, or null. */
  String refusal(String userId, String taskName, Function<String, Object> variable);
}
