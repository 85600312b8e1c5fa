package cn.healthit.approval.guangzhou;

import cn.healthit.approval.calendar.WorkingDayCalendar;
import cn.healthit.approval.calendar.WorkingDayVariableDeadline;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Sets {@code reviewDueDate} when a review round starts: the end of the 20th working day (and
 * {@code reviewStartedAt}, from which it is counted again when a year's holidays are loaded). Both the
 * review task and the expert meeting carry it as their due date, so holding an expert meeting does
 * not restart the clock; the round's timer («20 working days», the engine's working-day calendar)
 * falls due at the same moment.
 */
@Component("guangzhouReviewDeadline")
public class GuangzhouReviewDeadline implements ExecutionListener, WorkingDayVariableDeadline {

  private final WorkingDayCalendar calendar;

  public GuangzhouReviewDeadline(WorkingDayCalendar calendar) {
    this.calendar = calendar;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Date now = ClockUtil.getCurrentTime();
    execution.setVariable(startVariable(), now);
    execution.setVariable(variable(), Date.from(ReviewDeadline.from(now.toInstant(), calendar.get())));
  }

  @Override
  public String variable() {
    return "reviewDueDate";
  }

  @Override
  public String startVariable() {
    return "reviewStartedAt";
  }

  @Override
  public int workingDays() {
    return ReviewDeadline.WORKING_DAYS;
  }
}
