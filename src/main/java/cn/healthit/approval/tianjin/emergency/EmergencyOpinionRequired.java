package cn.healthit.approval.tianjin.emergency;

import cn.healthit.approval.input.Inputs;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** 000 §20(二): 信息处's post-review technical review is a written opinion; it cannot be left empty. */
@Component("tianjinEmergencyOpinionRequired")
public class EmergencyOpinionRequired implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Inputs.requireText("opinion", "复盘技术审查意见", task.getVariable("opinion"));
  }
}
