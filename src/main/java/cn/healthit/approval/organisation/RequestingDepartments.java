package cn.healthit.approval.organisation;

import cn.healthit.approval.engine.PlatformProperties;
import cn.healthit.approval.input.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The one check of who a project is filed for ({@link RequesterRule}), called by the start checks of the
 * processes whose organisation file names a {@code requester}. The starter is the authenticated user; an
 * administrator may file for any department (a correction on purpose), and a start without an authenticated
 * user (the platform itself, or a process test) is not the webapps' or REST's and is not restricted.
 */
@Component
public class RequestingDepartments {

  private final IdentityService identityService;
  private final Organisation organisation;

  public RequestingDepartments(@Lazy IdentityService identityService, PlatformProperties properties) {
    this.identityService = identityService;
    try {
      this.organisation = Organisation.load(properties.organisation());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The department the start is filed for, written back to the process's variable; refuses with 400 naming the field.
   * Returns the value unchanged where the process has no requester rule.
   */
  public String check(DelegateExecution execution, String processKey) {
    Organisation.Requester rule = organisation.requester(processKey);
    if (rule == null) {
      Object value = execution.getVariable("requestingDepartment");
      return value == null ? null : value.toString();
    }
    Object sent = execution.getVariable(rule.variable());
    String chosen = sent == null ? null : sent.toString().trim();
    var starter = identityService.getCurrentAuthentication();
    if (starter == null || starter.getGroupIds() != null && starter.getGroupIds().contains(OrganisationSeeder.ADMIN_GROUP)) {
      if (chosen == null || chosen.isEmpty()) {
        throw new InvalidInputException(rule.variable(), "请选择" + rule.label() + "（" + rule.variable() + "）");
      }
      return chosen;
    }
    RequesterRule.Decision decision = RequesterRule.decide(rule, chosen,
        starter.getGroupIds() == null ? java.util.List.of() : starter.getGroupIds(), organisation::groupName);
    if (!decision.allowed()) {
      throw new InvalidInputException(rule.variable(), decision.refusal());
    }
    execution.setVariable(rule.variable(), decision.department());
    return decision.department();
  }
}
