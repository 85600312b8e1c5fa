package cn.healthit.approval.chongqing;

import cn.healthit.approval.input.Values;
import cn.healthit.approval.calendar.WorkingDayCalendar;
import cn.healthit.approval.chongqing.ChongqingRules.IncidentType;
import cn.healthit.approval.engine.OpinionCommentParseListener;
import cn.healthit.approval.input.Inputs;
import cn.healthit.approval.input.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The thin beans of chongqing-rollout, its helpers and chongqing-incident (seed 002). */
@Configuration
public class ChongqingDelegates {

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  /** The engine's clock in China time (tests and timers share it). */
  static LocalDateTime now() {
    return LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), CHINA);
  }

  static String iso(LocalDateTime time) {
    return time.atZone(CHINA).toOffsetDateTime().withNano(0).toString();
  }

  // ---------------------------------------------------------------- rollout

  /** Start: the rollout as agreed; the risk register starts with the seed's seven risks. */
  @Bean
  public ExecutionListener chongqingRolloutIntake() {
    return execution -> {
      Inputs.requireText("projectName", "项目名称", execution.getVariable("projectName"));
      Inputs.requireText("hospitalName", "医院", execution.getVariable("hospitalName"));
      List<Map<String, Object>> register = RiskRegister.initial();
      execution.setVariable("riskRegister", register);
      execution.setVariable("riskRegisterText", RiskRegister.text(register));
      execution.setVariable("trainingAttempts", new ArrayList<Map<String, Object>>());
      execution.setVariable("goLiveDone", false);
    };
  }

  /** The plan names who signs off each trial-run stage (002 §5.3); each must be a member of the right side. */
  @Bean
  public TaskListener chongqingPlanCheck() {
    return task -> {
      Inputs.requireText("implementationPlan", "项目实施计划", task.getVariable("implementationPlan"));
      member(task, "vendorTrialLead", "公司内部试运行负责人", "chongqing-vendor");
      member(task, "itTrialLead", "信息科试运行负责人", "chongqing-it");
      member(task, "departmentTrialLead", "业务科室试运行负责人", "chongqing-departments");
    };
  }

  private static void member(DelegateTask task, String field, String label, String group) {
    String userId = Inputs.requireText(field, label, task.getVariable(field));
    long count = task.getProcessEngineServices().getIdentityService().createUserQuery()
        .userId(userId).memberOfGroup(group).count();
    if (count == 0) {
      throw new InvalidInputException(field, Inputs.describe(field, label) + "“" + userId + "”不是" + group + "组的成员");
    }
  }

  /** 002 §5.2.2: each exam is kept; 80% or less means retraining. */
  @Bean
  public TaskListener chongqingTrainingExam() {
    return task -> {
      BigDecimal rate = ChongqingRules.passRate(task.getVariable("trainingPassRate"));
      boolean retrain = ChongqingRules.retrainingNeeded(rate);
      List<Map<String, Object>> attempts = Values.records(task.getVariable("trainingAttempts"));
      Map<String, Object> attempt = new LinkedHashMap<>();
      attempt.put("attempt", attempts.size() + 1);
      attempt.put("passRate", rate.toPlainString());
      attempt.put("retrainingNeeded", retrain);
      attempt.put("examinedBy", task.getAssignee());
      attempt.put("at", iso(now()));
      attempts.add(attempt);
      task.setVariable("trainingAttempts", attempts);
      task.setVariable("trainingPassRate", rate.doubleValue());
      task.setVariable("retrainingNeeded", retrain);
    };
  }

  /** Go-live: from here the agreed flow changes only through a coordination meeting (002 §5.2.1). */
  @Bean
  public TaskListener chongqingGoLive() {
    return task -> {
      task.setVariable("goLiveDone", true);
      // the flow-change process looks at the rollout, which calls this implementation
      if (task.getExecution().getProcessInstance().getSuperExecution() != null) {
        task.getExecution().getProcessInstance().getSuperExecution().setVariable("goLiveDone", true);
      }
    };
  }

  /** The monthly summary shows the register and may re-grade one risk. */
  @Bean
  public TaskListener chongqingMonthlySummary() {
    return task -> {
      Inputs.requireText("summary", "月度总结", task.getVariable("summary"));
      Object no = task.getVariable("riskNo");
      if (no != null && !no.toString().isBlank()) {
        List<Map<String, Object>> register = Values.records(task.getVariable("riskRegister"));
        int number = (int) Inputs.requireWholeNumber("riskNo", "风险序号", no, 1, 99);
        List<Map<String, Object>> updated = RiskRegister.update(register, number,
            Inputs.optionalText(task.getVariable("riskLevel")), Inputs.optionalText(task.getVariable("riskResponse")));
        task.setVariable("riskRegister", updated);
        task.setVariable("riskRegisterText", RiskRegister.text(updated));
      }
    };
  }

  /** On the acceptance task: the signed flow-change records of this rollout, for judging against (002 §5.7.2(3)). */
  @Bean
  public TaskListener chongqingChangeRecords() {
    return task -> {
      String rollout = task.getExecution().getProcessBusinessKey();
      List<HistoricProcessInstance> changes = task.getProcessEngineServices().getHistoryService()
          .createHistoricProcessInstanceQuery().processDefinitionKey("chongqing-flow-change")
          .variableValueEquals("rolloutNumber", rollout).orderByProcessInstanceStartTime().asc().list();
      String text = changes.stream().map(c -> {
        var variables = task.getProcessEngineServices().getHistoryService().createHistoricVariableInstanceQuery()
            .processInstanceId(c.getId()).list().stream()
            .filter(v -> v.getValue() != null)
            .collect(Collectors.toMap(v -> v.getName(), v -> v.getValue(), (a, b) -> b));
        return c.getBusinessKey() + "：" + variables.getOrDefault("changeRequest", "") + " — "
            + ("APPROVED".equals(variables.get("decision")) ? "同意变更，确认表 " + variables.getOrDefault("confirmationFormNo", "")
                : c.getEndTime() == null ? "协调中" : "不变更");
      }).collect(Collectors.joining("\n"));
      task.setVariable("changeRecords", text.isEmpty() ? "无流程变更记录" : text);
    };
  }

  /** Acceptance (002 §5.7.2): functions the hospital blocked are recorded and do not block acceptance. */
  @Bean
  public TaskListener chongqingAcceptanceCheck() {
    return task -> {
      String decision = decision(task, Set.of("ACCEPTED", "RECTIFY"));
      if ("ACCEPTED".equals(decision)) {
        Inputs.requireText("acceptanceBasis", "验收依据（签字确认的实施方案及变更记录）", task.getVariable("acceptanceBasis"));
      }
    };
  }

  /** The handover (002 13.双方交接): deployment details and the documents. */
  @Bean
  public TaskListener chongqingHandoverCheck() {
    return task -> {
      Inputs.requireText("deploymentDetails", "软件部署情况", task.getVariable("deploymentDetails"));
      Inputs.requireText("handoverDocuments", "移交的项目资料", task.getVariable("handoverDocuments"));
    };
  }

  /** A department's feedback names the rollout, the department and the problem (002 §5.2.1 问题反馈). */
  @Bean
  public ExecutionListener chongqingFeedbackIntake() {
    return execution -> {
      Inputs.requireText("rolloutNumber", "实施项目编号", execution.getVariable("rolloutNumber"));
      Inputs.requireText("department", "反馈科室", execution.getVariable("department"));
      Inputs.requireText("issue", "问题描述", execution.getVariable("issue"));
    };
  }

  /** A flow change may be raised only for a running rollout that has gone live (002 §5.2.1). */
  @Bean
  public ExecutionListener chongqingFlowChangeIntake() {
    return execution -> {
      String rollout = Inputs.requireText("rolloutNumber", "实施项目编号", execution.getVariable("rolloutNumber"));
      Inputs.requireText("changeRequest", "变更内容及理由", execution.getVariable("changeRequest"));
      var instance = execution.getProcessEngineServices().getRuntimeService().createProcessInstanceQuery()
          .processDefinitionKey("chongqing-rollout").processInstanceBusinessKey(rollout).singleResult();
      if (instance == null) {
        throw new InvalidInputException("rolloutNumber", "没有进行中的实施项目 " + rollout);
      }
      Object live = execution.getProcessEngineServices().getRuntimeService().getVariable(instance.getId(), "goLiveDone");
      if (!Boolean.TRUE.equals(live)) {
        throw new InvalidInputException("rolloutNumber",
            "项目 " + rollout + " 尚未正式运行；启用前的流程调整在实施过程中确定，无需变更确认表");
      }
    };
  }

  /** The coordination meeting: the hospital's project lead decides; an approved change needs the signed form. */
  @Bean
  public TaskListener chongqingCoordinationMeeting() {
    return task -> {
      String decision = decision(task, Set.of("APPROVED", "REJECTED"));
      Inputs.requireText("meetingAttendees", "协调会参会人员", task.getVariable("meetingAttendees"));
      if ("APPROVED".equals(decision)) {
        Inputs.requireText("confirmationFormNo", "《项目变更确认表》编号（双方签字）", task.getVariable("confirmationFormNo"));
      }
    };
  }

  @Bean
  public TaskListener chongqingDecisionCheck() {
    return task -> decision(task, Set.of("ACCEPTED", "REJECTED", "APPROVED", "FIXED", "REOPEN"));
  }

  private static String decision(DelegateTask task, Set<String> allowed) {
    return Inputs.decision("decision", task.getVariable("decision"), allowed, Set.of("REJECTED", "RECTIFY", "REOPEN"),
        "opinion", OpinionCommentParseListener.freshOpinion(task));
  }


  // ---------------------------------------------------------------- incident

  /** Start: the condition is one of the three, and has lasted long enough (002 §8.4.1). */
  @Bean
  public ExecutionListener chongqingIncidentIntake(WorkingDayCalendar calendar) {
    return execution -> {
      IncidentType type = Inputs.requireEnum("incidentType", "事件类型", execution.getVariable("incidentType"), IncidentType.class);
      Inputs.requireText("description", "故障现象", execution.getVariable("description"));
      LocalDateTime since = dateTime(execution, "conditionSince", "故障开始时间");
      LocalDateTime now = now();
      ChongqingRules.checkTrigger(type, since, now);
      execution.setVariable("reportedAt", iso(now));
      execution.setVariable("offHours", ChongqingRules.offHours(now, calendar.get()));
      execution.setVariable("powerOutage", type == IncidentType.POWER_OUTAGE);
      execution.setVariable("upsShutdownAt", iso(since.plus(ChongqingRules.UPS_SHUTDOWN_AFTER)));
    };
  }

  /** IT has notified the vendor: the 15- and 30-minute clocks start (002 §8.4.3.2(3)). */
  @Bean
  public TaskListener chongqingVendorNotified() {
    return task -> {
      Inputs.requireText("initialAssessment", "初步结论", task.getVariable("initialAssessment"));
      LocalDateTime notified = now();
      task.setVariable("vendorNotifiedAt", iso(notified));
      task.setVariable("vendorResponseDue", iso(notified.plus(ChongqingRules.VENDOR_RESPONSE)));
      task.setVariable("vendorResultDue", iso(notified.plus(ChongqingRules.VENDOR_RESULT)));
    };
  }

  /** The vendor's result: solved, or the analysis needs more than an hour (then IT announces a recovery time). */
  @Bean
  public TaskListener chongqingVendorResult() {
    return task -> {
      String result = Inputs.requireText("vendorResult", "处理结果", task.getVariable("vendorResult"));
      if (!Set.of("RESOLVED", "LONG_ANALYSIS").contains(result)) {
        throw new InvalidInputException("vendorResult", "处理结果（vendorResult）只能是 RESOLVED 或 LONG_ANALYSIS：" + result);
      }
      Inputs.requireText("vendorFindings", "故障分析", task.getVariable("vendorFindings"));
      task.setVariable("longAnalysis", "LONG_ANALYSIS".equals(result));
    };
  }

  @Bean
  public TaskListener chongqingRecoveryAnnouncement() {
    return task -> {
      LocalDateTime expected = dateTime(task, "expectedRecoveryAt", "预计恢复时间");
      if (expected.isBefore(now())) {
        throw new InvalidInputException("expectedRecoveryAt", "预计恢复时间（expectedRecoveryAt）不能早于当前时间");
      }
    };
  }

  /** Closing: cause, measures and the duration from the condition's start (002 §8.4). */
  @Bean
  public TaskListener chongqingIncidentClose() {
    return task -> {
      Inputs.requireText("cause", "故障原因", task.getVariable("cause"));
      Inputs.requireText("measures", "处置措施", task.getVariable("measures"));
      LocalDateTime since = dateTime(task, "conditionSince", "故障开始时间");
      task.setVariable("durationMinutes", ChongqingRules.durationMinutes(since, now()));
      task.setVariable("closedAt", iso(now()));
    };
  }

  @Bean
  public TaskListener chongqingReviewCheck() {
    return task -> Inputs.requireText("lessonsLearned", "复盘结论与改进措施", task.getVariable("lessonsLearned"));
  }

  /** An ISO date-time ("2026-11-25T09:30", with or without offset) in China time. */
  static LocalDateTime dateTime(VariableScope scope, String field, String label) {
    Object value = scope.getVariable(field);
    String text = Inputs.requireText(field, label, value);
    if (value instanceof java.util.Date d) {
      return LocalDateTime.ofInstant(d.toInstant(), CHINA);
    }
    try {
      return text.length() > 19 || text.endsWith("Z")
          ? OffsetDateTime.parse(text).atZoneSameInstant(CHINA).toLocalDateTime()
          : LocalDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(field, Inputs.describe(field, label) + "不是有效时间（如 2026-11-25T09:30）：" + text);
    }
  }
}
