package cn.healthit.approval.web;

import cn.healthit.approval.web.ApiExceptionHandler.ForbiddenException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Notices for administrators — what needs their hand soon (next year's holidays not loaded, accounts
 * or sources temporarily locked after failed logins). {@code GET /api/admin/notices} for
 * {@code camunda-admin}; Cockpit's and Admin's start pages show them.
 */
@RestController
public class AdminNotices {

  public static final String ADMIN_GROUP = "camunda-admin";

  /** A part of the platform with something to tell administrators. */
  public interface Source {
    List<Notice> notices();
  }

  /** {@code kind}: CALENDAR, LOGIN_LOCK … ; {@code message} in Chinese. */
  public record Notice(String kind, String message) {}

  private final ObjectProvider<Source> sources;
  private final IdentityService identityService;

  public AdminNotices(ObjectProvider<Source> sources, IdentityService identityService) {
    this.sources = sources;
    this.identityService = identityService;
  }

  /** Refuses the /api request unless its user is an administrator. */
  public static String requireAdmin(IdentityService identityService, String what) {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null || authentication.getGroupIds() == null || !authentication.getGroupIds().contains(ADMIN_GROUP)) {
      throw new ForbiddenException("只有系统管理员（" + ADMIN_GROUP + "）可以" + what);
    }
    return authentication.getUserId();
  }

  public List<Notice> all() {
    List<Notice> out = new ArrayList<>();
    sources.orderedStream().forEach(s -> out.addAll(s.notices()));
    return out;
  }

  @GetMapping("/api/admin/notices")
  public Map<String, Object> notices() {
    requireAdmin(identityService, "查看管理员提醒");
    return Map.of("notices", all());
  }
}
