package cn.healthit.approval.web;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** The user the authentication filter set for this /api request. */
public final class CurrentUser {

  private CurrentUser() {}

  public static String id(IdentityService identityService) {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new IllegalStateException("no authenticated user on an /api request");
    }
    return authentication.getUserId();
  }
}
