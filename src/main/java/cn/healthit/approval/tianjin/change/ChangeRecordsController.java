package cn.healthit.approval.tianjin.change;

import cn.healthit.approval.web.CurrentUser;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
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
  private final org.camunda.bpm.engine.AuthorizationService authorizationService;

  public ChangeRecordsController(ChangeRecords records, IdentityService identityService,
      org.camunda.bpm.engine.AuthorizationService authorizationService) {
    this.records = records;
    this.identityService = identityService;
    this.authorizationService = authorizationService;
  }

  @GetMapping("/api/tianjin/projects/{projectNumber}/changes")
  public Map<String, Object> changes(@PathVariable String projectNumber) {
    String userId = CurrentUser.id(identityService);
    java.util.List<String> groups = identityService.createGroupQuery().groupMember(userId).list()
        .stream().map(g -> g.getId()).toList();
    boolean allowed = authorizationService.isUserAuthorized(userId, groups,
        org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_HISTORY,
        org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION, ChangeRecords.PROCESS_KEY);
    if (!allowed) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "无权查看天津项目变更记录");
    }
    return records.asJson(projectNumber);
  }
}
