package cn.healthit.approval.baishan;

import cn.healthit.approval.baishan.BaishanRules.Deliverable;
import cn.healthit.approval.engine.OpinionCommentParseListener;
import cn.healthit.approval.input.Inputs;
import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The thin beans baishan-consulting-design calls: read variables, call {@link BaishanRules}, write variables. */
@Configuration
public class BaishanDelegates {

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  /** Start: the project plan as submitted to the health commission. */
  @Bean
  public ExecutionListener baishanIntake() {
    return execution -> {
      Inputs.requireText("projectName", "项目名称", execution.getVariable("projectName"));
      Inputs.requireText("submittingUnit", "提交单位", execution.getVariable("submittingUnit"));
      Inputs.requireText("requirementPlan", "项目需求计划", execution.getVariable("requirementPlan"));
    };
  }

  /** The consultant is appointed: the 45-day clock starts (deadline as date and as timer instant). */
  @Bean
  public TaskListener baishanAppointment() {
    return task -> {
      Inputs.requireText("consultantName", "咨询设计单位", task.getVariable("consultantName"));
      LocalDate appointment = Inputs.date("appointmentDate", "委托日期", task.getVariable("appointmentDate"), true);
      LocalDate deadline = BaishanRules.deliveryDeadline(appointment);
      task.setVariable("deliveryDeadline", deadline.toString());
      // the timer fires when the last allowed day is over
      task.setVariable("deliveryDeadlineTimer", deadline.plusDays(1).atStartOfDay(CHINA).toOffsetDateTime().toString());
    };
  }

  /** On every task of the service: its due date is the delivery deadline and it shows the days left. */
  @Bean
  public TaskListener baishanRemainingDays() {
    return task -> {
      Object deadlineText = task.getVariable("deliveryDeadline");
      if (deadlineText == null) {
        return;
      }
      LocalDate deadline = LocalDate.parse(deadlineText.toString());
      // the engine's clock, so that tests (and Cockpit's time travel) see the same day as timers do
      LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(CHINA).toLocalDate();
      task.setDueDate(Date.from(deadline.atTime(23, 59, 59).atZone(CHINA).toInstant()));
      task.setVariableLocal("remainingDays", BaishanRules.remainingDays(today, deadline));
    };
  }

  /** A decision task: one of its outcomes; a negative one needs a reason. */
  @Bean
  public TaskListener baishanDecisionCheck() {
    return task -> Inputs.decision("decision", task.getVariable("decision"),
        Set.of("ACCEPTED", "REJECTED", "APPROVED", "REVISE", "PASSED", "FAILED"), Set.of("REJECTED", "REVISE", "FAILED"),
        "opinion", OpinionCommentParseListener.freshOpinion(task));
  }

  /** The deliverables: each named, and the estimate with its 6% contingency reserve. */
  @Bean
  public TaskListener baishanDeliverablesCheck() {
    return task -> {
      requireDeliverables(task, "提交成果文件");
      BigDecimal engineering = Money.parse("engineeringCost", "工程建设费", task.getVariable("engineeringCost"));
      BigDecimal thirdParty = Money.parse("thirdPartyServiceCost", "工程建设第三方服务费", task.getVariable("thirdPartyServiceCost"));
      BigDecimal reserve = BaishanRules.contingencyReserve(engineering, thirdParty);
      task.setVariable("engineeringCost", Money.format(engineering));
      task.setVariable("thirdPartyServiceCost", Money.format(thirdParty));
      task.setVariable("contingencyReserve", Money.format(reserve));
      task.setVariable("totalEstimate", Money.format(engineering.add(thirdParty).add(reserve)));
    };
  }

  /** The consultant's answer to the expert review: the 《意见响应表》 and the revised plan. */
  @Bean
  public TaskListener baishanResponseCheck() {
    return task -> {
      Inputs.requireText("responseTable", "《意见响应表》", task.getVariable("responseTable"));
      Inputs.requireText("revisedPlanVersion", "修订后的方案版本", task.getVariable("revisedPlanVersion"));
    };
  }

  /** The commission's confirmation of the plan and the 《意见响应表》: refused while a deliverable is missing. */
  @Bean
  public TaskListener baishanConfirmationCheck() {
    return task -> task.setVariable("confirmedByCommission", confirmation(task, "decision", "opinion"));
  }

  /** The departments' confirmation, beside the commission's (003 方案确认). */
  @Bean
  public TaskListener baishanDepartmentsConfirmation() {
    return task -> task.setVariable("confirmedByDepartments", confirmation(task, "departmentsDecision", "departmentsOpinion"));
  }

  private static boolean confirmation(DelegateTask task, String decisionField, String opinionField) {
    String decision = Inputs.decision(decisionField, task.getVariable(decisionField), Set.of("CONFIRMED", "REVISE"),
        Set.of("REVISE"), opinionField, opinionField.equals("opinion") ? OpinionCommentParseListener.freshOpinion(task) : task.getVariable(opinionField));
    if ("CONFIRMED".equals(decision)) {
      requireDeliverables(task, "确认方案");
      Inputs.requireText("responseTable", "《意见响应表》", task.getVariable("responseTable"));
    }
    return "CONFIRMED".equals(decision);
  }

  private static void requireDeliverables(DelegateTask task, String step) {
    List<Deliverable> missing = BaishanRules.missingDeliverables(task::getVariable);
    if (!missing.isEmpty()) {
      throw new InvalidInputException(missing.get(0).variable(), "缺少成果物 "
          + missing.stream().map(Deliverable::label).collect(Collectors.joining("、")) + "，不能" + step);
    }
  }
}
