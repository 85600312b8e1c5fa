package cn.healthit.approval.calendar;

/**
 * A working-day deadline a delegate computes into a process variable (so that several tasks share it,
 * like the Guangzhou review round's {@code reviewDueDate}), declared by a Spring bean so that the
 * platform can mark it 暂定 and recompute it when a year's holidays are loaded. Tasks use it as
 * {@code camunda:dueDate="${variable}"}.
 */
public interface WorkingDayVariableDeadline {

  /** The variable holding the deadline (a date). */
  String variable();

  /** The variable holding the moment the count started (a date). */
  String startVariable();

  /** The number of working days counted. */
  int workingDays();
}
