package cn.healthit.approval.calendar;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Marks a user task whose due date is counted in working days and reaches into a year without holiday
 * data: the task gets the local variable {@value #NOTE} (暂定 and why), which its form, Cockpit's
 * variables and the approval record show. {@link DeadlineRecompute} removes it once the year is loaded.
 * A task's deadline counts in working days when its {@code camunda:dueDate} is a working-day text
 * ({@code 10 working days}) or {@code ${v}} for a declared {@link WorkingDayVariableDeadline}.
 */
public class DeadlineNoteParseListener extends AbstractBpmnParseListener {

  /** The task-local variable that says a due date is provisional. */
  public static final String NOTE = "deadlineNote";
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{\\s*(\\w+)\\s*}");

  private final Supplier<WorkingDays> calendar;
  private final Set<String> variableDeadlines;
  private final TaskListener mark = this::mark;

  public DeadlineNoteParseListener(Supplier<WorkingDays> calendar, Set<String> variableDeadlines) {
    this.calendar = calendar;
    this.variableDeadlines = variableDeadlines;
  }

  /** Whether a {@code camunda:dueDate} text is counted on the working-day calendar. */
  public static boolean workingDayDueDate(String text, Set<String> variableDeadlines) {
    if (text == null) {
      return false;
    }
    if (WorkingDayDeadline.parse(text).isPresent()) {
      return true;
    }
    Matcher m = VARIABLE.matcher(text.strip());
    return m.matches() && variableDeadlines.contains(m.group(1));
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    String dueDate = userTaskElement.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "dueDate");
    if (workingDayDueDate(dueDate, variableDeadlines)) {
      ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
          .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, mark);
    }
  }

  private void mark(DelegateTask task) {
    if (task.getDueDate() == null) {
      return;
    }
    Instant from = (task.getCreateTime() != null ? task.getCreateTime() : ClockUtil.getCurrentTime()).toInstant();
    Optional<String> note = WorkingDayDeadline.note(calendar.get(), from, task.getDueDate().toInstant());
    note.ifPresent(text -> task.setVariableLocal(NOTE, text));
  }
}
