package cn.healthit.approval.notify;

import cn.healthit.approval.labels.Labels;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * E-mail to reviewers (platform.mail.enabled): a new task goes to its assignee, or else to every
 * candidate user and member of its candidate groups who has an address; a task past its due date
 * goes to the same people once. Mail leaves after the engine's transaction commits, on a thread of
 * its own: a slow or absent SMTP server never holds up or rolls back an approval. A failed send is
 * logged and not retried — the task is in Tasklist whatever happens to the mail.
 */
@Component
public class TaskMailNotifier implements DisposableBean {

  /** Task-local marker: the overdue mail for this task has been sent. */
  static final String OVERDUE_NOTIFIED = "overdueNotifiedAt";
  private static final Logger LOG = LoggerFactory.getLogger(TaskMailNotifier.class);

  private final MailProperties properties;
  private final ObjectProvider<JavaMailSender> mailSender;
  private final IdentityService identityService;
  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final RepositoryService repositoryService;
  private final Labels labels;
  private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "task-mail");
    thread.setDaemon(true);
    return thread;
  });

  public TaskMailNotifier(MailProperties properties, ObjectProvider<JavaMailSender> mailSender, IdentityService identityService,
      TaskService taskService, RuntimeService runtimeService, RepositoryService repositoryService, Labels labels) {
    this.properties = properties;
    this.mailSender = mailSender;
    this.identityService = identityService;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.repositoryService = repositoryService;
    this.labels = labels;
  }

  /** What a mail says about a task, taken inside the engine's transaction. */
  record Notice(String taskId, String taskName, String processName, String businessKey, Date due, String assignee,
      Set<String> candidateUsers, Set<String> candidateGroups, List<String> facts) {}

  /** The project's facts a mail names, each as {@link Labels} shows it (names and formatted amounts, never ids). */
  private static final Map<String, String> FACTS = new java.util.LinkedHashMap<>();

  static {
    FACTS.put("projectName", "项目名称");
    FACTS.put("requestingDepartment", "需求部门");
    FACTS.put("constructionUnit", "项目建设单位");
    FACTS.put("budget", "项目预算");
    FACTS.put("investment", "项目投资");
    FACTS.put("amount", "项目金额");
  }

  @EventListener(condition = "#task.eventName == 'create'")
  public void onTaskCreated(DelegateTask task) {
    if (!properties.enabled()) {
      return;
    }
    Notice notice = notice(task.getId(), task.getName(), task.getProcessDefinitionId(),
        task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey(), task.getDueDate(), task.getAssignee(),
        task.getCandidates(), task::getVariable);
    afterCommit(() -> send(notice, false));
  }

  /** Sends the overdue mails not sent yet; returns how many tasks were notified. */
  @Scheduled(initialDelayString = "${platform.mail.overdue-interval:PT15M}", fixedDelayString = "${platform.mail.overdue-interval:PT15M}")
  public int notifyOverdue() {
    if (!properties.enabled() || !properties.overdueScan()) {
      return 0;
    }
    int notified = 0;
    for (Task task : taskService.createTaskQuery().dueBefore(new Date()).active().list()) {
      if (taskService.getVariableLocal(task.getId(), OVERDUE_NOTIFIED) != null) {
        continue;
      }
      taskService.setVariableLocal(task.getId(), OVERDUE_NOTIFIED, new Date());
      ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
          .singleResult();
      Notice notice = notice(task.getId(), task.getName(), task.getProcessDefinitionId(),
          instance == null ? null : instance.getBusinessKey(), task.getDueDate(), task.getAssignee(),
          taskService.getIdentityLinksForTask(task.getId()).stream()
              .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).toList(),
          name -> taskService.getVariable(task.getId(), name));
      sender.submit(() -> send(notice, true));
      notified++;
    }
    return notified;
  }

  private Notice notice(String taskId, String taskName, String processDefinitionId, String businessKey, Date due,
      String assignee, java.util.Collection<? extends IdentityLink> candidates, java.util.function.Function<String, Object> variable) {
    Set<String> users = new LinkedHashSet<>();
    Set<String> groups = new LinkedHashSet<>();
    for (IdentityLink link : candidates) {
      if (link.getUserId() != null) {
        users.add(link.getUserId());
      }
      if (link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    List<String> facts = new ArrayList<>();
    FACTS.forEach((name, label) -> {
      Object value = variable.apply(name);
      if (value != null && !value.toString().isBlank()) {
        facts.add(label + "：" + labels.value(name, value));
      }
    });
    if (!groups.isEmpty()) {
      facts.add("办理部门：" + String.join("、", groups.stream().map(labels::group).toList()));
    }
    return new Notice(taskId, taskName, processName(processDefinitionId), businessKey, due, assignee, users, groups, facts);
  }

  private String processName(String processDefinitionId) {
    if (processDefinitionId == null) {
      return "";
    }
    ProcessDefinition definition = repositoryService.getProcessDefinition(processDefinitionId);
    return definition.getName() != null ? definition.getName() : definition.getKey();
  }

  private void afterCommit(Runnable mail) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          sender.submit(mail);
        }
      });
    } else {
      sender.submit(mail);
    }
  }

  void send(Notice notice, boolean overdue) {
    JavaMailSender mail = mailSender.getIfAvailable();
    if (mail == null) {
      LOG.warn("platform.mail.enabled is true but no SMTP server is configured (spring.mail.host); no mail for task {}",
          notice.taskId());
      return;
    }
    List<InternetAddress> to = recipients(notice);
    if (to.isEmpty()) {
      return;
    }
    try {
      MimeMessage message = mail.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
      helper.setFrom(InternetAddress.parse(properties.from())[0]);
      helper.setTo(to.toArray(InternetAddress[]::new));
      String key = notice.businessKey() == null ? "" : "（" + notice.businessKey() + "）";
      helper.setSubject((overdue ? "【已逾期】" : "【待办】") + notice.taskName() + " — " + notice.processName() + key);
      helper.setText(body(notice, overdue), false);
      mail.send(message);
    } catch (Exception e) {
      LOG.warn("mail about task {} could not be sent: {}", notice.taskId(), e.getMessage());
    }
  }

  private List<InternetAddress> recipients(Notice notice) {
    Set<String> userIds = new LinkedHashSet<>();
    if (notice.assignee() != null) {
      userIds.add(notice.assignee());
    } else {
      userIds.addAll(notice.candidateUsers());
      for (String group : notice.candidateGroups()) {
        identityService.createUserQuery().memberOfGroup(group).list().forEach(u -> userIds.add(u.getId()));
      }
    }
    List<InternetAddress> addresses = new ArrayList<>();
    for (String id : userIds) {
      User user = identityService.createUserQuery().userId(id).singleResult();
      if (user != null && user.getEmail() != null && !user.getEmail().isBlank()) {
        try {
          addresses.add(new InternetAddress(user.getEmail(), user.getFirstName(), "UTF-8"));
        } catch (java.io.UnsupportedEncodingException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return addresses;
  }

  private String body(Notice notice, boolean overdue) {
    SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd HH:mm");
    format.setTimeZone(TimeZone.getTimeZone("Asia/Shanghai"));
    StringBuilder text = new StringBuilder();
    text.append(overdue ? "以下任务已超过办理期限，请尽快办理：\n\n" : "您有一项新的审批任务：\n\n");
    text.append("任务：").append(notice.taskName()).append('\n');
    text.append("流程：").append(notice.processName()).append('\n');
    if (notice.businessKey() != null) {
      text.append("业务编号：").append(notice.businessKey()).append('\n');
    }
    notice.facts().forEach(fact -> text.append(fact).append('\n'));
    if (notice.due() != null) {
      text.append("办理期限：").append(format.format(notice.due())).append('\n');
    }
    text.append("\n在 Tasklist 中办理：").append(properties.baseUrl()).append("/camunda/app/tasklist/default/#/?task=")
        .append(notice.taskId()).append("\n\n此邮件由审批平台自动发送，请勿回复。\n");
    return text.toString();
  }

  @Override
  public void destroy() {
    sender.shutdown();
  }
}
