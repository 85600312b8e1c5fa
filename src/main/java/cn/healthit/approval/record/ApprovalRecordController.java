package cn.healthit.approval.record;

import cn.healthit.approval.labels.Labels;
import cn.healthit.approval.calendar.DeadlineNoteParseListener;
import cn.healthit.approval.materials.MaterialRules;
import cn.healthit.approval.tianjin.panel.Panel;
import cn.healthit.approval.web.ApiExceptionHandler.NotFoundException;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Comment;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The printable approval record (审批单) of a project: {@code GET /api/projects/{businessKey}/record}.
 * Every process instance with the project's number (the lifecycle, its called reviews, changes
 * filed against it), each finished task with who, when, the decision and the opinion, the panel
 * and its draw, the changes. Read with the caller's own authorizations: what they may not see in
 * Cockpit is not printed either. Prints to A4 from the browser.
 */
@RestController
public class ApprovalRecordController {

  /** Variables worth a line in the header of an instance, in this order; each shown as {@link Labels} reads it. */
  private static final Map<String, String> FACTS = new LinkedHashMap<>();

  static {
    FACTS.put("projectName", "项目名称");
    FACTS.put("requestingDepartment", "需求部门");
    FACTS.put("constructionUnit", "项目建设单位");
    FACTS.put("unitName", "建设单位");
    FACTS.put("submittingUnit", "提交单位");
    FACTS.put("hospitalName", "医院");
    FACTS.put("category", "项目类别");
    FACTS.put("tier", "项目级别");
    FACTS.put("budget", "项目预算");
    FACTS.put("investment", "项目投资");
    FACTS.put("amount", "项目金额");
    FACTS.put("contractAmount", "原合同金额");
    FACTS.put("proposedCost", "变更费用");
    FACTS.put("estimatedCost", "估算费用");
    FACTS.put("engineeringCost", "工程费用");
    FACTS.put("thirdPartyServiceCost", "第三方服务费用");
    FACTS.put("contingencyReserve", "工程预备费");
    FACTS.put("reviewOutcome", "技术评审结论");
    FACTS.put("requestSource", "变更来源");
    FACTS.put("escalated", "超过合同金额10%");
    FACTS.put("trigger", "紧急采购情形");
    FACTS.put("emergencyRoute", "应急采购路径");
    FACTS.put("leadingGroupApprovalRequired", "须领导小组审批");
    FACTS.put("finalAcceptanceBy", "竣工验收组织方");
    FACTS.put("incidentType", "事件类型");
    // 征求意见 (approval-consultation): who asked whom on which step, and the answer
    FACTS.put("consultedBy", "征求人");
    FACTS.put("consultee", "被征求人");
    FACTS.put("askingTaskName", "审批环节");
    FACTS.put("question", "征求意见的事项");
    FACTS.put("answer", "答复");
  }

  private final HistoryService historyService;
  private final TaskService taskService;
  private final Labels labels;
  private final Projects projects;

  public ApprovalRecordController(HistoryService historyService, TaskService taskService, Labels labels, Projects projects) {
    this.historyService = historyService;
    this.taskService = taskService;
    this.labels = labels;
    this.projects = projects;
  }

  @GetMapping(value = "/api/projects/{businessKey}/record", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
  public String record(@PathVariable String businessKey) {
    List<HistoricProcessInstance> ordered = projects.instances(businessKey);
    if (ordered.isEmpty()) {
      throw new NotFoundException("没有找到业务编号为 " + businessKey + " 的项目，或您无权查看");
    }
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>审批单 ").append(esc(businessKey))
        .append("</title><style>").append(CSS).append("</style></head><body>")
        .append("<h1>审批单</h1><p class=\"meta\">业务编号 <b>").append(esc(businessKey)).append("</b> · 打印时间 ")
        .append(time(new Date())).append("</p>");
    StringBuilder technical = new StringBuilder();
    for (HistoricProcessInstance instance : ordered) {
      section(html, technical, instance);
    }
    html.append("<section class=\"technical\"><h2>技术信息</h2><p class=\"meta\">供平台管理员核对：流程实例与变量的原始取值。</p>")
        .append("<table class=\"tasks\"><tr><th>流程</th><th>流程实例</th><th>变量</th><th>原始取值</th></tr>")
        .append(technical).append("</table></section>");
    html.append("<p class=\"foot\">本审批单由平台根据流程历史自动生成；每条决定的办理人、时间、结论与意见均取自引擎记录。</p>")
        .append("</body></html>");
    return html.toString();
  }

  /** The open tasks' due dates; one counted on a year without holiday data says 暂定 and why (calendar.DeadlineNoteParseListener). */
  private void deadlines(StringBuilder html, HistoricProcessInstance instance) {
    List<org.camunda.bpm.engine.task.Task> open = taskService.createTaskQuery().processInstanceId(instance.getId())
        .dueAfter(new Date(0)).orderByDueDate().asc().list();
    if (open.isEmpty()) {
      return;
    }
    html.append("<h3>当前期限</h3><table class=\"tasks\"><tr><th>环节</th><th>到期日</th><th>说明</th></tr>");
    for (org.camunda.bpm.engine.task.Task task : open) {
      Object note = taskService.getVariableLocal(task.getId(), DeadlineNoteParseListener.NOTE);
      html.append("<tr><td>").append(esc(task.getName())).append("</td><td>").append(time(task.getDueDate()))
          .append(note != null ? "（暂定）" : "").append("</td><td>").append(note != null ? esc(note.toString()) : "")
          .append("</td></tr>");
    }
    html.append("</table>");
  }

  private void section(StringBuilder html, StringBuilder technical, HistoricProcessInstance instance) {
    String name = instance.getProcessDefinitionName() != null ? instance.getProcessDefinitionName()
        : instance.getProcessDefinitionKey();
    html.append("<section><h2>").append(esc(name)).append(" <small>").append(esc(instance.getBusinessKey())).append("</small></h2>")
        .append("<p class=\"meta\">发起 ").append(time(instance.getStartTime())).append(" · ")
        .append(instance.getEndTime() == null ? "进行中" : "结束 " + time(instance.getEndTime()))
        .append(instance.getSuperProcessInstanceId() != null ? " · 由上级流程调用" : "").append("</p>");
    Map<String, Object> variables = new LinkedHashMap<>();
    historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list()
        .forEach(v -> variables.put(v.getName(), v.getValue()));
    html.append("<table class=\"facts\">");
    technical.append("<tr><td>").append(esc(instance.getProcessDefinitionKey())).append("</td><td>").append(esc(instance.getId()))
        .append("</td><td>businessKey</td><td>").append(esc(instance.getBusinessKey())).append("</td></tr>");
    FACTS.forEach((key, label) -> {
      Object value = variables.get(key);
      if (value != null && !value.toString().isBlank()) {
        html.append("<tr><th>").append(label).append("</th><td>").append(esc(labels.value(key, value))).append("</td></tr>");
        technical.append("<tr><td>").append(esc(instance.getProcessDefinitionKey())).append("</td><td>").append(esc(instance.getId()))
            .append("</td><td>").append(esc(key)).append("</td><td>").append(esc(value.toString())).append("</td></tr>");
      }
    });
    html.append("</table>");
    if (variables.get("panel") instanceof Collection<?> panel) {
      html.append("<h3>技术工作组</h3><table><tr><th>专家</th><th>来源</th></tr>");
      for (Object member : panel) {
        if (member instanceof Map<?, ?> m) {
          html.append("<tr><td>").append(esc(userName(String.valueOf(m.get("userId"))))).append("</td><td>")
              .append(esc(panelSource(String.valueOf(m.get("source"))))).append("</td></tr>");
        }
      }
      html.append("</table>");
    }
    if (variables.get("panelDraw") instanceof Map<?, ?> draw) {
      List<String> drawn = draw.get("drawn") instanceof Collection<?> ids
          ? ids.stream().map(id -> labels.user(String.valueOf(id))).toList() : List.of(String.valueOf(draw.get("drawn")));
      html.append("<p class=\"draw\">院外专家抽取：由 ").append(esc(userName(String.valueOf(draw.get("drawnBy")))))
          .append(" 于 ").append(esc(String.valueOf(draw.get("drawnAt")))).append(" 从「").append(esc(labels.group(String.valueOf(draw.get("pool")))))
          .append("」中抽取 ").append(esc(String.valueOf(draw.get("count")))).append(" 名：").append(esc(String.join("、", drawn)))
          .append("。</p>");
      technical.append("<tr><td>").append(esc(instance.getProcessDefinitionKey())).append("</td><td>").append(esc(instance.getId()))
          .append("</td><td>panelDraw</td><td>").append(esc(String.valueOf(draw))).append("</td></tr>");
    }
    for (String text : new String[] {"technicalEvaluation", "changeSummary"}) {
      if (variables.get(text) != null) {
        html.append("<h3>").append(text.equals("changeSummary") ? "变更记录" : "《技术评价结果》").append("</h3><pre>")
            .append(esc(variables.get(text).toString())).append("</pre>");
      }
    }
    deadlines(html, instance);
    List<HistoricTaskInstance> tasks = historyService.createHistoricTaskInstanceQuery().processInstanceId(instance.getId())
        .finished().orderByHistoricTaskInstanceEndTime().asc().list();
    if (!tasks.isEmpty()) {
      html.append("<h3>办理记录</h3><table class=\"tasks\"><tr><th>环节</th><th>办理人</th><th>完成时间</th><th>结论与意见</th></tr>");
      for (HistoricTaskInstance task : tasks) {
        html.append("<tr><td>").append(esc(task.getName())).append("</td><td>").append(esc(userName(task.getAssignee())))
            .append("</td><td>").append(time(task.getEndTime())).append("</td><td>");
        for (Comment comment : taskService.getTaskComments(task.getId())) {
          html.append("<div>").append(esc(comment.getFullMessage())).append("</div>");
        }
        html.append("</td></tr>");
      }
      html.append("</table>");
    }
    List<Attachment> materials = new ArrayList<>(projects.asSystem(() -> taskService.getProcessInstanceAttachments(instance.getId())));
    materials.sort(Comparator.comparing(Attachment::getCreateTime).thenComparing(Attachment::getId));
    if (!materials.isEmpty()) {
      html.append("<h3>材料</h3><table class=\"tasks\"><tr><th>类别</th><th>文件</th><th>上传人</th><th>上传时间</th></tr>");
      for (Attachment material : materials) {
        MaterialRules.Label label = MaterialRules.Label.of(material.getDescription());
        html.append("<tr><td>").append(esc(label.category()))
            .append("</td><td><a href=\"/api/materials/").append(esc(material.getId())).append("\">").append(esc(material.getName()))
            .append("</a></td><td>").append(esc(userName(label.uploader())))
            .append("</td><td>").append(time(material.getCreateTime())).append("</td></tr>");
      }
      html.append("</table>");
    }
    html.append("</section>");
  }

  private String userName(String userId) {
    return labels.userWithTitle(userId);
  }

  private static String panelSource(String source) {
    try {
      return Panel.Source.valueOf(source).label();
    } catch (IllegalArgumentException unknown) {
      return source;
    }
  }

  private static String time(Date date) {
    if (date == null) {
      return "";
    }
    SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd HH:mm");
    format.setTimeZone(TimeZone.getTimeZone("Asia/Shanghai"));
    return format.format(date);
  }

  private static String esc(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static final String CSS = """
      @page { size: A4; margin: 15mm; }
      body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 11pt; color: #000; }
      h1 { text-align: center; letter-spacing: 0.5em; margin: 0 0 4mm; }
      h2 { font-size: 13pt; border-bottom: 1px solid #000; margin-top: 8mm; }
      h2 small { font-weight: normal; font-size: 10pt; }
      h3 { font-size: 11pt; margin: 4mm 0 2mm; }
      table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
      tr { page-break-inside: avoid; }
      th, td { border: 1px solid #444; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
      th { background: #eee; width: 22%; }
      table.tasks th { width: auto; }
      pre { white-space: pre-wrap; font-family: inherit; border: 1px solid #444; padding: 2mm; }
      .meta, .draw, .foot { color: #333; font-size: 9.5pt; }
      section.technical { font-size: 8pt; color: #555; page-break-before: auto; }
      section.technical h2 { font-size: 10pt; }
      section.technical th, section.technical td { padding: 0.5mm 1mm; }
      section { page-break-inside: auto; }
      @media print { a { color: #000; text-decoration: none; } }
      """;
}
