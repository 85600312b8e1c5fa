package cn.healthit.approval.tianjin.change;

/** 000 §15(三): who raises a change. */
public enum RequestSource {
  HOSPITAL("医院"),
  SUPERVISOR("监理单位"),
  VENDOR("供应商");

  private final String label;

  RequestSource(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
