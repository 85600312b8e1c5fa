package cn.healthit.approval.zhuhai;

import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The rules of 《珠海市卫生信息化建设管理办法》 (seed 004) that the platform computes. */
public final class ZhuhaiRules {

  /** 004 §9: 「金额10万元以上」 — 以上 includes 10万 itself (民法典 §1259). */
  public static final BigDecimal LEADING_GROUP_THRESHOLD = Money.wan(10);

  private ZhuhaiRules() {}

  /** 004 §9: 10万元 and above needs the leading group's approval before construction. */
  public static boolean leadingGroupApprovalRequired(BigDecimal amount) {
    return amount.compareTo(LEADING_GROUP_THRESHOLD) >= 0;
  }

  /** The four kinds of unit 004 §11 requires to hold qualification certificates. */
  public enum UnitRole {
    DESIGN("design", "设计单位"),
    CONSTRUCTION("construction", "施工单位"),
    SUPERVISION("supervision", "监理单位"),
    TENDER_AGENT("tenderAgent", "招标代理单位");

    private final String prefix;
    private final String label;

    UnitRole(String prefix, String label) {
      this.prefix = prefix;
      this.label = label;
    }

    /** Form field keys: designUnit, designCertificateNo, designCertificateIssuer, designCertificateExpiry … */
    public String field(String suffix) {
      return prefix + suffix;
    }

    public String label() {
      return label;
    }
  }

  /** A unit and its qualification certificate as recorded at the tender. */
  public record Certificate(UnitRole role, String unit, String number, String issuer, LocalDate expiry) {}

  /**
   * 004 §11: design, construction, supervision and tender-agent units must hold the required
   * qualification certificates. A certificate counts when unit, number, issuer and expiry are all
   * recorded and it is still valid on the award date: 「有效期至」 a date includes that date
   * (届满 semantics), so a certificate expiring on the award date is valid, one expiring the day
   * before is not. Refuses the first defect with a message naming the unit and the field.
   */
  public static void checkQualifications(List<Certificate> certificates, LocalDate awardDate) {
    for (Certificate c : certificates) {
      UnitRole r = c.role();
      if (blank(c.unit())) {
        throw new InvalidInputException(r.field("Unit"), "缺少" + r.label() + "名称（" + r.field("Unit") + "），不能定标");
      }
      String who = r.label() + "“" + c.unit() + "”";
      if (blank(c.number())) {
        throw new InvalidInputException(r.field("CertificateNo"), who + "缺少资质证书编号，不能定标");
      }
      if (blank(c.issuer())) {
        throw new InvalidInputException(r.field("CertificateIssuer"), who + "缺少资质证书发证机关，不能定标");
      }
      if (c.expiry() == null) {
        throw new InvalidInputException(r.field("CertificateExpiry"), who + "缺少资质证书有效期，不能定标");
      }
      if (c.expiry().isBefore(awardDate)) {
        throw new InvalidInputException(r.field("CertificateExpiry"),
            who + "的资质证书已于 " + c.expiry() + " 过期（定标日期 " + awardDate + "），不能定标");
      }
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** 004 §18: 信息系统安全保护等级 (《信息安全等级保护管理办法》 has five levels). */
  public enum SecurityLevel {
    LEVEL_1("第一级"), LEVEL_2("第二级"), LEVEL_3("第三级"), LEVEL_4("第四级"), LEVEL_5("第五级");

    private final String label;

    SecurityLevel(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
