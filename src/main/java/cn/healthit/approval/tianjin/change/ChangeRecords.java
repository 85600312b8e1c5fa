package cn.healthit.approval.tianjin.change;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * Every change of one project, read from history (running and finished instances of
 * {@code tianjin-change-request} whose {@code projectNumber} matches). Callers inside the engine
 * run it without authorization checks; the /api endpoint checks the caller first.
 */
@Component
public class ChangeRecords {

  public static final String PROCESS_KEY = "tianjin-change-request";

  private final HistoryService historyService;

  public ChangeRecords(HistoryService historyService) {
    this.historyService = historyService;
  }

  /** One change as the record shows it. */
  public record Change(String processInstanceId, String businessKey, String startTime, String state,
      String requestSource, String reason, String costEstimate, String proposedCost, String runningTotal,
      String runningRatio, Boolean escalated, String route, String outcome, String measure, String legalBasis,
      String decisionLog) {}

  public List<Change> changes(String projectNumber) {
    List<HistoricProcessInstance> instances = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).variableValueEquals("projectNumber", projectNumber)
        .orderByProcessInstanceStartTime().asc().list();
    List<Change> out = new ArrayList<>();
    for (HistoricProcessInstance instance : instances) {
      Map<String, Object> v = new HashMap<>();
      for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
          .processInstanceId(instance.getId()).list()) {
        v.put(variable.getName(), variable.getValue());
      }
      Object escalated = v.get("escalated");
      String route = escalated == null ? "待核算"
          : Boolean.TRUE.equals(escalated) ? "智医办 → 委员会 → 院决策机构 → 重新招标或其他法定措施" : "智医办审批";
      out.add(new Change(instance.getId(), instance.getBusinessKey(), String.valueOf(instance.getStartTime()),
          instance.getEndTime() == null ? "进行中" : "已结束", text(v.get("requestSource")), text(v.get("reason")),
          text(v.get("costEstimate")), text(v.get("proposedCost")), text(v.get("runningTotal")),
          text(v.get("runningRatio")), escalated instanceof Boolean b ? b : null, route,
          text(v.get("changeOutcome")), text(v.get("measure")), text(v.get("legalBasis")), text(v.get("decisionLog"))));
    }
    return out;
  }

  /** The Chinese summary shown read-only on the project's forms ({@code changeSummary}). */
  public String summary(String projectNumber) {
    List<Change> changes = changes(projectNumber);
    if (changes.isEmpty()) {
      return "项目 " + projectNumber + " 尚无变更。";
    }
    StringBuilder out = new StringBuilder("项目 " + projectNumber + " 共 " + changes.size() + " 项变更：");
    BigDecimal approved = BigDecimal.ZERO;
    int n = 0;
    for (Change c : changes) {
      n++;
      out.append("\n").append(n).append(". ").append(c.businessKey()).append("（").append(c.state()).append("）");
      if (c.requestSource() != null) {
        out.append("，来源：").append(RequestSource.valueOf(c.requestSource()).label());
      }
      if (c.reason() != null) {
        out.append("，理由：").append(c.reason());
      }
      if (c.costEstimate() != null) {
        out.append("，费用估算 ").append(c.costEstimate()).append(" 元");
      }
      if (c.proposedCost() != null) {
        out.append("，变更建议费用 ").append(c.proposedCost()).append(" 元");
      }
      if (c.runningTotal() != null) {
        out.append("，累计 ").append(c.runningTotal()).append(" 元，占原合同 ").append(c.runningRatio());
      }
      out.append("，路径：").append(c.route());
      out.append("，结果：").append(outcomeLabel(c.outcome()));
      if (c.measure() != null) {
        out.append("，措施：").append(LawfulMeasure.valueOf(c.measure()).label()).append("（依据：").append(c.legalBasis()).append("）");
      }
      if (c.decisionLog() != null) {
        out.append("\n   ").append(c.decisionLog().replace("\n", "\n   "));
      }
      if (ChangeOutcome.APPROVED.name().equals(c.outcome()) && c.proposedCost() != null) {
        approved = approved.add(new BigDecimal(c.proposedCost()));
      }
    }
    out.append("\n已批准变更合计 ").append(approved.setScale(2).toPlainString()).append(" 元。");
    return out.toString();
  }

  private static String outcomeLabel(String outcome) {
    if (outcome == null || "OPEN".equals(outcome)) {
      return "审批中";
    }
    return ChangeOutcome.valueOf(outcome).label();
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /** Sum of proposedCost of the project's APPROVED changes, other than the given instance. */
  public BigDecimal approvedTotal(String projectNumber, String exceptInstanceId) {
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    List<String> ids = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .variableValueEquals("projectNumber", projectNumber)
        .variableValueEquals("changeOutcome", ChangeOutcome.APPROVED.name()).list()
        .stream().map(HistoricProcessInstance::getId).filter(id -> !id.equals(exceptInstanceId)).toList();
    if (ids.isEmpty()) {
      return total;
    }
    for (HistoricVariableInstance cost : historyService.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(ids.toArray(String[]::new)).variableName("proposedCost").list()) {
      total = total.add(new BigDecimal(cost.getValue().toString()));
    }
    return total;
  }

  public Map<String, Object> asJson(String projectNumber) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("projectNumber", projectNumber);
    out.put("changes", changes(projectNumber));
    out.put("summary", summary(projectNumber));
    return out;
  }
}
