package cn.healthit.approval.record;

import cn.healthit.approval.calendar.TimeLeft;
import cn.healthit.approval.calendar.WorkingDayCalendar;
import cn.healthit.approval.calendar.WorkingDays;
import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.labels.ProjectCard;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/tasks/cards?ids=…,…}: what the task cards on one Tasklist page say about their projects —
 * the card variables ({@link ProjectCard}: 项目编号, 项目名称, 金额, 发起部门) and, for a task with a due date,
 * its working days left ({@link TimeLeft}). A reviewer may read a task without being allowed to read its
 * process instance (they see their tasks, not every project of the process), so Tasklist's own card
 * variables stay empty for them; this answers for exactly the tasks the caller may see, and nothing else
 * about the project. Tasks out of sight are left out. One request per page.
 */
@RestController
public class TaskCardsController {

  /** More than a few Tasklist pages in one request is not a card's business. */
  static final int MAX_IDS = 100;

  private final TaskService taskService;
  private final WorkingDayCalendar calendar;
  private final Projects projects;

  public TaskCardsController(TaskService taskService, WorkingDayCalendar calendar, Projects projects) {
    this.taskService = taskService;
    this.calendar = calendar;
    this.projects = projects;
  }

  @GetMapping("/api/tasks/cards")
  public List<Map<String, Object>> cards(@RequestParam(name = "ids", required = false) String ids) {
    String[] taskIds = ids == null ? new String[0] : Arrays.stream(ids.split(",")).map(String::strip)
        .filter(id -> !id.isEmpty()).distinct().toArray(String[]::new);
    if (taskIds.length == 0) {
      throw new InvalidInputException("ids", "请给出任务编号（ids，以逗号分隔）");
    }
    if (taskIds.length > MAX_IDS) {
      throw new InvalidInputException("ids", "一次最多查询 " + MAX_IDS + " 个任务（ids）");
    }
    List<Task> tasks = taskService.createTaskQuery().taskIdIn(taskIds).list(); // authorized: the caller's tasks only
    String[] instances = tasks.stream().map(Task::getProcessInstanceId).filter(id -> id != null).distinct()
        .toArray(String[]::new);
    Map<String, Map<String, Object>> cards = projects.cards(instances);
    WorkingDays days = calendar.get();
    Instant now = Instant.now();
    return tasks.stream().map(task -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("taskId", task.getId());
      Map<String, Object> card = cards.getOrDefault(task.getProcessInstanceId(), Map.of());
      List<Map<String, Object>> facts = ProjectCard.LABELS.entrySet().stream().filter(e -> card.get(e.getKey()) != null)
          .map(e -> Map.<String, Object>of("name", e.getKey(), "label", e.getValue(), "value", card.get(e.getKey()))).toList();
      row.put("facts", facts);
      if (task.getDueDate() != null) {
        TimeLeft left = TimeLeft.of(task.getDueDate().toInstant(), now, days);
        Map<String, Object> due = new LinkedHashMap<>();
        due.put("due", task.getDueDate().toInstant().toString());
        due.put("workingDays", left.workingDays());
        due.put("overdue", left.overdue());
        due.put("provisional", left.provisional());
        due.put("text", left.text());
        row.put("timeLeft", due);
      }
      return row;
    }).toList();
  }
}
