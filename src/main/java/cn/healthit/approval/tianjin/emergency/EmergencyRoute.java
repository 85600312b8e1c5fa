package cn.healthit.approval.tianjin.emergency;

import java.math.BigDecimal;

/**
 * 000 §20(一): 费用估算在50万元以下 → leadership sign-off; 50万元及以上 → joint technical review.
 * 以下 and 及以上 overlap at exactly 50万; the explicit 「及以上」 decides (SPEC.md §0): 50万 is JOINT_REVIEW.
 */
public enum EmergencyRoute {
  LEADERSHIP_SIGN_OFF("智医办技术审查，分管院领导和院长同意后执行"),
  JOINT_REVIEW("智医办、信息处联合技术审查后按《政府采购法》应急采购规定执行");

  public static final BigDecimal LINE = new BigDecimal("500000.00");

  private final String label;

  EmergencyRoute(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static EmergencyRoute of(BigDecimal estimatedCost) {
    return estimatedCost.compareTo(LINE) >= 0 ? JOINT_REVIEW : LEADERSHIP_SIGN_OFF;
  }
}
