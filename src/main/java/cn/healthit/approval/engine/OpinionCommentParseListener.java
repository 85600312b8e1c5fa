package cn.healthit.approval.engine;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Every decision's written opinion is kept as a comment on its task, with the decision, by whoever
 * completed it (SPEC.md §0 "every decision leaves a trace"). Tasklist shows the comments of a
 * process in the task's History tab; Cockpit and the approval record show them too. Applies to
 * every user task of every model, by the convention that decisions are `decision` and the written
 * reason is `opinion`.
 */
public class OpinionCommentParseListener extends AbstractBpmnParseListener {

  /** Chinese words for the decision constants the models use; unknown ones are shown as they are. */
  static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("APPROVED", "同意／通过"), Map.entry("APPROVE", "同意"), Map.entry("REJECTED", "不同意／不通过"),
      Map.entry("REJECT", "不同意"), Map.entry("RETURN", "退回"), Map.entry("REVISE", "需修改"),
      Map.entry("FORWARD", "同意并提交"), Map.entry("ACCEPTED", "受理／通过"), Map.entry("RECTIFY", "需整改"),
      Map.entry("PASSED", "通过"), Map.entry("FAILED", "未通过"), Map.entry("CONFIRMED", "确认"),
      Map.entry("APPROVED_AFTER_SUPPLEMENT", "补充后通过"), Map.entry("FIXED", "已解决"), Map.entry("REOPEN", "未解决"),
      Map.entry("RAISE_CHANGE", "提出变更"));

  /** What decision and opinion held when the task was created: a later task must not repeat them. */
  static final String BASELINE = "opinionBaseline";
  /** The unit separator: PostgreSQL refuses NUL in text, and nobody types U+001F. */
  private static final String SEPARATOR = "\u001F";

  static final TaskListener BASELINE_ON_CREATE = task -> task.setVariableLocal(BASELINE, snapshot(task));
  static final TaskListener RECORD = OpinionCommentParseListener::record;

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    definition.addTaskListener(TaskListener.EVENTNAME_CREATE, BASELINE_ON_CREATE);
    definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, RECORD);
  }

  private static String snapshot(DelegateTask task) {
    return task.getVariable("decision") + SEPARATOR + task.getVariable("opinion");
  }

  static void record(DelegateTask task) {
    if (snapshot(task).equals(task.getVariableLocal(BASELINE))) {
      return; // this task recorded no decision or opinion of its own
    }
    String text = comment(task.getName(), task.getVariable("decision"), task.getVariable("opinion"),
        !String.valueOf(task.getVariable("decision")).equals(String.valueOf(baselinePart(task, 0))));
    if (text != null) {
      task.getProcessEngineServices().getTaskService().createComment(task.getId(), task.getProcessInstanceId(), text);
    }
  }

  /**
   * The opinion written on this task, or null: `opinion` is a process variable, so an earlier task's
   * text is still there when a later task opens; it must not count as this task's reason.
   */
  public static Object freshOpinion(DelegateTask task) {
    Object opinion = task.getVariable("opinion");
    return opinion != null && opinion.toString().equals(baselinePart(task, 1)) ? null : opinion;
  }

  private static String baselinePart(DelegateTask task, int index) {
    Object baseline = task.getVariableLocal(BASELINE);
    return baseline == null ? null : baseline.toString().split(SEPARATOR, -1)[index];
  }

  /** 「任务名：决定 — 意见」, or null when the task recorded neither. */
  static String comment(String taskName, Object decision, Object opinion, boolean decisionIsThisTasks) {
    String d = decision == null || !decisionIsThisTasks ? "" : decision.toString().trim();
    String o = opinion == null ? "" : opinion.toString().trim();
    if (d.isEmpty() && o.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder(taskName == null ? "" : taskName).append("：");
    if (!d.isEmpty()) {
      out.append(LABELS.getOrDefault(d, d));
    }
    if (!o.isEmpty()) {
      out.append(d.isEmpty() ? "" : " — ").append(o);
    }
    return out.length() > 4000 ? out.substring(0, 4000) : out.toString();
  }
}
