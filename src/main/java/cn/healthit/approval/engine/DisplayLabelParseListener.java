package cn.healthit.approval.engine;

import cn.healthit.approval.labels.LabelVariables;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.ApplicationContext;

/**
 * Every user task, when created, first brings its instance's display variables up to date
 * ({@link LabelVariables}: {@code budgetLabel}, {@code requestingDepartmentLabel}, …), so its form shows
 * names and formatted amounts, never ids, and its card variables, so its card in Tasklist names the project.
 * Built in, so a model needs no listener for it.
 */
class DisplayLabelParseListener extends AbstractBpmnParseListener {

  private final ApplicationContext context;

  DisplayLabelParseListener(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE,
        (TaskListener) task -> context.getBean(LabelVariables.class).notify(task));
  }
}
