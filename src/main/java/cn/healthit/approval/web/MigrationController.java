package cn.healthit.approval.web;

import cn.healthit.approval.input.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.migration.MigratingActivityInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingTransitionInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Moves running instances of a process from one deployed version to another (issue 20) — Cockpit's migration view is
 * Enterprise-only, the engine's migration API is not. {@code POST /api/admin/migrations}
 * {@code {"processKey":"zhuhai-project","fromVersion":1,"toVersion":2,"dryRun":true}}, administrators only.
 *
 * <p>The plan maps every activity with the same id in both versions ({@code mapEqualActivities}): a renamed task, a task
 * added before or after the one an instance waits at — all keep their instances. An instance waiting at an activity
 * the target lacks (or any other problem the engine finds) refuses the whole migration with HTTP 400 and the engine's
 * validation report; nothing moves. {@code dryRun} migrates inside a transaction that is rolled back: the answer says
 * what would move and whether it could. A migrated task opens the target version's form (its deployment's forms) and
 * is completed against that form's contract.
 */
@RestController
@RequestMapping("/api/admin/migrations")
public class MigrationController {

  public record Request(String processKey, Integer fromVersion, Integer toVersion, Boolean dryRun) {}

  /** What moved (or, on a dry run, would move). */
  public record Result(String processKey, int fromVersion, int toVersion, String sourceDefinitionId, String targetDefinitionId,
      boolean dryRun, int instances, List<String> mappedActivities) {}

  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final TransactionTemplate transactions;

  public MigrationController(RepositoryService repositoryService, RuntimeService runtimeService, IdentityService identityService,
      TransactionTemplate transactions) {
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.transactions = transactions;
  }

  @PostMapping
  public Result migrate(@RequestBody Request request) {
    Authentication caller = identityService.getCurrentAuthentication();
    if (caller == null || caller.getGroupIds() == null || !caller.getGroupIds().contains(Groups.CAMUNDA_ADMIN)) {
      throw new ApiExceptionHandler.ForbiddenException("只有管理员（camunda-admin）可以迁移运行中的流程实例");
    }
    if (request.processKey() == null || request.processKey().isBlank()) {
      throw new InvalidInputException("processKey", "请给出流程标识 processKey");
    }
    if (request.fromVersion() == null || request.toVersion() == null || request.fromVersion().equals(request.toVersion())) {
      throw new InvalidInputException("toVersion", "请给出两个不同的版本号 fromVersion 和 toVersion");
    }
    ProcessDefinition source = definition(request.processKey(), request.fromVersion(), "fromVersion");
    ProcessDefinition target = definition(request.processKey(), request.toVersion(), "toVersion");
    boolean dryRun = Boolean.TRUE.equals(request.dryRun());

    MigrationPlan plan;
    try {
      plan = runtimeService.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().updateEventTriggers().build();
    } catch (MigrationPlanValidationException e) {
      throw new InvalidInputException("toVersion", "无法从第 " + source.getVersion() + " 版迁移到第 " + target.getVersion()
          + " 版，迁移计划未通过引擎校验：" + planReport(e));
    }
    List<String> mapped = plan.getInstructions().stream()
        .map(i -> i.getSourceActivityId() + " → " + i.getTargetActivityId()).toList();
    List<String> instances = runtimeService.createProcessInstanceQuery().processDefinitionId(source.getId()).list().stream()
        .map(ProcessInstance::getId).toList();
    if (!instances.isEmpty()) {
      transactions.executeWithoutResult(status -> {
        try {
          runtimeService.newMigration(plan).processInstanceIds(instances).execute();
        } catch (MigratingProcessInstanceValidationException e) {
          throw new InvalidInputException("fromVersion", "第 " + source.getVersion() + " 版的运行实例不能迁移到第 "
              + target.getVersion() + " 版，未迁移任何实例：" + instanceReport(e.getValidationReport()));
        }
        if (dryRun) {
          status.setRollbackOnly();
        }
      });
    }
    return new Result(request.processKey(), source.getVersion(), target.getVersion(), source.getId(), target.getId(), dryRun,
        instances.size(), mapped);
  }

  private ProcessDefinition definition(String key, int version, String field) {
    ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key)
        .processDefinitionVersion(version).withoutTenantId().singleResult();
    if (definition == null) {
      throw new InvalidInputException(field, "流程 " + key + " 没有第 " + version + " 版");
    }
    return definition;
  }

  private static String planReport(MigrationPlanValidationException e) {
    List<String> lines = new ArrayList<>();
    for (MigrationInstructionValidationReport report : e.getValidationReport().getInstructionReports()) {
      MigrationInstruction instruction = report.getMigrationInstruction();
      lines.add("映射 " + instruction.getSourceActivityId() + " → " + instruction.getTargetActivityId() + "："
          + String.join("；", report.getFailures()));
    }
    e.getValidationReport().getVariableReports().forEach((name, report) ->
        lines.add("变量 " + name + "：" + String.join("；", report.getFailures())));
    return lines.isEmpty() ? e.getMessage() : String.join("\n", lines);
  }

  private static String instanceReport(MigratingProcessInstanceValidationReport report) {
    List<String> lines = new ArrayList<>();
    lines.add("实例 " + report.getProcessInstanceId());
    report.getFailures().forEach(f -> lines.add("  " + f));
    for (MigratingActivityInstanceValidationReport activity : report.getActivityInstanceReports()) {
      lines.add("  停留在 " + activity.getSourceScopeId() + "：" + String.join("；", activity.getFailures())
          + (activity.getMigrationInstruction() == null ? "（目标版本中没有同 id 的活动，无法映射）" : ""));
    }
    for (MigratingTransitionInstanceValidationReport transition : report.getTransitionInstanceReports()) {
      lines.add("  等待进入 " + transition.getSourceScopeId() + "：" + String.join("；", transition.getFailures()));
    }
    return String.join("\n", lines);
  }
}
