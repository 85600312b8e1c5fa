package cn.healthit.approval.calendar;

import java.util.Date;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * The engine's calendars for due dates and timers, taught China's working days. Camunda picks a
 * calendar by the kind of date (a task's {@code camunda:dueDate} and a timer's {@code timeDate}
 * use "dueDate", a timer's {@code timeDuration} uses "duration"), never per element; so this
 * calendar wraps the standard one and answers only texts in the working-day syntax
 * ({@link WorkingDayDeadline}: {@code 20 working days}). ISO dates and durations (P3M, PT1H, a
 * date) go to the standard calendar unchanged, so other models behave exactly as before.
 *
 * <p>It counts on the calendar in use at the moment ({@link WorkingDayCalendar}); a deadline in a
 * year without data is counted on weekends alone and never refused. The engine recomputes a timer
 * from its creation with this calendar when a year is loaded ({@link DeadlineRecompute}).
 */
public class WorkingDayBusinessCalendar implements BusinessCalendar {

  private final BusinessCalendar standard;
  private final Supplier<WorkingDays> calendar;

  public WorkingDayBusinessCalendar(BusinessCalendar standard, Supplier<WorkingDays> calendar) {
    this.standard = standard;
    this.calendar = calendar;
  }

  public WorkingDayBusinessCalendar(BusinessCalendar standard, WorkingDays calendar) {
    this(standard, () -> calendar);
  }

  @Override
  public Date resolveDuedate(String description) {
    return resolveDuedate(description, ClockUtil.getCurrentTime());
  }

  @Override
  public Date resolveDuedate(String description, Date startDate) {
    Optional<Integer> days = WorkingDayDeadline.parse(description);
    if (days.isEmpty()) {
      return standard.resolveDuedate(description, startDate);
    }
    Date from = startDate == null ? ClockUtil.getCurrentTime() : startDate;
    return Date.from(WorkingDayDeadline.after(calendar.get(), from.toInstant(), days.get()));
  }

  @Override
  public Date resolveDuedate(String description, Task task) {
    if (WorkingDayDeadline.parse(description).isEmpty()) {
      return standard.resolveDuedate(description, task);
    }
    return resolveDuedate(description, ClockUtil.getCurrentTime());
  }
}
