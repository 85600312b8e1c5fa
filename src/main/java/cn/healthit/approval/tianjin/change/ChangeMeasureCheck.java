package cn.healthit.approval.tianjin.change;

import cn.healthit.approval.input.Inputs;
import cn.healthit.approval.labels.Labels;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** 000 §15(五): the new tender or other lawful measure is a decision with its legal basis. */
@Component("tianjinChangeMeasureCheck")
public class ChangeMeasureCheck implements TaskListener {

  private final Labels labels;

  public ChangeMeasureCheck(Labels labels) {
    this.labels = labels;
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariable("measure",
        Inputs.requireEnum("measure", "采取的措施", task.getVariable("measure"), LawfulMeasure.class).name());
    task.setVariable("legalBasis", Inputs.requireText("legalBasis", "法律依据", task.getVariable("legalBasis")));
    ChangeLog.append(task, labels);
  }
}
