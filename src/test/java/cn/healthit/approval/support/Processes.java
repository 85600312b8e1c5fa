package cn.healthit.approval.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;

/**
 * What process tests share: starting with a unique business key, completing a task as a member
 * of its candidate group (so authorizations are exercised, as in Tasklist), and running due jobs.
 * Call {@link #init(ProcessEngine)} in {@code @BeforeEach} (it also binds camunda-bpm-assert).
 */
public final class Processes {

  private final ProcessEngine engine;

  private Processes(ProcessEngine engine) {
    this.engine = engine;
  }

  public static Processes init(ProcessEngine engine) {
    AbstractAssertions.init(engine);
    return new Processes(engine);
  }

  /** A business key no other test uses: prefix + nano time. */
  public static String uniqueKey(String prefix) {
    return prefix + "-" + System.nanoTime();
  }

  public ProcessInstance start(String processKey, String businessKey, Map<String, Object> variables) {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(processKey, businessKey, variables);
    runAsyncContinuations(businessKey);
    return instance;
  }

  /**
   * Does what the job executor does right after a transaction: runs the async continuations (service
   * tasks run after one, README "Reliability") of every instance with this business key, until none is
   * left. Timers are not touched: tests fire them with {@link #executeJobs}. A failing continuation
   * throws, as the job executor would record it.
   */
  /**
   * Starts a process the way its calling process does — with the caller's variables, from inside the engine —
   * not through a start form (a called process has none; a participant's start goes through its form's contract).
   */
  public ProcessInstance startCalled(String processKey, String businessKey, Map<String, Object> variables) {
    ProcessInstance instance = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired().execute(context -> engine.getRuntimeService().startProcessInstanceByKey(processKey, businessKey, variables));
    runAsyncContinuations(businessKey);
    return instance;
  }

  public int runAsyncContinuations(String businessKey) {
    int ran = 0;
    for (int round = 0; round < 100; round++) {
      List<String> instances = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(businessKey)
          .list().stream().map(ProcessInstance::getId).toList();
      if (instances.isEmpty()) {
        return ran;
      }
      List<Job> due = engine.getManagementService().createJobQuery().processInstanceIds(new java.util.HashSet<>(instances))
          .messages().executable().list();
      if (due.isEmpty()) {
        return ran;
      }
      for (Job job : due) {
        engine.getManagementService().executeJob(job.getId());
        ran++;
      }
    }
    throw new AssertionError("async continuations of " + businessKey + " do not come to rest");
  }

  /** The one open task of the instance with this definition key (fails if there is not exactly one). */
  public Task task(ProcessInstance instance, String taskDefinitionKey) {
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(taskDefinitionKey).list();
    if (tasks.isEmpty()) {
      // tasks of called sub-processes belong to the super instance's business key
      tasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey())
          .taskDefinitionKey(taskDefinitionKey).list();
    }
    assertThat(tasks).as("open tasks %s of %s", taskDefinitionKey, instance.getBusinessKey()).hasSize(1);
    return tasks.get(0);
  }

  /**
   * Completes the task as {@code userId}, with that user's groups set on the engine, the way
   * Tasklist does: claim, then complete. Authorization failures and the platform's refusals
   * surface as exceptions.
   */
  public void complete(Task task, String userId, Map<String, Object> variables) {
    List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(userId).list()
        .stream().map(g -> g.getId()).toList();
    engine.getIdentityService().setAuthentication(userId, groups);
    try {
      if (task.getAssignee() == null) {
        engine.getTaskService().claim(task.getId(), userId);
      }
      engine.getTaskService().complete(task.getId(), variables);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    var instance = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(task.getProcessInstanceId()).singleResult();
    if (instance != null && instance.getBusinessKey() != null) {
      runAsyncContinuations(instance.getBusinessKey()); // the instance may have ended and its parent gone on
    }
  }

  public void complete(ProcessInstance instance, String taskDefinitionKey, String userId, Map<String, Object> variables) {
    complete(task(instance, taskDefinitionKey), userId, variables);
  }

  /** Executes every job of the instance (and its sub-processes) that exists now, due or not. */
  public int executeJobs(ProcessInstance instance) {
    List<Job> jobs = engine.getManagementService().createJobQuery()
        .processInstanceId(instance.getId()).list();
    for (Job job : jobs) {
      engine.getManagementService().executeJob(job.getId());
    }
    if (instance.getBusinessKey() != null) {
      runAsyncContinuations(instance.getBusinessKey());
    }
    return jobs.size();
  }

  public Object variable(ProcessInstance instance, String name) {
    return engine.getRuntimeService().getVariable(instance.getId(), name);
  }

  /** A Tianjin software-development project (dept-medical-affairs, 80万) walked by its real users to 智医办's pre-review. */
  public ProcessInstance tianjinAtPreReview(String prefix) {
    ProcessInstance pi = start("tianjin-project", uniqueKey(prefix), Map.of("projectName", "智慧病案系统",
        "budget", "800000.00", "category", "SPECIALIZED", "requestingDepartment", "dept-medical-affairs"));
    complete(pi, "Task_Requirement", "yiwu", Map.of("caseHandler", "王承办", "responsiblePerson", "李责任",
        "requirementSummary", "病案无纸化", "systemType", "OA", "acquisitionType", "SOFTWARE_DEVELOPMENT"));
    complete(pi, "Task_MarketResearch", "yiwu", Map.of("vendorsSurveyed", "甲、乙、丙三家",
        "marketShareAndReputation", "甲占有率最高", "pocRecruitment", "PUBLIC", "vendorsHaveClearIp", true, "meetsNationalStandards", true));
    complete(pi, "Task_PeerArgument", "xinxi2", Map.of("peerExperts", "三位院外专家", "technicalPlan", "微服务",
        "procurementMethod", "公开招标", "argumentBudget", "780000.00"));
    complete(pi, "Task_PrepareSubmission", "yiwu", Map.of("submissionSummary", "可研报告与测试报告"));
    return pi;
  }

  /**
   * Convenes a Tianjin five-person panel (tianjin-technical-review) as its real users, whatever the tier asks,
   * until its five review tasks are open; returns them.
   */
  public List<Task> convenePanel(ProcessInstance panel) {
    @SuppressWarnings("unchecked")
    List<String> pool = ((List<Map<String, Object>>) engine.getRuntimeService().getVariable(panel.getId(), "internalPool"))
        .stream().map(m -> (String) m.get("value")).toList();
    for (Task task; (task = engine.getTaskService().createTaskQuery().processInstanceId(panel.getId())
        .taskDefinitionKeyNotIn("Task_Review", "Task_Sign").listPage(0, 1).stream().findFirst().orElse(null)) != null; ) {
      switch (task.getTaskDefinitionKey()) {
        case "Task_ConveneInternal" -> complete(task, "xinxi", Map.of("internalMembers", pool.subList(0, 5)));
        case "Task_JointConvene" -> complete(task, "zhiyi", Map.of("internalMembers", pool.subList(0, 3)));
        case "Task_RecommendItDivision" -> complete(task, "xinxi", Map.of("itDivisionExpert", pool.get(0)));
        case "Task_RecommendOffice" -> complete(task, "zhiyi", Map.of("officeExpert", pool.get(1)));
        case "Task_DrawExternal" -> complete(task, "kejiao", Map.of("drawConfirmed", true));
        default -> throw new AssertionError("unexpected panel task " + task.getTaskDefinitionKey());
      }
    }
    return engine.getTaskService().createTaskQuery().processInstanceId(panel.getId()).taskDefinitionKey("Task_Review").list();
  }
}
