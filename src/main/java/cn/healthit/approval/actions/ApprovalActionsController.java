package cn.healthit.approval.actions;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The approval actions beside 完成, for Tasklist's 「审批操作」 tab and for scripts:
 * {@code GET /api/tasks/{id}/actions} (what the caller may do here), {@code POST …/return}
 * ({@code {"target": activityId, "opinion": …, "resubmit": "direct"?}}), {@code POST …/transfer} and {@code POST …/delegate}
 * ({@code {"userId": …, "opinion": …}}), {@code POST …/consult} ({@code {"userIds": […], "question": …}}, 征求意见) and
 * {@code POST …/consultations/{id}/cancel}, {@code POST /api/tasks/{completedTaskId}/withdraw} ({@code {"reason": …}}) and,
 * for Tasklist's 「我的已办 · 撤回」, {@code GET /api/my/submissions} (the caller's last completed steps, each
 * withdrawable or with the reason why not). A refusal is a 400 in Chinese that names the field; nothing is stored.
 */
@RestController
public class ApprovalActionsController {

  private final ApprovalActions actions;
  private final Consultations consultations;

  public ApprovalActionsController(ApprovalActions actions, Consultations consultations) {
    this.actions = actions;
    this.consultations = consultations;
  }

  public record ConsultRequest(List<String> userIds, String question) {}

  public record ReturnRequest(String target, String opinion, String resubmit) {}

  public record HandOverRequest(String userId, String opinion) {}

  public record WithdrawRequest(String reason) {}

  /** 撤回 a step the caller completed: {@code taskId} is the completed (historic) task's id. */
  @PostMapping("/api/tasks/{taskId}/withdraw")
  public ResponseEntity<Map<String, Object>> withdraw(@PathVariable String taskId, @RequestBody(required = false) WithdrawRequest request) {
    return ResponseEntity.ok(actions.withdraw(taskId, request == null ? null : request.reason()));
  }

  /** The caller's last completed steps in running projects, newest first, and whether each may be taken back now. */
  @GetMapping("/api/my/submissions")
  public List<Map<String, Object>> submissions() {
    return actions.submissions();
  }

  @GetMapping("/api/tasks/{taskId}/actions")
  public Map<String, Object> available(@PathVariable String taskId) {
    Map<String, Object> body = actions.available(taskId);
    @SuppressWarnings("unchecked")
    boolean consult = ((List<Map<String, Object>>) body.get("actions")).stream().anyMatch(a -> "consult".equals(a.get("id")));
    body.putAll(consultations.available(taskId, consult));
    return body;
  }

  /** 征求意见: ask named people for their opinion on this task ({@code {"userIds": […], "question": …}}). */
  @PostMapping("/api/tasks/{taskId}/consult")
  public ResponseEntity<Map<String, Object>> consult(@PathVariable String taskId, @RequestBody(required = false) ConsultRequest request) {
    ConsultRequest r = request == null ? new ConsultRequest(null, null) : request;
    return ResponseEntity.ok(consultations.ask(taskId, r.userIds(), r.question()));
  }

  /** 撤销 a question not yet answered. */
  @PostMapping("/api/tasks/{taskId}/consultations/{consultationId}/cancel")
  public ResponseEntity<Map<String, Object>> cancelConsultation(@PathVariable String taskId, @PathVariable String consultationId) {
    return ResponseEntity.ok(consultations.cancel(taskId, consultationId));
  }

  @PostMapping("/api/tasks/{taskId}/return")
  public ResponseEntity<Map<String, Object>> returnTask(@PathVariable String taskId, @RequestBody(required = false) ReturnRequest request) {
    ReturnRequest r = request == null ? new ReturnRequest(null, null, null) : request;
    return ResponseEntity.ok(actions.returnTo(taskId, r.target(), r.opinion(), r.resubmit()));
  }

  @PostMapping("/api/tasks/{taskId}/transfer")
  public ResponseEntity<Map<String, Object>> transfer(@PathVariable String taskId, @RequestBody(required = false) HandOverRequest request) {
    HandOverRequest r = request == null ? new HandOverRequest(null, null) : request;
    return ResponseEntity.ok(actions.transfer(taskId, r.userId(), r.opinion()));
  }

  @PostMapping("/api/tasks/{taskId}/delegate")
  public ResponseEntity<Map<String, Object>> delegate(@PathVariable String taskId, @RequestBody(required = false) HandOverRequest request) {
    HandOverRequest r = request == null ? new HandOverRequest(null, null) : request;
    return ResponseEntity.ok(actions.delegate(taskId, r.userId(), r.opinion()));
  }
}
