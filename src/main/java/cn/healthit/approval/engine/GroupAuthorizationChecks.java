package cn.healthit.approval.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Authorization checks use the user's groups as they are, without first asking the database which
 * groups hold any authorization at all.
 *
 * <p>Camunda narrows the groups of every command with {@code SELECT DISTINCT GROUP_ID_ FROM
 * ACT_RU_AUTHORIZATION}. That scan grows with the table. Here the table holds one row per candidate
 * group of every open task, so with 10,000 live projects the scan took about 7 ms. Tasklist's list
 * request runs it in each of its commands.
 *
 * <p>Leaving the groups as they are gives the same answer. A group without authorizations matches
 * no row in the checks' {@code GROUP_ID_ IN (...)}. The narrowing only shortens that list for
 * users in hundreds of directory groups, and ours belong to one to three
 * ({@code GroupAuthorizationChecksTest}).
 */
@Component
public class GroupAuthorizationChecks implements EngineCustomizer {

  @Override
  public void customize(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    configuration.getCustomSessionFactories().add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new UnfilteredGroups();
      }
    });
  }

  /** The engine's authorization manager, but the authenticated groups are used as given. */
  static class UnfilteredGroups extends AuthorizationManager {

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null) {
        return new ArrayList<>();
      }
      return new ArrayList<>(authenticatedGroupIds.stream().filter(Objects::nonNull)
          .collect(Collectors.toCollection(LinkedHashSet::new)));
    }
  }
}
