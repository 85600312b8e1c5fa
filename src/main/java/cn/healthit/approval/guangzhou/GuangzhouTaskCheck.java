package cn.healthit.approval.guangzhou;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Every Guangzhou task's completion passes {@link TaskRules} (the forms' rules, again on the server). */
@Component("guangzhouTaskCheck")
public class GuangzhouTaskCheck implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object important = task.getVariable("important");
    TaskRules.check(task.getTaskDefinitionKey(), task::getVariable, Boolean.TRUE.equals(important))
        .forEach(task::setVariable);
  }
}
