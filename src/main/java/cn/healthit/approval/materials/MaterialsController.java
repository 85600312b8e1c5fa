package cn.healthit.approval.materials;

import cn.healthit.approval.labels.Labels;
import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.record.Projects;
import cn.healthit.approval.web.ApiExceptionHandler.ForbiddenException;
import cn.healthit.approval.web.ApiExceptionHandler.NotFoundException;
import cn.healthit.approval.web.CurrentUser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Task;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * A project's materials, kept as attachments of the engine (in its database: they survive restarts
 * and are in the history with everything else).
 * <ul>
 *   <li>{@code GET  /api/tasks/{taskId}/materials} — every material of the task's project, from all of
 *       its instances, oldest first, with the upload limits;</li>
 *   <li>{@code POST /api/tasks/{taskId}/materials} (multipart: {@code category}, {@code file}) — the
 *       task's assignee attaches a file, checked by {@link MaterialRules};</li>
 *   <li>{@code GET  /api/materials/{id}} — the file, for anyone who may see its project;</li>
 *   <li>{@code GET  /api/projects/{key}/materials} — the list, for anyone who may see the project.</li>
 * </ul>
 * Seeing a task of a project is what entitles a reviewer to read all its materials: an expert on the
 * technical review reads the 需求书 attached in the lifecycle. Attaching is for the task's assignee.
 */
@RestController
public class MaterialsController {

  /** How the comment recording an upload begins. */
  public static final String COMMENT_PREFIX = cn.healthit.approval.actions.ActionRecord.Kind.MATERIAL.mark;
  private static final int HEAD_BYTES = 512;

  private final TaskService taskService;
  private final HistoryService historyService;
  private final IdentityService identityService;
  private final Projects projects;
  private final MaterialsProperties properties;
  private final Labels labels;

  public MaterialsController(TaskService taskService, HistoryService historyService, IdentityService identityService,
      Projects projects, MaterialsProperties properties, Labels labels) {
    this.taskService = taskService;
    this.historyService = historyService;
    this.identityService = identityService;
    this.projects = projects;
    this.properties = properties;
    this.labels = labels;
  }

  @GetMapping("/api/tasks/{taskId}/materials")
  public Map<String, Object> ofTask(@PathVariable String taskId) {
    Task task = projects.visibleTask(taskId);
    String projectKey = projects.projectKeyOf(task);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("projectKey", projectKey);
    body.put("canUpload", CurrentUser.id(identityService).equals(task.getAssignee()));
    body.put("maxFileSize", properties.maxFileSize().toBytes());
    body.put("allowedTypes", MaterialRules.ALLOWED_TYPES_TEXT);
    body.put("categories", MaterialRules.CATEGORIES.entrySet().stream()
        .map(e -> Map.of("value", e.getKey(), "label", e.getValue())).toList());
    body.put("materials", asSystem(() -> list(projectKey, task.getProcessInstanceId())));
    return body;
  }

  @GetMapping("/api/projects/{projectKey}/materials")
  public List<Map<String, Object>> ofProject(@PathVariable String projectKey) {
    if (projects.instances(projectKey).isEmpty()) {
      throw new NotFoundException("没有找到业务编号为 " + projectKey + " 的项目，或您无权查看");
    }
    return asSystem(() -> list(projectKey, null));
  }

  @PostMapping("/api/tasks/{taskId}/materials")
  public ResponseEntity<Map<String, Object>> attach(@PathVariable String taskId,
      @RequestParam(name = "category", required = false) String category,
      @RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
    Task task = projects.visibleTask(taskId);
    String user = CurrentUser.id(identityService);
    if (!user.equals(task.getAssignee())) {
      throw new ForbiddenException("请先认领任务「" + task.getName() + "」，再上传材料");
    }
    if (file == null) {
      throw new InvalidInputException("file", "请选择要上传的文件（file）");
    }
    byte[] content = file.getBytes();
    MaterialRules.Accepted accepted = MaterialRules.check(category, file.getOriginalFilename(), content.length,
        Arrays.copyOf(content, Math.min(content.length, HEAD_BYTES)), properties.maxFileSize().toBytes());
    Attachment attachment = taskService.createAttachment(accepted.mimeType(), task.getId(), task.getProcessInstanceId(),
        accepted.fileName(), new MaterialRules.Label(accepted.categoryLabel(), user).describe(), new ByteArrayInputStream(content));
    taskService.createComment(task.getId(), task.getProcessInstanceId(),
        COMMENT_PREFIX + accepted.categoryLabel() + "《" + accepted.fileName() + "》");
    return ResponseEntity.status(201).body(describe(attachment, Map.of(task.getId(), task.getName()), content.length));
  }

  @GetMapping("/api/materials/{attachmentId}")
  public ResponseEntity<InputStreamResource> download(@PathVariable String attachmentId) {
    Attachment attachment = asSystem(() -> taskService.getAttachment(attachmentId));
    if (attachment == null || attachment.getProcessInstanceId() == null || !mayRead(attachment)) {
      throw new NotFoundException("材料不存在或您无权查看：" + attachmentId);
    }
    InputStream content = asSystem(() -> taskService.getAttachmentContent(attachmentId));
    String encoded = URLEncoder.encode(attachment.getName(), StandardCharsets.UTF_8).replace("+", "%20");
    MediaType type = attachment.getType() == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(attachment.getType());
    return ResponseEntity.ok()
        .contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''" + encoded)
        .header("X-Content-Type-Options", "nosniff")
        .body(new InputStreamResource(content));
  }

  /** The caller may read a material when they can see its project or an open task of it. */
  private boolean mayRead(Attachment attachment) {
    String projectKey = projects.projectKeyOfInstance(attachment.getProcessInstanceId());
    if (projectKey == null) {
      return false;
    }
    if (!projects.instances(projectKey).isEmpty()) {
      return true;
    }
    List<String> ids = projects.allInstanceIds(projectKey);
    return !ids.isEmpty() && taskService.createTaskQuery().processInstanceIdIn(ids.toArray(String[]::new)).count() > 0;
  }

  private List<Map<String, Object>> list(String projectKey, String fallbackInstanceId) {
    List<String> instanceIds = new ArrayList<>(projects.instances(projectKey).stream().map(HistoricProcessInstance::getId).toList());
    if (fallbackInstanceId != null && !instanceIds.contains(fallbackInstanceId)) {
      instanceIds.add(fallbackInstanceId);
    }
    Map<String, String> taskNames = new LinkedHashMap<>();
    List<Attachment> attachments = new ArrayList<>();
    for (String instanceId : instanceIds) {
      historyService.createHistoricTaskInstanceQuery().processInstanceId(instanceId).list()
          .forEach((HistoricTaskInstance t) -> taskNames.put(t.getId(), t.getName()));
      attachments.addAll(taskService.getProcessInstanceAttachments(instanceId));
    }
    attachments.sort(Comparator.comparing(Attachment::getCreateTime).thenComparing(Attachment::getId));
    return attachments.stream().map(a -> describe(a, taskNames, -1)).toList();
  }

  private Map<String, Object> describe(Attachment attachment, Map<String, String> taskNames, long size) {
    MaterialRules.Label label = MaterialRules.Label.of(attachment.getDescription());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", attachment.getId());
    body.put("name", attachment.getName());
    body.put("category", label.category());
    body.put("type", attachment.getType());
    body.put("taskId", attachment.getTaskId());
    body.put("taskName", taskNames.get(attachment.getTaskId()));
    body.put("processInstanceId", attachment.getProcessInstanceId());
    body.put("uploadedBy", label.uploader());
    body.put("uploadedByName", userName(label.uploader()));
    body.put("uploadedAt", attachment.getCreateTime());
    if (size >= 0) {
      body.put("size", size);
    }
    body.put("href", "/api/materials/" + attachment.getId());
    return body;
  }

  private String userName(String userId) {
    if (userId == null) {
      return null;
    }
    return labels.user(userId);
  }

  private <T> T asSystem(Supplier<T> read) {
    return projects.asSystem(read);
  }
}
