package cn.healthit.approval.guangzhou;

/** 001 §2.6: what a change during implementation asks for; every kind is re-declared and reviewed. */
public enum ChangeType {
  NONE("无变更"),
  CONTENT("变更项目建设内容"),
  EXTENSION("延长建设周期"),
  SUSPENSION("中止项目"),
  CANCELLATION("撤销项目");

  private final String label;

  ChangeType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
