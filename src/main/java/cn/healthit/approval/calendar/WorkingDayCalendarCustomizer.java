package cn.healthit.approval.calendar;

import cn.healthit.approval.engine.EngineCustomizer;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendarManager;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Registers the working-day calendar with the engine (via the platform's {@link EngineCustomizer}
 * hook, in preInit): task due dates, timer dates and timer durations written as
 * {@code 20 working days} count China's working days on the calendar in use
 * ({@link WorkingDayCalendar}); every other text keeps Camunda's meaning. It also marks provisional
 * task deadlines ({@link DeadlineNoteParseListener}).
 */
@Component
public class WorkingDayCalendarCustomizer implements EngineCustomizer {

  private final WorkingDayCalendar calendar;
  private final ObjectProvider<WorkingDayVariableDeadline> variableDeadlines;

  public WorkingDayCalendarCustomizer(WorkingDayCalendar calendar, ObjectProvider<WorkingDayVariableDeadline> variableDeadlines) {
    this.calendar = calendar;
    this.variableDeadlines = variableDeadlines;
  }

  @Override
  public void customize(ProcessEngineConfigurationImpl configuration) {
    BusinessCalendarManager existing = configuration.getBusinessCalendarManager();
    BusinessCalendar duration = existing == null ? new DurationBusinessCalendar()
        : existing.getBusinessCalendar(DurationBusinessCalendar.NAME);
    BusinessCalendar dueDate = existing == null ? new DueDateBusinessCalendar()
        : existing.getBusinessCalendar(DueDateBusinessCalendar.NAME);
    BusinessCalendar cycle = existing == null ? new CycleBusinessCalendar()
        : existing.getBusinessCalendar(CycleBusinessCalendar.NAME);
    MapBusinessCalendarManager manager = new MapBusinessCalendarManager();
    manager.addBusinessCalendar(DurationBusinessCalendar.NAME, new WorkingDayBusinessCalendar(duration, calendar));
    manager.addBusinessCalendar(DueDateBusinessCalendar.NAME, new WorkingDayBusinessCalendar(dueDate, calendar));
    manager.addBusinessCalendar(CycleBusinessCalendar.NAME, cycle);
    configuration.setBusinessCalendarManager(manager);

    Set<String> variables = variableDeadlines.orderedStream().map(WorkingDayVariableDeadline::variable).collect(Collectors.toSet());
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new DeadlineNoteParseListener(calendar, variables));
  }
}
