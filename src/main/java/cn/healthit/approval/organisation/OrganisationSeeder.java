package cn.healthit.approval.organisation;

import cn.healthit.approval.engine.PlatformProperties;
import java.io.IOException;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds the organisation files into Camunda's identity service and authorizations, idempotently:
 * a restart adds what is new and leaves what exists (passwords people changed stay changed).
 *
 * <p>Access (CONTRACT.md "Access"): every user may log in to the webapps and read the directory; a
 * process's starters may start it; starters, participants and observers read its history;
 * candidate groups work their tasks (the engine grants TASK_WORK when it adds a candidate group);
 * only camunda-admin deploys and administers.
 */
@Component
@Order(8) // before ModelDeployer (10): a deployment's candidate groups must exist (ModelReferenceCheck)
public class OrganisationSeeder implements ApplicationRunner {

  public static final String ADMIN_GROUP = "camunda-admin";
  private static final Logger LOG = LoggerFactory.getLogger(OrganisationSeeder.class);

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final PlatformProperties properties;
  private final TaskFilters taskFilters;

  public OrganisationSeeder(IdentityService identityService, AuthorizationService authorizationService,
      PlatformProperties properties, TaskFilters taskFilters) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.properties = properties;
    this.taskFilters = taskFilters;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    String adminPassword = properties.effectiveAdminPassword();
    Organisation organisation = Organisation.load(properties.organisation());
    for (Organisation.Group g : organisation.groups()) {
      group(g.id(), g.name());
    }
    group(ADMIN_GROUP, "系统管理员");
    user(new Organisation.User(properties.adminId(), "系统管理员", "平台管理员", null, java.util.List.of(ADMIN_GROUP)),
        adminPassword);
    String password = properties.demo() ? properties.demoPassword() : null;
    for (Organisation.User u : organisation.users()) {
      user(u, password);
    }
    adminAuthorizations();
    everyoneAuthorizations();
    for (Organisation.ProcessAccess p : organisation.processes()) {
      processAuthorizations(p);
    }
    taskFilters.seed(properties.adminId(), organisation);
    if (properties.demo()) {
      LOG.warn("""

          ************************************************************************
          *  演示模式 DEMO MODE: {} demo users share the password '{}'.
          *  Never expose this instance. Production: --spring.profiles.active=prod
          ************************************************************************""",
          organisation.users().size() + 1, properties.demoPassword());
    }
  }

  private void group(String id, String name) {
    Group group = identityService.createGroupQuery().groupId(id).singleResult();
    if (group == null) {
      group = identityService.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identityService.saveGroup(group);
    } else if (!name.equals(group.getName())) {
      group.setName(name);
      identityService.saveGroup(group);
    }
  }

  private void user(Organisation.User u, String password) {
    User user = identityService.createUserQuery().userId(u.id()).singleResult();
    if (user == null) {
      user = identityService.newUser(u.id());
      user.setFirstName(u.name());
      user.setLastName(u.title() == null ? "" : u.title());
      user.setEmail(u.email() == null ? u.id() + "@example.invalid" : u.email());
      // without a password (production) nobody can log in until an administrator sets one
      user.setPassword(password == null ? UUID.randomUUID() + "Aa1!" : password);
      identityService.saveUser(user);
    }
    for (String groupId : u.groups()) {
      if (identityService.createUserQuery().userId(u.id()).memberOfGroup(groupId).count() == 0) {
        identityService.createMembership(u.id(), groupId);
      }
    }
  }

  private void adminAuthorizations() {
    for (Resources resource : Resources.values()) {
      grant(ADMIN_GROUP, resource, Authorization.ANY, Permissions.ALL);
    }
  }

  private void everyoneAuthorizations() {
    // every user may log in to the three webapps; what they see there is still limited by their
    // authorizations (Cockpit shows only definitions they take part in; Admin lets them edit their own profile)
    grantGlobal(Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grantGlobal(Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grantGlobal(Resources.APPLICATION, "admin", Permissions.ACCESS);
    grantGlobal(Resources.USER, Authorization.ANY, Permissions.READ);
    grantGlobal(Resources.GROUP, Authorization.ANY, Permissions.READ);
    // 征求意见 may be asked of anyone: its model's name on their card and its form; its instances stay the platform's
    grantGlobal(Resources.PROCESS_DEFINITION, cn.healthit.approval.actions.Consultations.PROCESS_KEY, Permissions.READ);
  }

  private void processAuthorizations(Organisation.ProcessAccess p) {
    for (String g : p.starters()) {
      grant(g, Resources.PROCESS_DEFINITION, p.key(), ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
      grant(g, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
    }
    for (String g : p.participants()) {
      grant(g, Resources.PROCESS_DEFINITION, p.key(), ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.READ_HISTORY);
    }
    for (String g : p.observers()) {
      // 抄送: read everything of the process, work none of it
      grant(g, Resources.PROCESS_DEFINITION, p.key(), ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
          ProcessDefinitionPermissions.READ_HISTORY);
    }
  }

  /** Grants (adds) permissions to a group, creating or widening one authorization. */
  public void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization auth = authorizationService.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT).groupIdIn(groupId)
        .resourceType(resource).resourceId(resourceId).singleResult();
    if (auth == null) {
      auth = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      auth.setGroupId(groupId);
      auth.setResource(resource);
      auth.setResourceId(resourceId);
    }
    boolean changed = auth.getId() == null;
    for (Permission permission : permissions) {
      if (!auth.isPermissionGranted(permission)) {
        auth.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizationService.saveAuthorization(auth);
    }
  }

  private void grantGlobal(Resource resource, String resourceId, Permission permission) {
    Authorization auth = authorizationService.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GLOBAL).resourceType(resource).resourceId(resourceId).singleResult();
    if (auth == null) {
      auth = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
      auth.setResource(resource);
      auth.setResourceId(resourceId);
      auth.addPermission(permission);
      authorizationService.saveAuthorization(auth);
    }
  }
}
