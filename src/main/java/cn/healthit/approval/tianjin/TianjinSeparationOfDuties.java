package cn.healthit.approval.tianjin;

import cn.healthit.approval.input.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 000 §16(四): where the requesting department also executed procurement, nobody who took part in
 * procurement may complete an acceptance task. Runs on completion of every acceptance task, so a
 * call through /engine-rest is refused as well as a click in Tasklist.
 */
@Component("tianjinSeparationOfDuties")
public class TianjinSeparationOfDuties implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    boolean applies = Boolean.TRUE.equals(task.getVariable("separationOfDutiesApplies"));
    Object participants = task.getVariable("procurementParticipants");
    String list = participants == null ? null : participants.toString();
    Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    for (String user : new String[] {current == null ? null : current.getUserId(), task.getAssignee()}) {
      if (SeparationOfDutiesRule.excludes(applies, list, user)) {
        throw new InvalidInputException("assignee", "用户 " + user + " 参与了本项目的采购实施，而采购实施与采购需求为同一部门，"
            + "依据第十六条（四）不得办理验收任务“" + task.getName() + "”，请由未参与采购的人员办理");
      }
    }
  }
}
