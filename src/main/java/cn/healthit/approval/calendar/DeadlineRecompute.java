package cn.healthit.approval.calendar;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * After a year's holidays are loaded: every open deadline counted on the working-day calendar is counted
 * again from where it started — user tasks' due dates (from the task's creation, or from the start
 * variable of a {@link WorkingDayVariableDeadline}, whose variable is updated too) and timers (the
 * engine recomputes each from its creation, {@code recalculateJobDuedate}). A changed deadline is
 * recorded on the project as a comment 「【工作日历】…」 (on the task, or on the instance for a timer),
 * which the 审批意见 tab, the approval record and Cockpit show; the 暂定 note goes once the deadline is exact.
 * Uses Camunda's public API only.
 */
@Component
public class DeadlineRecompute {

  private static final Logger LOG = LoggerFactory.getLogger(DeadlineRecompute.class);
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(WorkingDayDeadline.CHINA);
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{\\s*(\\w+)\\s*}");

  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final ManagementService managementService;
  private final RepositoryService repositoryService;
  private final WorkingDayCalendar calendar;
  private final ObjectProvider<WorkingDayVariableDeadline> variableDeadlines;

  public DeadlineRecompute(TaskService taskService, RuntimeService runtimeService, ManagementService managementService,
      RepositoryService repositoryService, WorkingDayCalendar calendar, ObjectProvider<WorkingDayVariableDeadline> variableDeadlines) {
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.managementService = managementService;
    this.repositoryService = repositoryService;
    this.calendar = calendar;
    this.variableDeadlines = variableDeadlines;
  }

  /** What a recomputation changed. */
  public record Result(int tasks, int timers, List<String> changes) {}

  static String shown(Date date) {
    return SHOWN.format(date.toInstant());
  }

  public Result recompute(WorkingDays.Year loaded) {
    WorkingDays days = calendar.get();
    Map<String, WorkingDayVariableDeadline> declared = variableDeadlines.orderedStream()
        .collect(Collectors.toMap(WorkingDayVariableDeadline::variable, d -> d, (a, b) -> a));
    String why = "【工作日历】已载入 " + loaded.year() + " 年节假日安排（" + loaded.notice() + "），";
    List<String> changes = new ArrayList<>();
    int tasks = 0;
    Map<String, Optional<String>> dueTexts = new HashMap<>();
    Set<String> variablesUpdated = new HashSet<>();
    for (Task task : taskService.createTaskQuery().dueAfter(new Date(0)).list()) {
      String text = dueTexts.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
          k -> dueDateText(task)).orElse(null);
      if (!DeadlineNoteParseListener.workingDayDueDate(text, declared.keySet())) {
        continue;
      }
      Instant from = task.getCreateTime().toInstant();
      Instant due;
      Optional<Integer> n = WorkingDayDeadline.parse(text);
      if (n.isPresent()) {
        due = WorkingDayDeadline.after(days, from, n.get());
      } else {
        Matcher m = VARIABLE.matcher(text.strip());
        m.matches();
        WorkingDayVariableDeadline deadline = declared.get(m.group(1));
        Object start = runtimeService.getVariable(task.getExecutionId(), deadline.startVariable());
        if (!(start instanceof Date started)) {
          continue; // begun before the start was recorded: left as it is
        }
        from = started.toInstant();
        due = WorkingDayDeadline.after(days, from, deadline.workingDays());
        if (variablesUpdated.add(task.getProcessInstanceId() + "#" + deadline.variable())) {
          runtimeService.setVariable(task.getExecutionId(), deadline.variable(), Date.from(due));
        }
      }
      Optional<String> note = WorkingDayDeadline.note(days, from, due);
      boolean wasProvisional = taskService.getVariableLocal(task.getId(), DeadlineNoteParseListener.NOTE) != null;
      if (note.isPresent()) {
        taskService.setVariableLocal(task.getId(), DeadlineNoteParseListener.NOTE, note.get());
      } else if (wasProvisional) {
        taskService.removeVariableLocal(task.getId(), DeadlineNoteParseListener.NOTE);
      }
      Date old = task.getDueDate();
      if (!old.toInstant().equals(due)) {
        task.setDueDate(Date.from(due));
        taskService.saveTask(task);
        String change = why + "「" + task.getName() + "」的到期日由 " + shown(old) + (wasProvisional ? "（暂定）" : "")
            + " 重算为 " + shown(Date.from(due)) + (note.isPresent() ? "（仍为暂定）" : "") + "。";
        taskService.createComment(task.getId(), task.getProcessInstanceId(), change);
        changes.add(change);
        tasks++;
      }
    }
    int timers = 0;
    Map<String, Optional<JobDefinition>> definitions = new HashMap<>();
    for (Job job : managementService.createJobQuery().timers().list()) {
      JobDefinition definition = definitions.computeIfAbsent(job.getJobDefinitionId(), id -> Optional.ofNullable(
          managementService.createJobDefinitionQuery().jobDefinitionId(id).singleResult())).orElse(null);
      if (definition == null || definition.getJobConfiguration() == null || !workingDayTimer(definition.getJobConfiguration())) {
        continue;
      }
      Date old = job.getDuedate();
      managementService.recalculateJobDuedate(job.getId(), true);
      Date now = managementService.createJobQuery().jobId(job.getId()).singleResult().getDuedate();
      if (!now.equals(old)) {
        String change = why + "定时「" + activityName(definition) + "」的到期时间由 " + shown(old) + " 重算为 " + shown(now) + "。";
        taskService.createComment(null, job.getProcessInstanceId(), change);
        changes.add(change);
        timers++;
      }
    }
    LOG.info("载入 {} 年节假日安排后重算期限：{} 个任务、{} 个定时器改变", loaded.year(), tasks, timers);
    return new Result(tasks, timers, changes);
  }

  /** A timer's configuration is "DURATION: 20 working days" or "DATE: …". */
  static boolean workingDayTimer(String configuration) {
    int colon = configuration.indexOf(':');
    return WorkingDayDeadline.parse(colon < 0 ? configuration : configuration.substring(colon + 1)).isPresent();
  }

  private Optional<String> dueDateText(Task task) {
    FlowElement element = repositoryService.getBpmnModelInstance(task.getProcessDefinitionId())
        .getModelElementById(task.getTaskDefinitionKey());
    return element instanceof UserTask userTask ? Optional.ofNullable(userTask.getCamundaDueDate()) : Optional.empty();
  }

  private String activityName(JobDefinition definition) {
    FlowElement element = repositoryService.getBpmnModelInstance(definition.getProcessDefinitionId())
        .getModelElementById(definition.getActivityId());
    return element != null && element.getName() != null ? element.getName() : definition.getActivityId();
  }
}
