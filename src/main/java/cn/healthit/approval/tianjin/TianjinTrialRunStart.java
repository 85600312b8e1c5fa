package cn.healthit.approval.tianjin;

import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * 000 §16(四): 初步验收通过后试运行至少三个月. Records when the trial run began and the earliest
 * day final acceptance may be applied for, so users see it; the P3M timer on the model enforces it.
 */
@Component("tianjinTrialRunStart")
public class TianjinTrialRunStart implements ExecutionListener {

  /** The trial run is a calendar period (SPEC.md §0), like the timer's P3M. */
  public static final int MONTHS = 3;

  @Override
  public void notify(DelegateExecution execution) {
    LocalDate start = ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
    execution.setVariable("trialRunStartedOn", start.toString());
    execution.setVariable("trialRunEndsOn", start.plusMonths(MONTHS).toString());
  }
}
