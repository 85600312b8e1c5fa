package cn.healthit.approval.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine checks authorizations with the user's groups as given ({@link GroupAuthorizationChecks}):
 * the answers are Camunda's own, without the per-command scan for groups that hold authorizations.
 */
@PlatformTest
class GroupAuthorizationChecksTest {

  @Autowired ProcessEngine engine;
  Processes processes;

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
  }

  @Test
  void everyCommandUsesTheManagerThatKeepsTheGroupsAsGiven() {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    Object manager = configuration.getCommandExecutorTxRequired().execute(context -> context.getAuthorizationManager());
    assertThat(manager).isInstanceOf(GroupAuthorizationChecks.UnfilteredGroups.class);
    assertThat(((GroupAuthorizationChecks.UnfilteredGroups) manager)
        .filterAuthenticatedGroupIds(java.util.Arrays.asList("zhuhai-unit", null, "zhuhai-unit", "no-such-group")))
        .containsExactly("zhuhai-unit", "no-such-group");
  }

  @Test
  void aGroupWithoutAuthorizationsChangesNothingAndItsFirstAuthorizationCountsAtOnce() {
    ProcessInstance project = processes.start("zhuhai-project", Processes.uniqueKey("GAC"),
        Map.of("projectName", "分组授权检查", "unitName", "香洲区人民医院", "amount", "1000.00"));
    String unauthorizedGroup = "gac-" + System.nanoTime();

    assertThat(declarationsSeenBy(List.of("zhuhai-unit", unauthorizedGroup), project)).hasSize(1);
    assertThat(declarationsSeenBy(List.of(unauthorizedGroup), project)).isEmpty();
    assertThat(declarationsSeenBy(List.of(), project)).isEmpty();

    Task declaration = processes.task(project, "Task_Declare");
    Authorization read = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    read.setGroupId(unauthorizedGroup);
    read.setResource(Resources.TASK);
    read.setResourceId(declaration.getId());
    read.addPermission(Permissions.READ);
    engine.getAuthorizationService().saveAuthorization(read);
    try {
      assertThat(declarationsSeenBy(List.of(unauthorizedGroup), project)).extracting(Task::getId)
          .containsExactly(declaration.getId());
    } finally {
      engine.getAuthorizationService().deleteAuthorization(read.getId());
    }
  }

  private List<Task> declarationsSeenBy(List<String> groups, ProcessInstance project) {
    engine.getIdentityService().setAuthentication("gac-user", groups);
    try {
      return engine.getTaskService().createTaskQuery().processInstanceId(project.getId()).taskDefinitionKey("Task_Declare")
          .list();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
