package cn.healthit.approval.actions;

import cn.healthit.approval.actions.ActionConfig.Action;
import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.labels.Labels;
import cn.healthit.approval.labels.ProjectCard;
import cn.healthit.approval.record.Projects;
import cn.healthit.approval.web.ApiExceptionHandler.NotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 征求意见（加签）: before deciding, a reviewer asks named people for their opinion. Each person gets a task of
 * their own in Tasklist — an instance of the platform's model {@value #PROCESS_KEY}, which carries the project's
 * number and card — and answers it with an opinion, which is recorded on the asking step (kind
 * {@link ActionRecord.Kind#CONSULT}) so that it appears with the decision in 审批意见 and on the 审批单. An answer is
 * an opinion, never a vote or a decision: where a regulation fixes who decides (the five-person panel, the leading
 * group), the asked person's answer changes nothing in the process. The asker can withdraw a question not yet
 * answered; when the asking step ends — completed, returned, withdrawn, cancelled — its unanswered questions close
 * with it, so none is left orphaned.
 */
@Service
public class Consultations {

  public static final String PROCESS_KEY = "approval-consultation";
  /** At most this many people in one request. */
  static final int MAX_PEOPLE = 10;

  // the consultation instance's variables
  static final String CONSULTEE = "consultee";
  /** Who asked; the form shows {@code consultedByLabel}, the name {@code labels.LabelVariables} keeps beside it. */
  static final String ASKED_BY = "consultedBy";
  static final String ASKING_TASK = "askingTaskId";
  static final String ASKING_INSTANCE = "askingInstanceId";
  static final String ASKING_TASK_NAME = "askingTaskName";
  static final String QUESTION = "question";
  static final String ANSWER = "answer";
  static final String PROJECT_NUMBER = "projectNumber";
  /** On the asking task (local): it asked someone, so its end looks for open questions; a step that asked none costs nothing. */
  static final String ASKED = "consultationsAsked";
  /** How a question that ended unanswered was ended (its instance's delete reason starts so). */
  private static final String CANCELLED = "已撤销：";
  private static final String CLOSED = "已关闭：";

  private final ApprovalActions actions;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final HistoryService history;
  private final IdentityService identity;
  private final Labels labels;
  private final Projects projects;

  public Consultations(ApprovalActions actions, ProcessEngine engine, Labels labels, Projects projects) {
    this.actions = actions;
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.history = engine.getHistoryService();
    this.identity = engine.getIdentityService();
    this.labels = labels;
    this.projects = projects;
  }

  /** 征求意见: asks each of the people for an opinion on the caller's open task. */
  @Transactional
  public Map<String, Object> ask(String taskId, List<String> userIds, String question) {
    Task task = actions.workable(taskId);
    String caller = actions.caller();
    ApprovalActions.requireAllowed(actions.config(task), Action.CONSULT, task);
    if (task.getDelegationState() == org.camunda.bpm.engine.task.DelegationState.PENDING) {
      throw new InvalidInputException("userIds", "本任务正在委派办理中：被委派人只能办理完成（resolve），征求意见须由任务所有人发起");
    }
    String ask = ApprovalActions.required(question, "question", "征求意见的事项");
    List<String> people = userIds == null ? List.of()
        : userIds.stream().filter(Objects::nonNull).map(String::strip).filter(u -> !u.isEmpty()).distinct().toList();
    if (people.isEmpty()) {
      throw new InvalidInputException("userIds", "请选择向谁征求意见（userIds）");
    }
    if (people.size() > MAX_PEOPLE) {
      throw new InvalidInputException("userIds", "一次最多向 " + MAX_PEOPLE + " 人征求意见（userIds）");
    }
    if (people.contains(caller)) {
      throw new InvalidInputException("userIds", "不能向自己征求意见");
    }
    return actions.privileged(() -> {
      for (String person : people) {
        if (identity.createUserQuery().userId(person).singleResult() == null) {
          throw new InvalidInputException("userIds", "用户“" + person + "”不存在");
        }
      }
      List<String> waiting = open(taskId).stream().map(i -> (String) runtime.getVariable(i.getId(), CONSULTEE)).toList();
      List<String> again = people.stream().filter(waiting::contains).map(labels::user).toList();
      if (!again.isEmpty()) {
        throw new InvalidInputException("userIds", "已向 " + String.join("、", again) + " 征求意见，尚未答复；可等待答复或先撤销");
      }
      String project = projects.projectKeyOfInstance(task.getProcessInstanceId());
      String names = String.join("、", people.stream().map(labels::user).toList());
      String text = ActionRecord.Kind.CONSULT.mark + labels.user(caller) + " 就“" + task.getName() + "”征求 " + names + " 的意见："
          + ask;
      tasks.createComment(task.getId(), task.getProcessInstanceId(), text);
      Map<String, Object> card = runtime.getVariablesLocal(task.getProcessInstanceId(), ProjectCard.LABELS.keySet());
      long before = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
          .variableValueEquals(PROJECT_NUMBER, project).count();
      List<String> started = new ArrayList<>();
      for (String person : people) {
        Map<String, Object> variables = new HashMap<>(card);
        variables.put(CONSULTEE, person);
        variables.put(ASKED_BY, caller);
        variables.put(ASKING_TASK, task.getId());
        variables.put(ASKING_INSTANCE, task.getProcessInstanceId());
        variables.put(ASKING_TASK_NAME, task.getName());
        variables.put(QUESTION, ask);
        variables.put(PROJECT_NUMBER, project);
        ProcessInstance consultation = runtime.startProcessInstanceByKey(PROCESS_KEY,
            businessKey(project, before + started.size() + 1), variables);
        started.add(consultation.getId());
      }
      tasks.setVariableLocal(task.getId(), ASKED, true);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("taskId", task.getId());
      out.put("consultations", started);
      out.put("record", text);
      return out;
    });
  }

  /** The consultation's business key: the project's number and a running count, within the 64 characters a key may have. */
  static String businessKey(String project, long n) {
    String suffix = "/征求意见-" + n;
    String base = project == null || project.isBlank() ? "项目" : project;
    return (base.length() + suffix.length() > 64 ? base.substring(0, 64 - suffix.length()) : base) + suffix;
  }

  /** 撤销: the asker takes back a question that has not been answered. */
  @Transactional
  public Map<String, Object> cancel(String taskId, String consultationId) {
    Task task = actions.workable(taskId);
    String caller = actions.caller();
    return actions.privileged(() -> {
      ProcessInstance consultation = open(taskId).stream().filter(i -> i.getId().equals(consultationId)).findFirst()
          .orElseThrow(() -> new NotFoundException("本任务没有这条待答复的征求意见：" + consultationId));
      String consultee = (String) runtime.getVariable(consultation.getId(), CONSULTEE);
      String text = ActionRecord.Kind.CONSULT.mark + labels.user(caller) + " 撤销了就“" + task.getName() + "”向 "
          + labels.user(consultee) + " 的征求意见";
      tasks.createComment(task.getId(), task.getProcessInstanceId(), text);
      runtime.deleteProcessInstance(consultation.getId(), CANCELLED + labels.user(caller) + " 撤销了征求意见");
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("consultationId", consultationId);
      out.put("record", text);
      return out;
    });
  }

  /** What the 「审批操作」 tab shows about 征求意见 on the task: who may be asked, and what was asked here. */
  public Map<String, Object> available(String taskId, boolean allowed) {
    String caller = actions.caller();
    return actions.privileged(() -> {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("consultCandidates", allowed ? candidates(caller) : List.of());
      out.put("consultations", of(taskId));
      return out;
    });
  }

  /** The task's questions, oldest first, with their state and answer — for the 「审批操作」 tab. Run privileged. */
  List<Map<String, Object>> of(String taskId) {
    List<HistoricProcessInstance> asked = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .variableValueEquals(ASKING_TASK, taskId).orderByProcessInstanceStartTime().asc().list();
    if (asked.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, Object>> variables = new HashMap<>();
    for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(asked.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
        .variableNameIn(CONSULTEE, QUESTION, ANSWER).list()) {
      variables.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (HistoricProcessInstance instance : asked) {
      Map<String, Object> values = variables.getOrDefault(instance.getId(), Map.of());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", instance.getId());
      row.put("userId", values.get(CONSULTEE));
      row.put("name", labels.userWithTitle((String) values.get(CONSULTEE)));
      row.put("question", values.get(QUESTION));
      row.put("asked", instance.getStartTime());
      boolean open = instance.getEndTime() == null;
      boolean answered = !open && instance.getDeleteReason() == null;
      row.put("state", open ? "OPEN" : answered ? "ANSWERED" : "CLOSED");
      row.put("stateLabel", open ? "待答复" : answered ? "已答复" : instance.getDeleteReason().startsWith(CANCELLED) ? "已撤销" : "已关闭");
      row.put("answer", answered ? values.get(ANSWER) : null);
      row.put("answered", answered ? instance.getEndTime() : null);
      out.add(row);
    }
    return out;
  }

  /** Who may be asked: everyone but the caller, the caller's colleagues (a group in common) first. Run privileged. */
  List<Map<String, Object>> candidates(String caller) {
    java.util.Set<String> colleagues = new java.util.HashSet<>();
    for (org.camunda.bpm.engine.identity.Group group : identity.createGroupQuery().groupMember(caller).list()) {
      identity.createUserQuery().memberOfGroup(group.getId()).list().forEach(u -> colleagues.add(u.getId()));
    }
    return identity.createUserQuery().orderByUserId().asc().list().stream().map(User::getId).filter(u -> !u.equals(caller))
        .sorted(java.util.Comparator.comparing((String u) -> !colleagues.contains(u)))
        .map(u -> Map.<String, Object>of("userId", u, "name", labels.userWithTitle(u), "colleague", colleagues.contains(u)))
        .toList();
  }

  private List<ProcessInstance> open(String taskId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).variableValueEquals(ASKING_TASK, taskId).list();
  }

  /** The asked person's answer, recorded on the asking step (the consultation's task, on complete). */
  void answered(DelegateTask task) {
    String asking = (String) task.getVariable(ASKING_TASK);
    String askingInstance = (String) task.getVariable(ASKING_INSTANCE);
    String answer = cn.healthit.approval.input.Inputs.requireText(ANSWER, "您的意见", task.getVariable(ANSWER)).strip();
    String text = ActionRecord.Kind.CONSULT.mark + labels.user(task.getAssignee()) + " 答复 " + labels.user((String) task.getVariable(ASKED_BY))
        + " 就“" + task.getVariable(ASKING_TASK_NAME) + "”的征求意见：" + answer;
    Context.getCommandContext().runWithoutAuthorization(() -> {
      // the asked person may not see the asking step; the rule does
      boolean stillOpen = tasks.createTaskQuery().taskId(asking).count() > 0;
      tasks.createComment(stillOpen ? asking : null, askingInstance, text.length() > 4000 ? text.substring(0, 4000) : text);
      return null;
    });
  }

  /**
   * Every user task, when it ends: its questions still unanswered close with it (built in by
   * {@code engine.EnginePlugin}). A step that asked nothing pays one look at its own variables.
   */
  public void closeWith(DelegateTask task) {
    if (!Boolean.TRUE.equals(task.getVariableLocal(ASKED))) {
      return;
    }
    String how = TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName()) ? "已办结" : "已结束（退回、撤回或流程终止）";
    Context.getCommandContext().runWithoutAuthorization(() -> {
      List<ProcessInstance> open = open(task.getId());
      if (open.isEmpty()) {
        return null;
      }
      List<String> names = new ArrayList<>();
      for (ProcessInstance consultation : open) {
        names.add(labels.user((String) runtime.getVariable(consultation.getId(), CONSULTEE)));
        runtime.deleteProcessInstance(consultation.getId(), CLOSED + "“" + task.getName() + "”" + how);
      }
      tasks.createComment(null, task.getProcessInstanceId(), ActionRecord.Kind.CONSULT.mark + "“" + task.getName() + "”" + how
          + "，未答复的征求意见（" + String.join("、", names) + "）已关闭");
      return null;
    });
  }

  /** The consultation model's listener, by bean name. */
  @Configuration
  static class Listeners {
    @Bean
    TaskListener consultationAnswered(Consultations consultations) {
      return consultations::answered;
    }
  }
}
