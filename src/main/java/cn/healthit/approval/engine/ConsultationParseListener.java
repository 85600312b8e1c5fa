package cn.healthit.approval.engine;

import cn.healthit.approval.actions.Consultations;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.ApplicationContext;

/**
 * Every user task, when it ends (completed, or deleted by a return, a withdrawal or the end of its project),
 * closes the questions it asked that are still unanswered ({@link Consultations#closeWith}), so no 征求意见 task
 * outlives the step it was for. Built in, so a model needs no listener for it and a deployment from Modeler
 * cannot leave it out.
 */
class ConsultationParseListener extends AbstractBpmnParseListener {

  private final ApplicationContext context;

  ConsultationParseListener(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    TaskListener close = task -> context.getBean(Consultations.class).closeWith(task);
    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, close);
    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, close);
  }
}
