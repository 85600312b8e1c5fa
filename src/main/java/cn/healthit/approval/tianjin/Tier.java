package cn.healthit.approval.tianjin;

/** 000 §3: the project's tier (重大 / 重要 / 一般). The rule that sets it is {@code TierRule}. */
public enum Tier {
  GENERAL("一般项目"),
  IMPORTANT("重要项目"),
  MAJOR("重大项目");

  private final String label;

  Tier(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The higher of two tiers: a designation or complexity may raise a tier, never lower it. */
  public Tier atLeast(Tier other) {
    return other != null && other.ordinal() > ordinal() ? other : this;
  }
}
