package cn.healthit.approval.tianjin.change;

import cn.healthit.approval.web.CurrentUser;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/tianjin/projects/{projectNumber}/changes}: the project's change record as JSON.
 * Only for users who may read the history of {@code tianjin-change-request}.
 */
@RestController
public class ChangeRecordsController {

  private final ChangeRecords records;
  private final IdentityService identityService;
  private final AuthorizationService authorizationService;

  public ChangeRecordsController(ChangeRecords records, IdentityService identityService,
      AuthorizationService authorizationService) {
    this.records = records;
    this.identityService = identityService;
    this.authorizationService = authorizationService;
  }

  @GetMapping("/api/tianjin/projects/{projectNumber}/changes")
  public Map<String, Object> changes(@PathVariable String projectNumber) {
    String userId = CurrentUser.id(identityService);
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list()
        .stream().map(Group::getId).toList();
    if (!authorizationService.isUserAuthorized(userId, groups, ProcessDefinitionPermissions.READ_HISTORY,
        Resources.PROCESS_DEFINITION, ChangeRecords.PROCESS_KEY)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "无权查看天津项目变更记录");
    }
    return records.asJson(projectNumber);
  }
}
