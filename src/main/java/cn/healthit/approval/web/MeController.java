package cn.healthit.approval.web;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: who the caller is and which groups they act for. */
@RestController
@RequestMapping("/api")
public class MeController {

  private final IdentityService identityService;

  public MeController(IdentityService identityService) {
    this.identityService = identityService;
  }

  @GetMapping("/me")
  public Map<String, Object> me() {
    String userId = CurrentUser.id(identityService);
    User user = identityService.createUserQuery().userId(userId).singleResult();
    List<Map<String, String>> groups = identityService.createGroupQuery().groupMember(userId).orderByGroupId().asc().list()
        .stream().map(g -> Map.of("id", g.getId(), "name", g.getName())).toList();
    return Map.of("id", userId, "name", user == null ? userId : user.getFirstName(), "groups", groups);
  }
}
