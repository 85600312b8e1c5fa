package cn.healthit.approval.guangzhou;

import cn.healthit.approval.calendar.WorkingDayDeadline;
import cn.healthit.approval.calendar.WorkingDays;
import java.time.Instant;

/**
 * 001 §1.3 and §1.8: 局信息办 answers a review within 20 working days. The review round's timer
 * says the same in BPMN ({@code 20 working days}); the process test checks both fall due together.
 */
public final class ReviewDeadline {

  // 001 §1.3、§1.8: 在20个工作日内提出项目审核意见
  public static final int WORKING_DAYS = 20;

  private ReviewDeadline() {}

  public static Instant from(Instant received, WorkingDays calendar) {
    return WorkingDayDeadline.after(calendar, received, WORKING_DAYS);
  }
}
