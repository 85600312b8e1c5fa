package cn.healthit.approval.tianjin.change;

/** How a change ended; only APPROVED changes count towards the project's running total. */
public enum ChangeOutcome {
  APPROVED("已批准"),
  REJECTED("未批准"),
  REFUSED("不予受理（降低设计标准或超出合同）");

  private final String label;

  ChangeOutcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
