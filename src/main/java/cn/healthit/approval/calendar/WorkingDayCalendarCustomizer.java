package cn.healthit.approval.calendar;

import cn.healthit.approval.engine.EngineCustomizer;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendarManager;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Registers the working-day calendar with the engine (via the platform's {@link EngineCustomizer}
 * hook, in preInit): task due dates, timer dates and timer durations written as
 * {@code 20 working days} count China's working days; every other text keeps Camunda's meaning.
 * The holiday data is read (and checked) here, so a broken data file stops the start-up.
 */
@Component
public class WorkingDayCalendarCustomizer implements EngineCustomizer {

  @Override
  public void customize(ProcessEngineConfigurationImpl configuration) {
    WorkingDays days = WorkingDays.china();
    BusinessCalendarManager existing = configuration.getBusinessCalendarManager();
    BusinessCalendar duration = existing == null ? new DurationBusinessCalendar()
        : existing.getBusinessCalendar(DurationBusinessCalendar.NAME);
    BusinessCalendar dueDate = existing == null ? new DueDateBusinessCalendar()
        : existing.getBusinessCalendar(DueDateBusinessCalendar.NAME);
    BusinessCalendar cycle = existing == null ? new CycleBusinessCalendar()
        : existing.getBusinessCalendar(CycleBusinessCalendar.NAME);
    MapBusinessCalendarManager manager = new MapBusinessCalendarManager();
    manager.addBusinessCalendar(DurationBusinessCalendar.NAME, new WorkingDayBusinessCalendar(duration, days));
    manager.addBusinessCalendar(DueDateBusinessCalendar.NAME, new WorkingDayBusinessCalendar(dueDate, days));
    manager.addBusinessCalendar(CycleBusinessCalendar.NAME, cycle);
    configuration.setBusinessCalendarManager(manager);
  }
}
