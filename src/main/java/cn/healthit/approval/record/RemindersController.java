package cn.healthit.approval.record;

import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.labels.Labels;
import cn.healthit.approval.web.ApiExceptionHandler.NotFoundException;
import cn.healthit.approval.web.CurrentUser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * 催办: {@code POST /api/tasks/{taskId}/reminders} with {@code {"message": "…"}} records who urged whom,
 * when and why, as a comment on the task — visible in Tasklist's history and on the approval record.
 * Only someone who can see the task may urge it.
 */
@RestController
public class RemindersController {

  public static final String MARK = cn.healthit.approval.actions.ActionRecord.Kind.REMINDER.mark;

  private final TaskService taskService;
  private final IdentityService identityService;
  private final Labels labels;

  public RemindersController(TaskService taskService, IdentityService identityService, Labels labels) {
    this.taskService = taskService;
    this.identityService = identityService;
    this.labels = labels;
  }

  public record ReminderRequest(String message) {}

  @PostMapping("/api/tasks/{taskId}/reminders")
  public ResponseEntity<Map<String, Object>> remind(@PathVariable String taskId, @RequestBody(required = false) ReminderRequest request) {
    String user = CurrentUser.id(identityService);
    String message = request == null || request.message() == null ? "" : request.message().strip();
    if (message.isEmpty()) {
      throw new InvalidInputException("message", "请填写催办内容（message）");
    }
    if (message.length() > 1000) {
      throw new InvalidInputException("message", "催办内容（message）不能超过 1000 个字符");
    }
    Task task = taskService.createTaskQuery().taskId(taskId).singleResult(); // authorized query: READ on the task
    if (task == null) {
      throw new NotFoundException("任务不存在或无权查看：" + taskId);
    }
    // names, not ids: the comment is read in the 审批意见 tab and printed on the 审批单
    String whom = task.getAssignee() != null ? labels.user(task.getAssignee())
        : String.join("、", taskService.getIdentityLinksForTask(taskId).stream()
            .filter(link -> "candidate".equals(link.getType()))
            .map(link -> link.getGroupId() != null ? labels.group(link.getGroupId()) : labels.user(link.getUserId())).toList());
    Comment comment = taskService.createComment(taskId, task.getProcessInstanceId(),
        MARK + labels.user(user) + " 催办 " + (whom.isEmpty() ? "办理人" : whom) + "（" + task.getName() + "）：" + message);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", comment.getId());
    body.put("userId", comment.getUserId());
    body.put("time", comment.getTime());
    body.put("message", comment.getFullMessage());
    return ResponseEntity.status(201).body(body);
  }
}
