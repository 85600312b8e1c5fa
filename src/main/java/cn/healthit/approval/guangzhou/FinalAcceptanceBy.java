package cn.healthit.approval.guangzhou;

import cn.healthit.approval.money.Money;
import java.math.BigDecimal;

/** 001 §3.4: who organises the final acceptance (竣工验收), by the project's investment. */
public enum FinalAcceptanceBy {
  CONSTRUCTION_UNIT("项目建设单位自行组织验收"),
  MUNICIPAL_IT_AUTHORITY("市信息化主管部门主持验收");

  /** 100万元: 「不足100万元」 excludes it, 「100万元以上」 includes it (民法典 §1259, SPEC.md §0). */
  public static final BigDecimal THRESHOLD = Money.wan(100);

  private final String label;

  FinalAcceptanceBy(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  // 001 §3.4(3): 不足100万元 → 建设单位自行组织; §3.4(4): 100万元以上（含100万元）→ 市信息化主管部门会同财政
  public static FinalAcceptanceBy forInvestment(BigDecimal investment) {
    return investment.compareTo(THRESHOLD) < 0 ? CONSTRUCTION_UNIT : MUNICIPAL_IT_AUTHORITY;
  }
}
