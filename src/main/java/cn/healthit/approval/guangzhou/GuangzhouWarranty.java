package cn.healthit.approval.guangzhou;

import cn.healthit.approval.calendar.WorkingDayDeadline;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * At final acceptance (001 §3.5): the warranty end dates (CONTRACT.md, ISO dates) and the moments
 * the unit is reminded (09:00 China time, {@link Warranty#REMINDER_DAYS_BEFORE} days before each end),
 * which the in-use timers wait for.
 */
@Component("guangzhouWarranty")
public class GuangzhouWarranty implements JavaDelegate {

  private static final LocalTime REMINDER_TIME = LocalTime.of(9, 0);

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(WorkingDayDeadline.CHINA).toLocalDate();
    Warranty w = Warranty.from(today);
    execution.setVariable("finalAcceptanceDate", w.finalAcceptance().toString());
    execution.setVariable("softwareWarrantyEnds", w.softwareEnds().toString());
    execution.setVariable("hardwareWarrantyEnds", w.hardwareEnds().toString());
    execution.setVariable("softwareWarrantyReminderAt", at(w.softwareReminder()));
    execution.setVariable("hardwareWarrantyReminderAt", at(w.hardwareReminder()));
  }

  private static Date at(LocalDate day) {
    return Date.from(day.atTime(REMINDER_TIME).atZone(WorkingDayDeadline.CHINA).toInstant());
  }
}
