package cn.healthit.approval.actions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which approval actions a user task offers, as its model says in two extension properties (Camunda
 * Modeler: 扩展属性), so an analyst configures them per step and nothing is hard-coded per process:
 * <ul>
 *   <li>{@code approval.actions} — any of {@code return withdraw transfer delegate consult} (spaces or commas); absent: none,
 *       only what every task has (催办).</li>
 *   <li>{@code approval.returnTo} — where 退回 may send the project: {@code previous} (the step completed last
 *       before this one), {@code first} (the project's first step, its 编制人), {@code visited} (any step this
 *       project passed) or the ids of visited steps, in this model or in the model that called it.</li>
 *   <li>{@code approval.resubmit} — {@code direct}: whoever returns from this step may ask that the rework come straight
 *       back to it. The model marks the way back itself, with a sequence flow after the rework step whose condition is
 *       {@code ${resubmitTo == '<this step's id>'}} ({@value #RESUBMIT_VARIABLE}, set by the platform); without such a
 *       flow the deployment is refused. Absent: after rework the project goes forward through every step in between.</li>
 * </ul>
 * Plain Java: the engine side reads the properties and hands them here.
 */
public record ActionConfig(Set<Action> actions, Set<String> returnTo, boolean direct) {

  public static final String ACTIONS = "approval.actions";
  public static final String RETURN_TO = "approval.returnTo";
  public static final String RESUBMIT = "approval.resubmit";
  public static final String DIRECT = "direct";
  /** The process variable a direct return sets to the returning step's id; the model's way back tests it. */
  public static final String RESUBMIT_VARIABLE = "resubmitTo";

  public static final String PREVIOUS = "previous";
  public static final String FIRST = "first";
  public static final String VISITED = "visited";

  /** The actions beside 完成; their Chinese names are what Tasklist and the record show. */
  public enum Action {
    RETURN("return", "退回"), WITHDRAW("withdraw", "撤回"), TRANSFER("transfer", "转办"), DELEGATE("delegate", "委派"),
    CONSULT("consult", "征求意见");

    public final String id;
    public final String label;

    Action(String id, String label) {
      this.id = id;
      this.label = label;
    }
  }

  public static final ActionConfig NONE = new ActionConfig(Set.of(), Set.of(), false);

  public ActionConfig(Set<Action> actions, Set<String> returnTo) {
    this(actions, returnTo, false);
  }

  public boolean allows(Action action) {
    return actions.contains(action);
  }

  /** The configuration of a step, or the analyst's mistakes in Chinese (see {@link #problems}). */
  public static ActionConfig parse(String actions, String returnTo) {
    return parse(actions, returnTo, null);
  }

  /** With {@code approval.resubmit}. */
  public static ActionConfig parse(String actions, String returnTo, String resubmit) {
    List<String> problems = problems(actions, returnTo, resubmit);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("；", problems));
    }
    EnumSet<Action> set = EnumSet.noneOf(Action.class);
    for (String word : words(actions)) {
      set.add(action(word));
    }
    return new ActionConfig(set, new LinkedHashSet<>(words(returnTo)), words(resubmit).contains(DIRECT));
  }

  /** What is wrong with a step's two properties, for a refusal at deployment that says what to fix. */
  public static List<String> problems(String actions, String returnTo) {
    return problems(actions, returnTo, null);
  }

  /** With {@code approval.resubmit}; the way back in the model is the deployment check's to find. */
  public static List<String> problems(String actions, String returnTo, String resubmit) {
    List<String> out = new ArrayList<>();
    for (String word : words(resubmit)) {
      if (!DIRECT.equals(word)) {
        out.add("扩展属性 " + RESUBMIT + " 中的“" + word + "”不是可用的值（可用：direct，退回后修改完直接送回本环节）");
      }
    }
    if (!words(resubmit).isEmpty() && !words(actions).contains(Action.RETURN.id)) {
      out.add("扩展属性 " + RESUBMIT + " 只在 " + ACTIONS + " 含 return 时有意义");
    }
    boolean returns = false;
    for (String word : words(actions)) {
      Action action = action(word);
      if (action == null) {
        out.add("扩展属性 " + ACTIONS + " 中的“" + word + "”不是可用的审批操作（可用：return 退回、withdraw 撤回、transfer 转办、delegate 委派、consult 征求意见）");
      }
      returns |= action == Action.RETURN;
    }
    if (returns && words(returnTo).isEmpty()) {
      out.add("允许退回（return）的环节须用扩展属性 " + RETURN_TO + " 指明可退回到哪里（previous、first、visited 或环节 id）");
    }
    if (!returns && !words(returnTo).isEmpty()) {
      out.add("扩展属性 " + RETURN_TO + " 只在 " + ACTIONS + " 含 return 时有意义");
    }
    return out;
  }

  private static Action action(String word) {
    return Arrays.stream(Action.values()).filter(a -> a.id.equals(word)).findFirst().orElse(null);
  }

  static List<String> words(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.trim().split("[\\s,，、]+")).filter(w -> !w.isEmpty()).toList();
  }
}
