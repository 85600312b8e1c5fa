package cn.healthit.approval.tianjin.change;

/** 000 §15(五): after the decision body, 重新招标 or another measure the law provides. */
public enum LawfulMeasure {
  NEW_TENDER("重新招标"),
  OTHER_LAWFUL_MEASURE("其他法律规定的措施");

  private final String label;

  LawfulMeasure(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
