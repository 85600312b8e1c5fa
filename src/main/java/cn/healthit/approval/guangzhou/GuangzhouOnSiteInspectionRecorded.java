package cn.healthit.approval.guangzhou;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** 001 §2.5: counts the on-site inspections held, so close-out can require at least one. */
@Component("guangzhouOnSiteInspectionRecorded")
public class GuangzhouOnSiteInspectionRecorded implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object held = task.getVariable("onSiteInspections");
    int count = held instanceof Number n ? n.intValue() : 0;
    task.getExecution().setVariable("onSiteInspections", count + 1);
  }
}
