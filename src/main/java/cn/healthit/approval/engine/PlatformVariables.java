package cn.healthit.approval.engine;

import java.util.Set;

/**
 * The variables the platform's delegates and listeners write, so a model's gateway may read them although no
 * form has a field of that name (README "Data dictionary"). A gateway condition may read a form field, one of
 * these, or a variable the model itself maps in ({@code camunda:in}/{@code camunda:out} target, an output
 * parameter); anything else is refused at deployment ({@link ModelReferenceCheck}). A delegate that starts
 * writing a new variable a model branches on adds it here.
 */
public final class PlatformVariables {

  private PlatformVariables() {}

  /** The variables delegates and listeners write (the comment names the bean and the clause). */
  public static final Set<String> OUTPUTS = Set.of(
      "tier",                          // tianjinTierDelegate — 000 §3
      "panel", "panelSplit", "externalCount", "reviewOutcome", // tianjinPanel* — 000 §11
      "escalated",                     // tianjinChangeEscalation — 000 §15
      "requestFiled", "confirmed",     // tianjinChangeStartCheck, tianjinChangeReviewCheck — 000 §15
      "emergencyRoute", "refused",     // tianjinEmergencyStartCheck / SignOffCheck — 000 §20
      "finalAcceptanceBy",             // guangzhouFinalAcceptanceRoute — 001 §3.4
      "onSiteInspections",             // guangzhouOnSiteInspectionRecorded — 001
      "leadingGroupApprovalRequired",  // zhuhaiProjectIntake — 004 §9
      "offHours", "powerOutage", "longAnalysis", // chongqingIncidentIntake — 002 §8.4
      "retrainingNeeded",              // chongqingTrainingExam — 002 §5.2.2
      "confirmedByCommission", "confirmedByDepartments", // baishan*Confirmation — 003
      "resubmitTo");                   // a return with direct resubmission (actions.ActionConfig, approval.resubmit)

  /** Names the expression language or the engine provides to every condition. */
  public static final Set<String> BUILT_IN = Set.of(
      "true", "false", "null", "empty", "not", "and", "or", "eq", "ne", "lt", "gt", "le", "ge", "div", "mod",
      "instanceof", "execution", "loopCounter", "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances");
}
