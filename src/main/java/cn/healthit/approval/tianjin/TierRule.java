package cn.healthit.approval.tianjin;

import cn.healthit.approval.money.Money;
import java.math.BigDecimal;

/**
 * 000 §3: the project's tier from its budget, raised by technical complexity or a designation.
 *
 * <p>Thresholds follow 民法典 §1259: 「200万元及以上」 and 「50万元及以上」 include the amount itself,
 * so exactly 200万 is MAJOR and exactly 50万 is IMPORTANT (SPEC.md §0).
 */
public final class TierRule {

  /** 000 §3: 重大项目 — 预算 200 万元及以上. */
  public static final BigDecimal MAJOR_FROM = Money.wan(200);
  /** 000 §3: 重要项目 — 单项预算 50 万元及以上. */
  public static final BigDecimal IMPORTANT_FROM = Money.wan(50);

  private TierRule() {}

  public static Tier byBudget(BigDecimal budget) {
    if (budget.compareTo(MAJOR_FROM) >= 0) {
      return Tier.MAJOR;
    }
    return budget.compareTo(IMPORTANT_FROM) >= 0 ? Tier.IMPORTANT : Tier.GENERAL;
  }

  /**
   * 000 §3: 技术复杂、专业性较强 → 重大; 主管预算单位或医院认定 raises the tier, never lowers it.
   *
   * @param designatedTier null when nobody designated a tier
   */
  public static Tier of(BigDecimal budget, boolean technicallyComplex, Tier designatedTier) {
    Tier tier = byBudget(budget);
    if (technicallyComplex) {
      tier = tier.atLeast(Tier.MAJOR);
    }
    return tier.atLeast(designatedTier);
  }
}
