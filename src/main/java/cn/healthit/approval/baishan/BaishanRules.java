package cn.healthit.approval.baishan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The rules of the Baishan consulting-design service (seed 003) that the platform computes. */
public final class BaishanRules {

  /** 003 商务要求 1: 「45天之内提供成果文件」 — calendar days from the consultant's appointment. */
  public static final int DELIVERY_DAYS = 45;

  /** 003 建设内容 8: 「按照6%预留工程预备费」. */
  public static final BigDecimal CONTINGENCY_RATE = new BigDecimal("0.06");

  private BaishanRules() {}

  /**
   * The last day the deliverables may arrive. 「45天之内」: 以内 includes the number (民法典 §1259), and the
   * day of appointment is not counted (民法典 §201), so an appointment on 1 March allows delivery up to
   * and including 15 April.
   */
  public static LocalDate deliveryDeadline(LocalDate appointment) {
    return appointment.plusDays(DELIVERY_DAYS);
  }

  /** Days left until the deadline (0 on the last day, negative once overrun). */
  public static long remainingDays(LocalDate today, LocalDate deadline) {
    return ChronoUnit.DAYS.between(today, deadline);
  }

  /**
   * 工程预备费 = 6% × (工程建设费 + 工程建设第三方服务费), rounded half-up to the fen: 0.5 分 and above
   * rounds up (e.g. 6% of 0.25 元 = 0.015 元 → 0.02 元).
   */
  public static BigDecimal contingencyReserve(BigDecimal engineeringCost, BigDecimal thirdPartyServiceCost) {
    return engineeringCost.add(thirdPartyServiceCost).multiply(CONTINGENCY_RATE).setScale(2, RoundingMode.HALF_UP);
  }

  /** The deliverables the confirmation checks for (003 咨询设计成果物编制阶段), each a named item. */
  public enum Deliverable {
    PROJECT_PROPOSAL("deliverableProposal", "《项目建议书》"),
    FEASIBILITY_STUDY("deliverableFeasibilityStudy", "《项目可行性研究报告》"),
    PRELIMINARY_DESIGN("deliverablePreliminaryDesign", "《项目初步设计方案》"),
    BUDGET_ESTIMATE("deliverableBudgetEstimate", "《概算》");

    private final String variable;
    private final String label;

    Deliverable(String variable, String label) {
      this.variable = variable;
      this.label = label;
    }

    public String variable() {
      return variable;
    }

    public String label() {
      return label;
    }
  }

  /** The deliverables not yet named (their variable holds no document name or version). */
  public static List<Deliverable> missingDeliverables(Function<String, Object> variables) {
    List<Deliverable> missing = new ArrayList<>();
    for (Deliverable d : Deliverable.values()) {
      Object value = variables.apply(d.variable());
      if (value == null || value.toString().isBlank()) {
        missing.add(d);
      }
    }
    return missing;
  }
}
