package cn.healthit.approval.actions;

import cn.healthit.approval.actions.ActionConfig.Action;
import cn.healthit.approval.actions.ReturnRule.Step;
import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.labels.Labels;
import cn.healthit.approval.labels.ProjectCard;
import cn.healthit.approval.record.Projects;
import cn.healthit.approval.web.ApiExceptionHandler.ForbiddenException;
import cn.healthit.approval.web.ApiExceptionHandler.NotFoundException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 退回, 转办 and 委派 on a task, within what its model allows ({@link ActionConfig}) and the regulations'
 * limits ({@link ReturnRule}, the steps' {@link Eligibility} rules), on the engine's public API: the task
 * service hands tasks over and delegates them, a process instance modification sends a project back. Each
 * action is recorded as a typed comment ({@link ActionRecord}) on the project and, for a return, in the user
 * operation log with its opinion as annotation, under the name of whoever acted.
 */
@Service
public class ApprovalActions {

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final HistoryService history;
  private final RepositoryService repository;
  private final IdentityService identity;
  private final ProcessEngineConfigurationImpl configuration;
  private final ApplicationContext beans;
  private final Labels labels;
  private final Projects projects;
  /** process definition id → its model; deployments never change. */
  private final Map<String, BpmnModelInstance> models = new ConcurrentHashMap<>();

  public ApprovalActions(ProcessEngine engine, ApplicationContext beans, Labels labels, Projects projects) {
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.history = engine.getHistoryService();
    this.repository = engine.getRepositoryService();
    this.identity = engine.getIdentityService();
    this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    this.beans = beans;
    this.labels = labels;
    this.projects = projects;
  }

  /** What the caller may do on the task: the actions, the steps a return may go to, who may take it over. */
  public Map<String, Object> available(String taskId) {
    Task task = workable(taskId);
    ActionConfig config = config(task);
    Map<String, Object> out = new LinkedHashMap<>();
    List<Map<String, Object>> actions = new ArrayList<>();
    for (Action action : config.actions()) {
      if (action == Action.WITHDRAW) {
        continue; // taken on the submitted step, not on this open one
      }
      if (action == Action.CONSULT && task.getDelegationState() == DelegationState.PENDING) {
        continue; // the owner asks, not whoever works on it for them
      }
      actions.add(Map.of("id", action.id, "label", action.label));
    }
    out.put("actions", actions);
    out.put("delegated", task.getDelegationState() == DelegationState.PENDING);
    out.put("resubmitDirect", config.allows(Action.RETURN) && config.direct());
    out.put("returnTargets", !config.allows(Action.RETURN) ? List.of() : privileged(() -> feasible(task, targets(task, config))).stream()
        .map(step -> {
          Map<String, Object> target = new LinkedHashMap<>();
          target.put("activityId", step.activityId());
          target.put("name", step.name());
          target.put("assignee", step.assignee());
          target.put("assigneeName", step.assignee() == null ? null : labels.user(step.assignee()));
          return target;
        }).toList());
    out.put("transferCandidates", config.allows(Action.TRANSFER) || config.allows(Action.DELEGATE)
        ? privileged(() -> eligible(task)).stream().map(u -> Map.of("userId", u, "name", labels.userWithTitle(u))).toList()
        : List.of());
    return out;
  }

  /** 退回: re-creates a visited step for whoever did it, withdraws the current step and what the rework redoes. */
  public Map<String, Object> returnTo(String taskId, String target, String opinion) {
    return returnTo(taskId, target, opinion, null);
  }

  /**
   * 退回, and with {@code resubmit} {@value ActionConfig#DIRECT} (where the model allows it, {@link ActionConfig}) the
   * rework comes straight back to this step: {@value ActionConfig#RESUBMIT_VARIABLE} names it for the model's way back.
   */
  @Transactional
  public Map<String, Object> returnTo(String taskId, String target, String opinion, String resubmit) {
    Task task = workable(taskId);
    String caller = caller();
    ActionConfig config = config(task);
    requireAllowed(config, Action.RETURN, task);
    if (task.getDelegationState() == DelegationState.PENDING) {
      throw new InvalidInputException("target", "本任务正在委派办理中：被委派人只能办理完成（resolve），退回须由任务所有人决定");
    }
    String why = required(opinion, "opinion", "退回意见");
    if (target == null || target.isBlank()) {
      throw new InvalidInputException("target", "请选择退回到哪个环节（target）");
    }
    boolean direct = resubmit != null && !resubmit.isBlank();
    if (direct && !ActionConfig.DIRECT.equals(resubmit.strip())) {
      throw new InvalidInputException("resubmit", "resubmit 只能是 direct（修改后直接送回本环节）或不填");
    }
    if (direct && !config.direct()) {
      throw new InvalidInputException("resubmit", "流程模型未允许“" + task.getName() + "”退回后直接送回本环节；修改后将依次经过中间各环节");
    }
    Map<String, Object> body = privileged(() -> {
      Step step = targets(task, config).stream().filter(s -> s.activityId().equals(target)).findFirst()
          .orElseThrow(() -> new InvalidInputException("target", "本环节“" + task.getName() + "”不能退回到“" + target
              + "”：只能退回到本项目已办理、且流程模型允许退回的环节"));
      panelNotStarted(task);
      if (direct && !step.processInstanceId().equals(task.getProcessInstanceId())) {
        throw new InvalidInputException("resubmit", "退回到上级流程的环节时不能直接送回本环节");
      }
      ActivityInstance root = runtime.getActivityInstance(step.processInstanceId());
      String held = holder(task, step.processInstanceId(), root);
      BpmnModelInstance model = model(processDefinitionOf(step.processInstanceId()));
      Plan plan = plan(model, root, held, step.activityId());
      Set<String> before = new HashSet<>(taskIds(step.processInstanceId(), step.activityId()));
      String text = ActionRecord.Kind.RETURN.mark + labels.user(caller) + " 将“" + task.getName() + "”退回至“" + step.name() + "”"
          + (step.assignee() == null ? "" : "（" + labels.user(step.assignee()) + "）") + (direct ? "，修改后直接送回本环节" : "") + "：" + why;
      tasks.createComment(task.getId(), task.getProcessInstanceId(), text);
      ProcessInstanceModificationBuilder modification = runtime.createProcessInstanceModification(step.processInstanceId())
          .startBeforeActivity(step.activityId(), plan.ancestor());
      plan.cancel().forEach(modification::cancelActivityInstance);
      plan.cancelTransitions().forEach(modification::cancelTransitionInstance);
      modification.setAnnotation(text.length() > 4000 ? text.substring(0, 4000) : text).execute(false, false);
      if (direct || runtime.getVariable(step.processInstanceId(), ActionConfig.RESUBMIT_VARIABLE) != null) {
        runtime.setVariable(step.processInstanceId(), ActionConfig.RESUBMIT_VARIABLE, direct ? task.getTaskDefinitionKey() : "");
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("processInstanceId", step.processInstanceId());
      out.put("activityId", step.activityId());
      out.put("name", step.name());
      out.put("assignee", step.assignee());
      out.put("record", text);
      out.put("before", before);
      return out;
    });
    return reassigned(body);
  }

  /** The re-created step goes to whoever did it before (or took it back). */
  private Map<String, Object> reassigned(Map<String, Object> body) {
    // a command of its own (in the same transaction): the re-created task is visible to a query only once flushed
    @SuppressWarnings("unchecked")
    Set<String> before = (Set<String>) body.remove("before");
    List<String> created = privileged(() -> {
      List<String> ids = new ArrayList<>(taskIds((String) body.get("processInstanceId"), (String) body.get("activityId")));
      ids.removeAll(before);
      for (String id : ids) {
        Task again = tasks.createTaskQuery().taskId(id).singleResult();
        if (again.getAssignee() == null && body.get("assignee") != null) {
          tasks.setAssignee(id, (String) body.get("assignee"));
        }
      }
      return ids;
    });
    body.put("taskIds", created);
    return body;
  }

  /**
   * 撤回: the caller takes back a step they completed ({@code historicTaskId}) while the next step is untouched;
   * the step is open again for them, with their values, and the next step is withdrawn.
   */
  @Transactional
  public Map<String, Object> withdraw(String historicTaskId, String reason) {
    String caller = caller();
    String why = reason == null ? "" : reason.strip();
    if (why.length() > 1000) {
      throw new InvalidInputException("reason", "撤回理由（reason）不能超过 1000 个字符");
    }
    Map<String, Object> body = privileged(() -> {
      HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(historicTaskId).finished().singleResult();
      if (done == null || !caller.equals(done.getAssignee()) || !"completed".equals(done.getDeleteReason())) {
        throw new NotFoundException("没有您办结的任务：" + historicTaskId);
      }
      Withdrawal withdrawal = withdrawal(done);
      if (withdrawal.refusal() != null) {
        throw new InvalidInputException("taskId", withdrawal.refusal());
      }
      String instance = done.getProcessInstanceId();
      List<Task> next = withdrawal.next();
      ActivityInstance root = runtime.getActivityInstance(instance);
      Task first = next.get(0);
      Plan plan = plan(model(done.getProcessDefinitionId()), root, holder(first, instance, root), done.getTaskDefinitionKey());
      Set<String> before = new HashSet<>(taskIds(instance, done.getTaskDefinitionKey()));
      String text = ActionRecord.Kind.WITHDRAW.mark + labels.user(caller) + " 撤回了“" + done.getName() + "”"
          + (why.isEmpty() ? "" : "：" + why);
      tasks.createComment(done.getId(), instance, text);
      ProcessInstanceModificationBuilder modification = runtime.createProcessInstanceModification(instance)
          .startBeforeActivity(done.getTaskDefinitionKey(), plan.ancestor());
      plan.cancel().forEach(modification::cancelActivityInstance);
      plan.cancelTransitions().forEach(modification::cancelTransitionInstance);
      modification.setAnnotation(text.length() > 4000 ? text.substring(0, 4000) : text).execute(false, false);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("processInstanceId", instance);
      out.put("activityId", done.getTaskDefinitionKey());
      out.put("assignee", caller);
      out.put("record", text);
      out.put("before", before);
      return out;
    });
    return reassigned(body);
  }

  /** How many of the caller's completed steps 「我的已办」 lists. */
  static final int SUBMISSIONS = 20;

  /**
   * 我的已办: the steps the caller completed last ({@value #SUBMISSIONS}, newest first) in projects still running,
   * each with its project and whether 撤回 is possible now — and if not, the refusal {@link #withdraw} would give.
   * Only the caller's own: the history is read for their name, whatever else they may see.
   */
  public List<Map<String, Object>> submissions() {
    String caller = caller();
    List<Map<String, Object>> rows = privileged(() -> history.createHistoricTaskInstanceQuery().taskAssignee(caller)
        .finished().taskDeleteReason("completed").processUnfinished()
        .orderByHistoricTaskInstanceEndTime().desc().listPage(0, SUBMISSIONS).stream().map(done -> {
          String refusal = withdrawal(done).refusal();
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("taskId", done.getId());
          row.put("taskName", done.getName());
          row.put("processInstanceId", done.getProcessInstanceId());
          row.put("endTime", done.getEndTime().toInstant().toString());
          row.put("withdrawable", refusal == null);
          row.put("reason", refusal);
          return row;
        }).toList());
    Map<String, Map<String, Object>> cards = projects.cards(rows.stream().map(r -> (String) r.get("processInstanceId"))
        .distinct().toArray(String[]::new));
    for (Map<String, Object> row : rows) {
      Map<String, Object> card = cards.getOrDefault((String) row.get("processInstanceId"), Map.of());
      row.put("projectNumber", card.get(ProjectCard.NUMBER));
      row.put("projectName", card.get(ProjectCard.TITLE));
    }
    return rows;
  }

  /** Whether a completed step may be taken back now: the open steps its submission created, or why not (null: it may). */
  private record Withdrawal(List<Task> next, String refusal) {}

  /**
   * The one check of 撤回, for {@link #withdraw} and for the list of {@link #submissions}: the project still runs,
   * the step's model allows it, it was not taken back already, and what followed is untouched ({@link ReturnRule}).
   * Run it privileged.
   */
  private Withdrawal withdrawal(HistoricTaskInstance done) {
    String instance = done.getProcessInstanceId();
    if (runtime.createProcessInstanceQuery().processInstanceId(instance).count() == 0) {
      return new Withdrawal(List.of(), "流程已结束，不能撤回“" + done.getName() + "”");
    }
    UserTask element = (UserTask) model(done.getProcessDefinitionId()).getModelElementById(done.getTaskDefinitionKey());
    if (!ActionConfig.parse(property(element, ActionConfig.ACTIONS), property(element, ActionConfig.RETURN_TO)).allows(Action.WITHDRAW)) {
      return new Withdrawal(List.of(), "流程模型未允许撤回“" + done.getName() + "”");
    }
    if (tasks.getTaskComments(done.getId()).stream().anyMatch(c -> ActionRecord.kind(c.getFullMessage()) == ActionRecord.Kind.WITHDRAW)) {
      return new Withdrawal(List.of(), "本次提交的“" + done.getName() + "”已撤回过，不能再次撤回");
    }
    List<String> family = new ArrayList<>(List.of(instance));
    for (int i = 0; i < family.size(); i++) {
      runtime.createProcessInstanceQuery().superProcessInstanceId(family.get(i)).list().forEach(sub -> family.add(sub.getId()));
    }
    List<Task> next = new ArrayList<>();
    int completedSince = 0;
    for (String member : family) {
      next.addAll(tasks.createTaskQuery().processInstanceId(member).list().stream()
          .filter(t -> !t.getCreateTime().before(done.getEndTime())).toList());
      completedSince += (int) history.createHistoricTaskInstanceQuery().processInstanceId(member).finished()
          .finishedAfter(done.getEndTime()).list().stream().filter(t -> !t.getId().equals(done.getId())).count();
    }
    List<String> touched = next.stream().filter(t -> touched(t)).map(Task::getName).distinct().toList();
    return new Withdrawal(next, ReturnRule.refusalOfWithdrawal(next.size(), completedSince, touched));
  }

  /** Claimed, handed over, delegated or written on: someone has acted on the next step. */
  private boolean touched(Task task) {
    boolean operated = history.createUserOperationLogQuery().taskId(task.getId()).list().stream()
        .anyMatch(entry -> List.of("Claim", "Assign", "Delegate", "SetOwner", "Resolve").contains(entry.getOperationType()));
    return operated || !tasks.getTaskComments(task.getId()).isEmpty();
  }

  /** 转办: the task goes to another person who may do it; they complete it in the caller's place. */
  public Map<String, Object> transfer(String taskId, String userId, String opinion) {
    return handOver(taskId, userId, opinion, Action.TRANSFER);
  }

  /** 委派: another person works on the task and resolves it; the owner (the caller) then completes it. */
  public Map<String, Object> delegate(String taskId, String userId, String opinion) {
    return handOver(taskId, userId, opinion, Action.DELEGATE);
  }

  private Map<String, Object> handOver(String taskId, String userId, String opinion, Action action) {
    Task task = workable(taskId);
    String caller = caller();
    requireAllowed(config(task), action, task);
    if (task.getDelegationState() == DelegationState.PENDING) {
      throw new InvalidInputException("userId", "本任务正在委派办理中，须由被委派人办理完成（resolve）后才能再" + action.label);
    }
    String why = opinion == null ? "" : opinion.strip();
    if (why.length() > 1000) {
      throw new InvalidInputException("opinion", "说明（opinion）不能超过 1000 个字符");
    }
    if (userId == null || userId.isBlank()) {
      throw new InvalidInputException("userId", "请选择" + action.label + "给谁（userId）");
    }
    if (userId.equals(caller)) {
      throw new InvalidInputException("userId", "不能" + action.label + "给自己");
    }
    return privileged(() -> {
      if (identity.createUserQuery().userId(userId).singleResult() == null) {
        throw new InvalidInputException("userId", "用户“" + userId + "”不存在");
      }
      String refusal = refusal(task, userId);
      if (refusal != null) {
        throw new InvalidInputException("userId", refusal);
      }
      String text = (action == Action.TRANSFER ? ActionRecord.Kind.TRANSFER : ActionRecord.Kind.DELEGATE).mark
          + labels.user(caller) + " 将“" + task.getName() + "”" + action.label + "给 " + labels.user(userId)
          + (why.isEmpty() ? "" : "：" + why);
      tasks.createComment(task.getId(), task.getProcessInstanceId(), text);
      if (action == Action.TRANSFER) {
        tasks.setAssignee(taskId, userId);
      } else {
        if (task.getAssignee() == null) {
          tasks.setAssignee(taskId, caller); // the owner is who delegated
        }
        tasks.delegateTask(taskId, userId);
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("taskId", taskId);
      body.put("assignee", userId);
      body.put("record", text);
      return body;
    });
  }

  // --- who, what, where -------------------------------------------------------------------------------------

  /** The task, if the caller may work on it now: its assignee, or a candidate while nobody has claimed it. */
  Task workable(String taskId) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult(); // authorized: READ on the task
    if (task == null) {
      throw new NotFoundException("任务不存在、已办结或您无权查看：" + taskId);
    }
    String caller = caller();
    boolean may = privileged(() -> {
      if (task.getAssignee() != null) {
        return task.getAssignee().equals(caller);
      }
      Authentication user = identity.getCurrentAuthentication();
      List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
      return tasks.getIdentityLinksForTask(taskId).stream().filter(l -> "candidate".equals(l.getType()))
          .anyMatch(l -> caller.equals(l.getUserId()) || groups.contains(l.getGroupId()));
    });
    if (!may) {
      throw new ForbiddenException("只有本任务的办理人（或未认领时的候选人）可以对“" + task.getName() + "”执行审批操作");
    }
    return task;
  }

  String caller() {
    Authentication user = identity.getCurrentAuthentication();
    if (user == null || user.getUserId() == null) {
      throw new ForbiddenException("请先登录");
    }
    return user.getUserId();
  }

  static void requireAllowed(ActionConfig config, Action action, Task task) {
    if (!config.allows(action)) {
      throw new InvalidInputException("action", "流程模型未允许在“" + task.getName() + "”环节" + action.label);
    }
  }

  static String required(String text, String field, String label) {
    String value = text == null ? "" : text.strip();
    if (value.isEmpty()) {
      throw new InvalidInputException(field, "请填写" + label + "（" + field + "）");
    }
    if (value.length() > 1000) {
      throw new InvalidInputException(field, label + "（" + field + "）不能超过 1000 个字符");
    }
    return value;
  }

  /** The step's configuration from its model's extension properties. */
  ActionConfig config(Task task) {
    return privileged(() -> {
      ModelElementInstance element = model(task.getProcessDefinitionId()).getModelElementById(task.getTaskDefinitionKey());
      if (!(element instanceof UserTask userTask)) {
        return ActionConfig.NONE;
      }
      return ActionConfig.parse(property(userTask, ActionConfig.ACTIONS), property(userTask, ActionConfig.RETURN_TO),
          property(userTask, ActionConfig.RESUBMIT));
    });
  }

  /** A user task's extension property, or null. */
  public static String property(UserTask task, String name) {
    if (task.getExtensionElements() == null) {
      return null;
    }
    return task.getExtensionElements().getElementsQuery().filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class)
        .list().stream().flatMap(p -> p.getCamundaProperties().stream())
        .filter(p -> name.equals(p.getCamundaName())).map(CamundaProperty::getCamundaValue).findFirst().orElse(null);
  }

  private List<Step> targets(Task task, ActionConfig config) {
    List<Step> visited = new ArrayList<>();
    List<HistoricTaskInstance> done = new ArrayList<>();
    Set<String> multiInstance = new HashSet<>();
    for (String instance = task.getProcessInstanceId(); instance != null; instance = superInstance(instance)) {
      done.addAll(history.createHistoricTaskInstanceQuery().processInstanceId(instance).finished().list());
      BpmnModelInstance model = model(processDefinitionOf(instance));
      for (UserTask userTask : model.getModelElementsByType(UserTask.class)) {
        if (userTask.getLoopCharacteristics() != null) {
          multiInstance.add(userTask.getId());
        }
      }
    }
    done.removeIf(t -> !"completed".equals(t.getDeleteReason()) || t.getEndTime().after(task.getCreateTime()));
    done.sort(Comparator.comparing(HistoricTaskInstance::getEndTime).thenComparing(HistoricTaskInstance::getId));
    for (HistoricTaskInstance t : done) {
      visited.add(new Step(t.getTaskDefinitionKey(), t.getName(), t.getAssignee(), t.getProcessInstanceId()));
    }
    return ReturnRule.targets(config, visited, task.getTaskDefinitionKey(), multiInstance);
  }

  /** The targets a return can reach from here (a sibling branch's step cannot). */
  private List<Step> feasible(Task task, List<Step> targets) {
    List<Step> out = new ArrayList<>();
    for (Step step : targets) {
      try {
        ActivityInstance root = runtime.getActivityInstance(step.processInstanceId());
        plan(model(processDefinitionOf(step.processInstanceId())), root, holder(task, step.processInstanceId(), root), step.activityId());
        out.add(step);
      } catch (InvalidInputException unreachable) {
        // not offered
      }
    }
    return out;
  }

  /** Refused while a panel or countersign that the task belongs to has votes in. */
  private void panelNotStarted(Task task) {
    ActivityInstance root = runtime.getActivityInstance(task.getProcessInstanceId());
    ActivityInstance own = own(root, task);
    Map<String, ActivityInstance> parents = parents(root);
    ActivityInstance parent = own == null ? null : parents.get(own.getId());
    if (parent != null && parent.getActivityId().endsWith("#multiInstanceBody")) {
      String execution = parent.getExecutionIds()[0];
      Object completed = runtime.getVariableLocal(execution, "nrOfCompletedInstances");
      Object all = runtime.getVariableLocal(execution, "nrOfInstances");
      String refusal = ReturnRule.refusalOfPanel(completed instanceof Number n ? n.intValue() : 0, all instanceof Number n ? n.intValue() : 0);
      if (refusal != null) {
        throw new InvalidInputException("target", refusal);
      }
    }
  }

  /** In the target's instance: the activity instance that holds the task (itself, or the call that leads to it). */
  private String holder(Task task, String targetInstance, ActivityInstance root) {
    String instance = task.getProcessInstanceId();
    if (instance.equals(targetInstance)) {
      return own(root, task).getId();
    }
    while (true) {
      String parent = superInstance(instance);
      if (parent == null) {
        throw new InvalidInputException("target", "退回的目标环节不在本项目的流程中");
      }
      if (parent.equals(targetInstance)) {
        String called = instance;
        return history.createHistoricActivityInstanceQuery().processInstanceId(parent).unfinished().list().stream()
            .filter(a -> called.equals(a.getCalledProcessInstanceId())).map(HistoricActivityInstance::getId).findFirst()
            .orElseThrow(() -> new InvalidInputException("target", "找不到调用本流程的环节"));
      }
      instance = parent;
    }
  }

  /** What the modification does: in which scope instance to start the target, what to cancel beside the held step. */
  record Plan(String ancestor, List<String> cancel, List<String> cancelTransitions) {}

  private static Plan plan(BpmnModelInstance model, ActivityInstance root, String held, String target) {
    Map<String, ActivityInstance> parents = parents(root);
    Map<String, ActivityInstance> byId = new HashMap<>();
    index(root, byId);
    // the target's scopes, innermost first: its sub-processes, then the process
    List<ModelElementInstance> scopes = new ArrayList<>();
    for (ModelElementInstance e = model.getModelElementById(target).getParentElement(); e != null; e = e.getParentElement()) {
      if (e instanceof org.camunda.bpm.model.bpmn.instance.SubProcess || e instanceof org.camunda.bpm.model.bpmn.instance.Process) {
        scopes.add(e);
      }
    }
    List<ActivityInstance> heldChain = new ArrayList<>(); // the held step and its ancestors, innermost first
    for (ActivityInstance a = byId.get(held); a != null; a = parents.get(a.getId())) {
      heldChain.add(a);
    }
    for (ModelElementInstance scope : scopes) {
      String scopeId = scope instanceof org.camunda.bpm.model.bpmn.instance.Process ? null
          : ((org.camunda.bpm.model.bpmn.instance.SubProcess) scope).getId();
      for (int i = 1; i < heldChain.size(); i++) {
        ActivityInstance candidate = heldChain.get(i);
        boolean matches = scopeId == null ? candidate == root : scopeId.equals(candidate.getActivityId());
        if (matches) {
          ActivityInstance heldChild = heldChain.get(i - 1);
          String heldElement = element(heldChild.getActivityId());
          String targetElement = childOf(model, scope, target);
          Map<String, List<String>> graph = graph(model, scope);
          if (!ReturnRule.leadsBack(graph, targetElement, heldElement, joins(model, scope))) {
            throw new InvalidInputException("target", "不能退回到并行的另一分支上的环节“" + target
                + "”：退回后流程无法回到本环节，会停在汇合处");
          }
          Map<String, List<String>> others = new HashMap<>();
          for (ActivityInstance child : candidate.getChildActivityInstances()) {
            if (!child.getId().equals(heldChild.getId())) {
              others.computeIfAbsent(element(child.getActivityId()), k -> new ArrayList<>()).add(child.getId());
            }
          }
          Map<String, List<String>> transitions = new HashMap<>();
          for (TransitionInstance child : candidate.getChildTransitionInstances()) {
            transitions.computeIfAbsent(element(child.getActivityId()), k -> new ArrayList<>()).add(child.getId());
          }
          Set<String> all = new HashSet<>(others.keySet());
          all.addAll(transitions.keySet());
          Set<String> withdrawn = ReturnRule.alsoWithdrawn(graph, targetElement, heldElement, all);
          List<String> cancel = new ArrayList<>(List.of(heldChild.getId()));
          List<String> cancelTransitions = new ArrayList<>();
          withdrawn.forEach(e -> {
            cancel.addAll(others.getOrDefault(e, List.of()));
            cancelTransitions.addAll(transitions.getOrDefault(e, List.of()));
          });
          return new Plan(candidate.getId(), cancel, cancelTransitions);
        }
      }
    }
    throw new InvalidInputException("target", "退回的目标环节与当前环节不在同一流程范围内");
  }

  /** The element of {@code scope} that is the target or contains it. */
  private static String childOf(BpmnModelInstance model, ModelElementInstance scope, String target) {
    ModelElementInstance e = model.getModelElementById(target);
    while (e.getParentElement() != scope) {
      e = e.getParentElement();
    }
    return ((FlowNode) e).getId();
  }

  /** The scope's joins: parallel and inclusive gateways that more than one flow enters. */
  private static Set<String> joins(BpmnModelInstance model, ModelElementInstance scope) {
    Set<String> joins = new HashSet<>();
    for (org.camunda.bpm.model.bpmn.instance.Gateway gateway : model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Gateway.class)) {
      boolean joining = gateway instanceof org.camunda.bpm.model.bpmn.instance.ParallelGateway
          || gateway instanceof org.camunda.bpm.model.bpmn.instance.InclusiveGateway
          || gateway instanceof org.camunda.bpm.model.bpmn.instance.ComplexGateway;
      long incoming = model.getModelElementsByType(SequenceFlow.class).stream().filter(f -> f.getTarget() == gateway).count();
      if (gateway.getParentElement() == scope && joining && incoming > 1) {
        joins.add(gateway.getId());
      }
    }
    return joins;
  }

  /** The scope's flow graph: each direct child → where its sequence flows and boundary events lead. */
  private static Map<String, List<String>> graph(BpmnModelInstance model, ModelElementInstance scope) {
    Map<String, List<String>> graph = new HashMap<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (node.getParentElement() != scope) {
        continue;
      }
      graph.computeIfAbsent(node.getId(), k -> new ArrayList<>());
      if (node instanceof BoundaryEvent boundary) {
        graph.computeIfAbsent(boundary.getAttachedTo().getId(), k -> new ArrayList<>()).add(boundary.getId());
      }
    }
    // by sourceRef/targetRef: a model written without <incoming>/<outgoing> (not only Modeler's) has the same graph
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      if (flow.getParentElement() == scope) {
        graph.computeIfAbsent(flow.getSource().getId(), k -> new ArrayList<>()).add(flow.getTarget().getId());
      }
    }
    return graph;
  }

  private static String element(String activityId) {
    return activityId.replace("#multiInstanceBody", "");
  }

  private static void index(ActivityInstance node, Map<String, ActivityInstance> byId) {
    byId.put(node.getId(), node);
    for (ActivityInstance child : node.getChildActivityInstances()) {
      index(child, byId);
    }
  }

  private static Map<String, ActivityInstance> parents(ActivityInstance root) {
    Map<String, ActivityInstance> parents = new HashMap<>();
    Collection<ActivityInstance> level = List.of(root);
    while (!level.isEmpty()) {
      List<ActivityInstance> next = new ArrayList<>();
      for (ActivityInstance parent : level) {
        for (ActivityInstance child : parent.getChildActivityInstances()) {
          parents.put(child.getId(), parent);
          next.add(child);
        }
      }
      level = next;
    }
    return parents;
  }

  /** The task's own activity instance. */
  private static ActivityInstance own(ActivityInstance root, Task task) {
    for (ActivityInstance a : root.getActivityInstances(task.getTaskDefinitionKey())) {
      if (java.util.Arrays.asList(a.getExecutionIds()).contains(task.getExecutionId())) {
        return a;
      }
    }
    return null;
  }

  /** Who may take over the task: its candidate users and members of its candidate groups, minus the caller and whom a rule excludes. */
  private List<String> eligible(Task task) {
    List<String> users = candidates(task);
    users.remove(identity.getCurrentAuthentication() == null ? null : identity.getCurrentAuthentication().getUserId());
    users.removeIf(u -> ruleRefusal(task, u) != null);
    return users;
  }

  /** The task's candidate users and the members of its candidate groups. */
  private List<String> candidates(Task task) {
    Set<String> users = new java.util.LinkedHashSet<>();
    for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
      if (!"candidate".equals(link.getType())) {
        continue;
      }
      if (link.getUserId() != null) {
        users.add(link.getUserId());
      } else {
        identity.createUserQuery().memberOfGroup(link.getGroupId()).orderByUserId().asc().list().stream()
            .map(User::getId).forEach(users::add);
      }
    }
    return new ArrayList<>(users);
  }

  /** Why the user may not take the task over: the model fixes its assignee, they are not a candidate, or a rule excludes them. */
  private String refusal(Task task, String userId) {
    List<String> candidates = candidates(task);
    if (candidates.isEmpty()) {
      return "“" + task.getName() + "”的办理人由流程指定，不能转交他人";
    }
    if (!candidates.contains(userId)) {
      return "用户“" + labels.user(userId) + "”不在“" + task.getName() + "”的办理组中，不能接手本任务";
    }
    return ruleRefusal(task, userId);
  }

  /** What the step's own rules (its task listeners that are an {@link Eligibility}) say about the user. */
  private String ruleRefusal(Task task, String userId) {
    ModelElementInstance element = model(task.getProcessDefinitionId()).getModelElementById(task.getTaskDefinitionKey());
    if (!(element instanceof UserTask userTask) || userTask.getExtensionElements() == null) {
      return null;
    }
    for (CamundaTaskListener listener : userTask.getExtensionElements().getElementsQuery()
        .filterByType(CamundaTaskListener.class).list()) {
      String expression = listener.getCamundaDelegateExpression();
      if (expression != null && expression.matches("\\$\\{\\w+}")) {
        String name = expression.substring(2, expression.length() - 1);
        if (beans.containsBean(name) && beans.getBean(name) instanceof Eligibility rule) {
          String refusal = rule.refusal(userId, task.getName(), v -> tasks.getVariable(task.getId(), v));
          if (refusal != null) {
            return refusal;
          }
        }
      }
    }
    return null;
  }

  private List<String> taskIds(String processInstanceId, String activityId) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(activityId).list().stream()
        .map(Task::getId).toList();
  }

  private String superInstance(String instance) {
    ProcessInstance parent = runtime.createProcessInstanceQuery().subProcessInstanceId(instance).singleResult();
    return parent == null ? null : parent.getId();
  }

  private String processDefinitionOf(String instance) {
    return runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().getProcessDefinitionId();
  }

  private BpmnModelInstance model(String processDefinitionId) {
    return models.computeIfAbsent(processDefinitionId, repository::getBpmnModelInstance);
  }

  /**
   * After the checks above, the work itself runs without the caller's authorizations (a reviewer may not modify
   * an instance or read the organisation) but under their name, so the operation log says who did it.
   */
  <T> T privileged(Supplier<T> work) {
    return configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(work::get));
  }
}
