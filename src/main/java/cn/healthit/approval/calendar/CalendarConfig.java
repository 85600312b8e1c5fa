package cn.healthit.approval.calendar;

import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The calendar in use, on the engine's clock ({@code ClockUtil}, which rules and tests share). */
@Configuration(proxyBeanMethods = false)
public class CalendarConfig {

  @Bean
  public CalendarYears calendarYears(DataSource dataSource) {
    return new CalendarYears(dataSource);
  }

  @Bean
  public WorkingDayCalendar workingDayCalendar(CalendarYears years, CalendarProperties properties) {
    return new WorkingDayCalendar(WorkingDays.china(), years, properties.cacheTtl(),
        () -> ClockUtil.getCurrentTime().toInstant());
  }
}
