package cn.healthit.approval.organisation;

import cn.healthit.approval.organisation.Organisation.Requester;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Who a project may be filed for. A member of a requesting department files for that department, and the
 * department is the starter's own when the start leaves it empty; a member of a planning office files for any
 * department (Tianjin 000 §9: the requirement is the department's, 信息处 assists and files public
 * infrastructure itself; which groups are which is data, in the organisation files). Plain Java.
 */
public final class RequesterRule {

  /** The department a start is filed for, or the reason (Chinese, naming the field) it may not be. */
  public record Decision(String department, String refusal) {
    static Decision ok(String department) {
      return new Decision(department, null);
    }

    static Decision refused(String message) {
      return new Decision(null, message);
    }

    public boolean allowed() {
      return refusal == null;
    }
  }

  private RequesterRule() {}

  /**
   * @param chosen        the department sent (null or blank: the starter's own)
   * @param starterGroups the starting user's groups
   * @param groupName     group id → its name, for the messages
   */
  public static Decision decide(Requester rule, String chosen, Collection<String> starterGroups,
      Function<String, String> groupName) {
    List<String> own = rule.departments().stream().filter(starterGroups::contains).toList();
    boolean planningOffice = rule.planningOffices().stream().anyMatch(starterGroups::contains);
    String field = rule.label() + "（" + rule.variable() + "）";
    if (chosen == null || chosen.isBlank()) {
      return own.isEmpty()
          ? Decision.refused("请选择" + field + "：您不属于任何可申报的部门")
          : Decision.ok(own.get(0));
    }
    if (!rule.departments().contains(chosen)) {
      return Decision.refused(field + "“" + groupName.apply(chosen) + "”不是可申报项目的部门");
    }
    if (own.contains(chosen) || planningOffice) {
      return Decision.ok(chosen);
    }
    String offices = String.join("、", rule.planningOffices().stream().map(groupName).toList());
    return Decision.refused(field + "只能是您所在的部门（"
        + (own.isEmpty() ? "您不属于任何可申报的部门" : String.join("、", own.stream().map(groupName).toList())) + "）"
        + (offices.isEmpty() ? "" : "；" + offices + "可为任一部门发起") + "，不能为“" + groupName.apply(chosen) + "”发起");
  }

}
