package cn.healthit.approval.tianjin;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * 000 §16(四) last sentence: 「采购实施与采购需求为同一部门的项目，验收人员不能为采购实施人员」.
 * The rule applies when the department that executed procurement is the requesting department —
 * either the requester ran it itself, or the requester is 信息处 (公共基础设施类), which executes
 * every procurement.
 */
public final class SeparationOfDutiesRule {

  public static final String IT_DIVISION = "it-division";

  /** Who executed the procurement (000 §13(三): normally 信息处). */
  public enum ProcurementExecutor { IT_DIVISION, REQUESTING_DEPARTMENT }

  private SeparationOfDutiesRule() {}

  public static boolean applies(String requestingDepartment, ProcurementExecutor executor) {
    return executor == ProcurementExecutor.REQUESTING_DEPARTMENT
        || (executor == ProcurementExecutor.IT_DIVISION && IT_DIVISION.equals(requestingDepartment));
  }

  /** User ids from a list typed as 「a, b、c d」. */
  public static Set<String> parseParticipants(String text) {
    Set<String> out = new LinkedHashSet<>();
    if (text != null) {
      Arrays.stream(text.split("[,，、;；\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
    }
    return out;
  }

  /** True when this user may not complete an acceptance task. */
  public static boolean excludes(boolean applies, String procurementParticipants, String userId) {
    return applies && userId != null && parseParticipants(procurementParticipants).contains(userId);
  }
}
