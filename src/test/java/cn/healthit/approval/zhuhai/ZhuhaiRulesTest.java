package cn.healthit.approval.zhuhai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.zhuhai.ZhuhaiRules.Certificate;
import cn.healthit.approval.zhuhai.ZhuhaiRules.UnitRole;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZhuhaiRulesTest {

  @Test
  void tenThousandYuanAndAboveNeedTheLeadingGroup() {
    assertThat(ZhuhaiRules.leadingGroupApprovalRequired(new BigDecimal("99999.99"))).isFalse();
    assertThat(ZhuhaiRules.leadingGroupApprovalRequired(new BigDecimal("100000.00"))).isTrue();
    assertThat(ZhuhaiRules.leadingGroupApprovalRequired(new BigDecimal("100000.01"))).isTrue();
    assertThat(ZhuhaiRules.leadingGroupApprovalRequired(new BigDecimal("0.00"))).isFalse();
  }

  private static final LocalDate AWARD = LocalDate.of(2026, 11, 25);

  private static List<Certificate> certificates(LocalDate supervisionExpiry) {
    return List.of(
        new Certificate(UnitRole.DESIGN, "珠海设计院", "A144001", "广东省住建厅", LocalDate.of(2028, 1, 1)),
        new Certificate(UnitRole.CONSTRUCTION, "珠海信息工程公司", "B244002", "广东省住建厅", LocalDate.of(2027, 6, 30)),
        new Certificate(UnitRole.SUPERVISION, "南方监理公司", "E344003", "住建部", supervisionExpiry),
        new Certificate(UnitRole.TENDER_AGENT, "珠海招标代理公司", "Z444004", "广东省发改委", LocalDate.of(2027, 1, 1)));
  }

  @Test
  void aCertificateExpiringOnTheAwardDateIsStillValid() {
    assertThatCode(() -> ZhuhaiRules.checkQualifications(certificates(AWARD), AWARD)).doesNotThrowAnyException();
    assertThatCode(() -> ZhuhaiRules.checkQualifications(certificates(AWARD.plusDays(1)), AWARD)).doesNotThrowAnyException();
  }

  @Test
  void aCertificateExpiredTheDayBeforeTheAwardBlocksIt() {
    assertThatThrownBy(() -> ZhuhaiRules.checkQualifications(certificates(AWARD.minusDays(1)), AWARD))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("监理单位“南方监理公司”的资质证书已于 2026-11-24 过期（定标日期 2026-11-25），不能定标")
        .extracting(e -> ((InvalidInputException) e).getField()).isEqualTo("supervisionCertificateExpiry");
  }

  @Test
  void aMissingCertificateBlocksTheAwardNamingTheField() {
    List<Certificate> missingNumber = List.of(
        new Certificate(UnitRole.TENDER_AGENT, "珠海招标代理公司", " ", "广东省发改委", LocalDate.of(2027, 1, 1)));
    assertThatThrownBy(() -> ZhuhaiRules.checkQualifications(missingNumber, AWARD))
        .hasMessageContaining("招标代理单位“珠海招标代理公司”缺少资质证书编号")
        .extracting(e -> ((InvalidInputException) e).getField()).isEqualTo("tenderAgentCertificateNo");
    List<Certificate> missingUnit = List.of(new Certificate(UnitRole.DESIGN, null, null, null, null));
    assertThatThrownBy(() -> ZhuhaiRules.checkQualifications(missingUnit, AWARD))
        .extracting(e -> ((InvalidInputException) e).getField()).isEqualTo("designUnit");
    List<Certificate> missingExpiry = List.of(new Certificate(UnitRole.DESIGN, "院", "1", "厅", null));
    assertThatThrownBy(() -> ZhuhaiRules.checkQualifications(missingExpiry, AWARD)).hasMessageContaining("缺少资质证书有效期");
  }
}
