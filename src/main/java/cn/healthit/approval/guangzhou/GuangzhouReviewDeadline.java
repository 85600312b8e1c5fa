package cn.healthit.approval.guangzhou;

import cn.healthit.approval.calendar.WorkingDays;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Sets {@code reviewDueDate} when a review round starts: the end of the 20th working day. Both the
 * review task and the expert meeting carry it as their due date, so holding an expert meeting does
 * not restart the clock; the round's timer («20 working days», the engine's working-day calendar)
 * falls due at the same moment.
 */
@Component("guangzhouReviewDeadline")
public class GuangzhouReviewDeadline implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    execution.setVariable("reviewDueDate",
        Date.from(ReviewDeadline.from(ClockUtil.getCurrentTime().toInstant(), WorkingDays.china())));
  }
}
