package cn.healthit.approval.guangzhou;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Guangzhou rules on their own: the 100万 boundary, the warranty, the task checks. */
class GuangzhouRulesTest {

  private static BigDecimal yuan(String s) {
    return Money.parse("investment", "项目投资金额", s);
  }

  @Test
  void exactlyOneMillionIsAcceptedByTheMunicipalAuthority() {
    // 001 §3.4: 不足100万元 → unit; 100万元以上 → authority; 以上 includes the number (民法典 §1259)
    assertThat(FinalAcceptanceBy.forInvestment(yuan("1000000.00"))).isEqualTo(FinalAcceptanceBy.MUNICIPAL_IT_AUTHORITY);
    assertThat(FinalAcceptanceBy.forInvestment(yuan("999999.99"))).isEqualTo(FinalAcceptanceBy.CONSTRUCTION_UNIT);
    assertThat(FinalAcceptanceBy.forInvestment(yuan("1000000.01"))).isEqualTo(FinalAcceptanceBy.MUNICIPAL_IT_AUTHORITY);
    assertThat(FinalAcceptanceBy.forInvestment(yuan("0"))).isEqualTo(FinalAcceptanceBy.CONSTRUCTION_UNIT);
  }

  @Test
  void warrantyRunsOneYearForSoftwareAndTwoForHardwareFromFinalAcceptance() {
    Warranty w = Warranty.from(LocalDate.parse("2025-06-16"));
    assertThat(w.softwareEnds()).isEqualTo(LocalDate.parse("2026-06-16"));
    assertThat(w.hardwareEnds()).isEqualTo(LocalDate.parse("2027-06-16"));
    assertThat(w.softwareReminder()).isEqualTo(LocalDate.parse("2026-05-17"));
    assertThat(w.hardwareReminder()).isEqualTo(LocalDate.parse("2027-05-17"));
  }

  @Test
  void aLeapDayAcceptanceEndsOnTheLastDayOfFebruary() {
    Warranty w = Warranty.from(LocalDate.parse("2024-02-29"));
    assertThat(w.softwareEnds()).isEqualTo(LocalDate.parse("2025-02-28"));
    assertThat(w.hardwareEnds()).isEqualTo(LocalDate.parse("2026-02-28"));
  }

  @Test
  void aSendBackNeedsAWrittenReason() {
    assertThatThrownBy(() -> TaskRules.check("Task_BureauReview", Map.<String, Object>of("decision", "REVISE")::get, false))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("审批意见");
    assertThat(TaskRules.check("Task_BureauReview", Map.<String, Object>of("decision", "pass")::get, false))
        .containsEntry("decision", "PASS");
    assertThatThrownBy(() -> TaskRules.check("Task_BureauReview", Map.<String, Object>of("decision", "MAYBE")::get, false))
        .hasMessageContaining("MAYBE").hasMessageContaining("PASS");
  }

  @Test
  void anImportantProjectIsTestedByAQualifiedThirdParty() {
    Map<String, Object> vars = new HashMap<>(Map.of("softwareTestingDone", true, "securityTestingDone", true,
        "testingAgency", "承建单位测试组", "qualifiedThirdParty", false));
    assertThat(TaskRules.check("Task_SystemTesting", vars::get, false)).containsEntry("qualifiedThirdParty", false);
    assertThatThrownBy(() -> TaskRules.check("Task_SystemTesting", vars::get, true))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("第三方");
    vars.put("qualifiedThirdParty", true);
    assertThat(TaskRules.check("Task_SystemTesting", vars::get, true)).containsEntry("qualifiedThirdParty", true);
    vars.put("securityTestingDone", false);
    assertThatThrownBy(() -> TaskRules.check("Task_SystemTesting", vars::get, true)).hasMessageContaining("信息安全测评");
  }

  @Test
  void finalAcceptanceNeedsEverySignedMaterial() {
    Map<String, Object> vars = new HashMap<>();
    TaskRules.FINAL_ACCEPTANCE_MATERIALS.keySet().forEach(k -> vars.put(k, true));
    assertThat(TaskRules.check("Task_PrepareFinalAcceptanceMaterials", vars::get, false)).isEmpty();
    vars.put("materialFinalAccounts", false);
    assertThatThrownBy(() -> TaskRules.check("Task_PrepareFinalAcceptanceMaterials", vars::get, false))
        .hasMessageContaining("财务决算报告");
  }

  @Test
  void aChangeNamesItsKindAndCostInExactYuan() {
    Map<String, Object> vars = new HashMap<>(Map.of("changeType", "EXTENSION", "changeCost", 12000.5, "opinion", "延期三个月"));
    assertThat(TaskRules.check("Task_ChangeApplication", vars::get, false))
        .containsEntry("changeType", "EXTENSION").containsEntry("changeCost", "12000.50");
    vars.put("changeType", "NONE");
    assertThatThrownBy(() -> TaskRules.check("Task_ChangeApplication", vars::get, false)).hasMessageContaining("changeType");
    vars.put("changeType", "CONTENT");
    vars.put("changeCost", "-1");
    assertThatThrownBy(() -> TaskRules.check("Task_ChangeApplication", vars::get, false)).hasMessageContaining("changeCost");
  }
}
