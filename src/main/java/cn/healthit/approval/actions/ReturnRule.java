package cn.healthit.approval.actions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 退回: where a step may send its project back, and what else must be withdrawn so that nothing is left
 * behind. Plain Java over what the engine side reads: the steps this project completed before the current
 * one, and the flow graph of the scope the target stands in.
 */
public final class ReturnRule {

  private ReturnRule() {}

  /** A completed step: its activity, name, who completed it, and in which process instance. */
  public record Step(String activityId, String name, String assignee, String processInstanceId) {}

  /**
   * The steps the current one may return to, latest visit of each, most recent first.
   *
   * @param config the current step's configuration
   * @param visited the steps completed before the current one was created, oldest first, in this instance
   *     and the instances that called it
   * @param currentActivity the current step's activity (never a target of itself)
   * @param multiInstance activities that are a panel or countersign (never re-created as one person's step)
   */
  public static List<Step> targets(ActionConfig config, List<Step> visited, String currentActivity,
      Set<String> multiInstance) {
    Map<String, Step> latest = new LinkedHashMap<>();
    for (int i = visited.size() - 1; i >= 0; i--) {
      latest.putIfAbsent(visited.get(i).activityId(), visited.get(i));
    }
    List<Step> candidates = new ArrayList<>(latest.values());
    candidates.removeIf(s -> s.activityId().equals(currentActivity) || multiInstance.contains(s.activityId()));
    // the project's first step is the one visited first of all, however often it was redone since
    String firstActivity = visited.stream().map(Step::activityId)
        .filter(a -> !a.equals(currentActivity) && !multiInstance.contains(a)).findFirst().orElse(null);
    List<Step> out = new ArrayList<>();
    for (Step step : candidates) {
      boolean previous = config.returnTo().contains(ActionConfig.PREVIOUS) && step == candidates.get(0);
      boolean first = config.returnTo().contains(ActionConfig.FIRST) && step.activityId().equals(firstActivity);
      if (previous || first || config.returnTo().contains(ActionConfig.VISITED) || config.returnTo().contains(step.activityId())) {
        out.add(step);
      }
    }
    return out;
  }

  /**
   * A panel or countersign may be sent back only before anyone has handed in: re-creating it would throw
   * away votes already cast (a unanimous verdict counts every one). Null when the return may go ahead.
   */
  public static String refusalOfPanel(int completedInstances, int allInstances) {
    if (completedInstances > 0) {
      return "本环节为多人会签／评审，已有 " + completedInstances + " 人（共 " + allInstances + " 人）提交，已开始的表决不能退回";
    }
    return null;
  }

  /**
   * Whether the rework, going forward from the target, comes back to the current step without waiting at a
   * join for a branch that the return withdraws: the target is before the current step in its own branch, or
   * before the fork. A step of a parallel sibling branch is no target: the join would wait for ever.
   *
   * @param joins the scope's parallel and inclusive gateways with more than one incoming flow
   */
  public static boolean leadsBack(Map<String, ? extends Collection<String>> successors, String target, String current,
      Set<String> joins) {
    Set<String> seen = new HashSet<>();
    Deque<String> queue = new ArrayDeque<>(List.of(target));
    while (!queue.isEmpty()) {
      String node = queue.pop();
      if (node.equals(current)) {
        return true;
      }
      if (!seen.add(node) || (joins.contains(node) && !node.equals(target))) {
        continue;
      }
      Collection<String> next = successors.get(node);
      if (next != null) {
        queue.addAll(next);
      }
    }
    return false;
  }

  /**
   * The other active elements of the target's scope that the rework will create again and that must
   * therefore be withdrawn with the current step: those reachable from the target without passing through
   * the current step (a parallel branch forked after the target). A branch running beside the current step
   * after the target stays.
   *
   * @param successors the scope's flow graph: element → the elements its sequence flows (and boundary events) lead to
   */
  public static Set<String> alsoWithdrawn(Map<String, ? extends Collection<String>> successors, String target,
      String current, Collection<String> otherActive) {
    Set<String> reachable = new HashSet<>();
    Deque<String> queue = new ArrayDeque<>(List.of(target));
    while (!queue.isEmpty()) {
      String node = queue.pop();
      if (!reachable.add(node) || node.equals(current)) {
        continue;
      }
      Collection<String> next = successors.get(node);
      if (next != null) {
        queue.addAll(next);
      }
    }
    Set<String> out = new HashSet<>(otherActive);
    out.retainAll(reachable);
    out.remove(current);
    return out;
  }

  /**
   * 撤回: the submitter of a step may take it back only while what followed is untouched — the next step exists,
   * nobody has claimed, been handed or commented on it, and no other step was completed since. Null when allowed.
   *
   * @param nextSteps the steps created by the submission and still open
   * @param completedSince steps of the project completed after the submission
   * @param touched the names of next steps someone has claimed, been given or written on
   */
  public static String refusalOfWithdrawal(int nextSteps, int completedSince, List<String> touched) {
    if (completedSince > 0) {
      return "项目已继续办理（其后已有 " + completedSince + " 个环节办结），不能撤回";
    }
    if (!touched.isEmpty()) {
      return "下一环节“" + String.join("、", touched) + "”已被认领或办理，不能撤回";
    }
    if (nextSteps == 0) {
      return "本环节之后没有待办的环节（流程已结束或正在自动处理），不能撤回";
    }
    return null;
  }
}
