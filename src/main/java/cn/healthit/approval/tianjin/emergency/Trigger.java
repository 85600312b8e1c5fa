package cn.healthit.approval.tianjin.emergency;

/** 000 §19: the five cases in which emergency procurement is allowed. */
public enum Trigger {
  NATIONAL_SECURITY("涉及国家安全和国家机密"),
  FORCE_MAJEURE("自然灾害或突发事故等不可抗力"),
  SAFETY_HAZARD("安全隐患急需处理，否则影响医院正常运营"),
  EMERGENCY_SUPPLY("应急响应中保障物资供应"),
  OTHER("其他特定情形");

  private final String label;

  Trigger(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
