package cn.healthit.approval.engine;

import cn.healthit.approval.actions.ActionConfig;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * 退回 with direct resubmission ({@link ActionConfig}, {@code approval.resubmit = direct}): the model's way back after
 * the rework tests {@value ActionConfig#RESUBMIT_VARIABLE}. So that the test never meets an unknown variable, every
 * instance of a process with such a step starts with it empty; and once the returning step is reached again its
 * task empties it, so the next pass through the rework goes forward as usual. Built in, like the platform's other
 * listeners, so a model from Modeler needs nothing but the property and its flow.
 */
class DirectResubmissionParseListener extends AbstractBpmnParseListener {

  private static final ExecutionListener DEFINE = execution -> {
    if (!execution.hasVariable(ActionConfig.RESUBMIT_VARIABLE)) {
      execution.setVariable(ActionConfig.RESUBMIT_VARIABLE, "");
    }
  };

  private static final TaskListener REACHED = task -> {
    Object to = task.getVariable(ActionConfig.RESUBMIT_VARIABLE);
    if (to != null && to.equals(task.getTaskDefinitionKey())) {
      task.setVariable(ActionConfig.RESUBMIT_VARIABLE, "");
    }
  };

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
    if (marksDirect(processElement)) {
      ((ScopeImpl) processDefinition).addBuiltInListener(ExecutionListener.EVENTNAME_START, DEFINE);
    }
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    if (marksDirect(userTaskElement)) {
      ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
          .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, REACHED);
    }
  }

  /** Whether the element or one inside it carries {@code approval.resubmit = direct}. */
  static boolean marksDirect(Element element) {
    if ("property".equals(element.getTagName()) && ActionConfig.RESUBMIT.equals(element.attribute("name"))
        && String.valueOf(element.attribute("value")).contains(ActionConfig.DIRECT)) {
      return true;
    }
    List<Element> children = element.elements();
    return children.stream().anyMatch(DirectResubmissionParseListener::marksDirect);
  }
}
