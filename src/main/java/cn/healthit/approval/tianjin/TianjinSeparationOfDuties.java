package cn.healthit.approval.tianjin;

import cn.healthit.approval.actions.Eligibility;
import cn.healthit.approval.input.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 000 §16(四): where the requesting department also executed procurement, nobody who took part in
 * procurement may complete an acceptance task. Runs on completion of every acceptance task, so a
 * call through /engine-rest is refused as well as a click in Tasklist; 转办 and 委派 ask the same rule before
 * handing the task to someone.
 */
@Component("tianjinSeparationOfDuties")
public class TianjinSeparationOfDuties implements TaskListener, Eligibility {

  @Override
  public void notify(DelegateTask task) {
    Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    for (String user : new String[] {current == null ? null : current.getUserId(), task.getAssignee()}) {
      String refusal = refusal(user, task.getName(), task::getVariable);
      if (refusal != null) {
        throw new InvalidInputException("assignee", refusal);
      }
    }
  }

  @Override
  public String refusal(String user, String taskName, java.util.function.Function<String, Object> variable) {
    boolean applies = Boolean.TRUE.equals(variable.apply("separationOfDutiesApplies"));
    Object participants = variable.apply("procurementParticipants");
    if (!SeparationOfDutiesRule.excludes(applies, participants == null ? null : participants.toString(), user)) {
      return null;
    }
    return "用户 " + user + " 参与了本项目的采购实施，而采购实施与采购需求为同一部门，"
        + "依据第十六条（四）不得办理验收任务“" + taskName + "”，请由未参与采购的人员办理";
  }
}
