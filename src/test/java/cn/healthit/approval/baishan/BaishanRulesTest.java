package cn.healthit.approval.baishan;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.baishan.BaishanRules.Deliverable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaishanRulesTest {

  @Test
  void fortyFiveCalendarDaysFromTheAppointmentIncludingTheLastDay() {
    assertThat(BaishanRules.deliveryDeadline(LocalDate.of(2026, 3, 1))).isEqualTo(LocalDate.of(2026, 4, 15));
    assertThat(BaishanRules.deliveryDeadline(LocalDate.of(2026, 12, 20))).isEqualTo(LocalDate.of(2027, 2, 3));
    assertThat(BaishanRules.remainingDays(LocalDate.of(2026, 4, 15), LocalDate.of(2026, 4, 15))).isZero();
    assertThat(BaishanRules.remainingDays(LocalDate.of(2026, 4, 16), LocalDate.of(2026, 4, 15))).isEqualTo(-1);
    assertThat(BaishanRules.remainingDays(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 15))).isEqualTo(45);
  }

  @Test
  void theContingencyIsSixPercentOfEngineeringAndThirdPartyServicesToTheFen() {
    assertThat(BaishanRules.contingencyReserve(new BigDecimal("100000000.00"), new BigDecimal("5000000.00")))
        .isEqualTo(new BigDecimal("6300000.00"));
    assertThat(BaishanRules.contingencyReserve(new BigDecimal("0.00"), new BigDecimal("0.00"))).isEqualTo(new BigDecimal("0.00"));
  }

  @Test
  void halfAFenRoundsUpAndLessRoundsDown() {
    // 6% × 0.25 = 0.0150 → 0.02 (half up); 6% × 0.24 = 0.0144 → 0.01; 6% × 0.26 = 0.0156 → 0.02
    assertThat(BaishanRules.contingencyReserve(new BigDecimal("0.25"), BigDecimal.ZERO)).isEqualTo(new BigDecimal("0.02"));
    assertThat(BaishanRules.contingencyReserve(new BigDecimal("0.24"), BigDecimal.ZERO)).isEqualTo(new BigDecimal("0.01"));
    assertThat(BaishanRules.contingencyReserve(new BigDecimal("0.10"), new BigDecimal("0.16"))).isEqualTo(new BigDecimal("0.02"));
    assertThat(BaishanRules.contingencyReserve(new BigDecimal("12345678.91"), new BigDecimal("0.00")))
        .isEqualTo(new BigDecimal("740740.73")); // 740740.7346
  }

  @Test
  void everyDeliverableIsANamedItem() {
    Map<String, Object> some = Map.of("deliverableProposal", "建议书 v1", "deliverableBudgetEstimate", " ");
    assertThat(BaishanRules.missingDeliverables(some::get))
        .containsExactly(Deliverable.FEASIBILITY_STUDY, Deliverable.PRELIMINARY_DESIGN, Deliverable.BUDGET_ESTIMATE);
    Map<String, Object> all = Map.of("deliverableProposal", "a", "deliverableFeasibilityStudy", "b",
        "deliverablePreliminaryDesign", "c", "deliverableBudgetEstimate", "d");
    assertThat(BaishanRules.missingDeliverables(all::get)).isEmpty();
  }
}
