package cn.healthit.approval.tianjin.emergency;

/** What audit and discipline record while they supervise (000 §20(二)). */
public enum Finding {
  PRICE_GOUGING("供应商哄抬物价"),
  SHODDY_GOODS("供应商提供伪劣产品或服务"),
  OTHER_ISSUE("其他问题"),
  CLOSE("结束监督");

  private final String label;

  Finding(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** 000 §20(二): price gouging or shoddy goods → penalise the vendor, hold people accountable. */
  public boolean callsForPenalty() {
    return this == PRICE_GOUGING || this == SHODDY_GOODS;
  }
}
