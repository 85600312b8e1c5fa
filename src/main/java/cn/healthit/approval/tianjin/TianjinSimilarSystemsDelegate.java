package cn.healthit.approval.tianjin;

import cn.healthit.approval.labels.Labels;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * 000 §10.5: 不允许重复建设软件系统. Before 前置审核, lists the other tianjin-project instances —
 * running or finished — filed for the same {@code systemType}, as read-only text for 智医办.
 */
@Component("tianjinSimilarSystemsDelegate")
public class TianjinSimilarSystemsDelegate implements JavaDelegate {

  static final int LIMIT = 50;
  private final HistoryService historyService;

  private final Labels labels;

  public TianjinSimilarSystemsDelegate(@Lazy HistoryService historyService, Labels labels) {
    this.historyService = historyService;
    this.labels = labels;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object systemType = execution.getVariable("systemType");
    List<HistoricProcessInstance> others = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("tianjin-project")
        .variableValueEquals("systemType", systemType)
        .orderByProcessInstanceStartTime().desc()
        .listPage(0, LIMIT + 1).stream()
        .filter(p -> !p.getId().equals(execution.getProcessInstanceId()))
        .limit(LIMIT)
        .toList();
    StringBuilder text = new StringBuilder();
    for (HistoricProcessInstance other : others) {
      text.append(other.getBusinessKey()).append("｜").append(value(other.getId(), "projectName"))
          .append("｜").append(labels.group(String.valueOf(value(other.getId(), "requestingDepartment"))))
          .append("｜").append(other.getEndTime() == null ? "进行中" : "已结束")
          .append('\n');
    }
    execution.setVariable("similarProjectCount", others.size());
    execution.setVariable("similarProjects",
        others.isEmpty() ? "未发现同一系统类型的其他项目" : text.toString().trim());
  }

  private Object value(String processInstanceId, String name) {
    HistoricVariableInstance variable = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableName(name).list().stream().findFirst().orElse(null);
    return variable == null ? "" : variable.getValue();
  }
}
