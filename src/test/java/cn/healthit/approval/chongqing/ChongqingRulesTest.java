package cn.healthit.approval.chongqing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthit.approval.calendar.WorkingDays;
import cn.healthit.approval.chongqing.ChongqingRules.IncidentType;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChongqingRulesTest {

  @Test
  void eightyPercentOrLessMeansRetraining() {
    assertThat(ChongqingRules.retrainingNeeded(new BigDecimal("79.99"))).isTrue();
    assertThat(ChongqingRules.retrainingNeeded(new BigDecimal("80"))).isTrue(); // 「80%以下」 includes 80
    assertThat(ChongqingRules.retrainingNeeded(new BigDecimal("80.01"))).isFalse();
    assertThat(ChongqingRules.retrainingNeeded(new BigDecimal("100"))).isFalse();
  }

  @Test
  void aPassRateIsAPercentageWithTwoDecimals() {
    assertThat(ChongqingRules.passRate(85.5)).isEqualByComparingTo("85.5");
    assertThat(ChongqingRules.passRate("100")).isEqualByComparingTo("100");
    assertThatThrownBy(() -> ChongqingRules.passRate(100.01)).hasMessageContaining("0 到 100");
    assertThatThrownBy(() -> ChongqingRules.passRate(-1)).hasMessageContaining("trainingPassRate");
    assertThatThrownBy(() -> ChongqingRules.passRate("80.001")).hasMessageContaining("两位小数");
    assertThatThrownBy(() -> ChongqingRules.passRate("八十")).hasMessageContaining("数字");
  }

  private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 25, 10, 0);

  @Test
  void serverDownStartsThePlanFromFifteenMinutesIncluded() {
    assertThatThrownBy(() -> ChongqingRules.checkTrigger(IncidentType.SERVER_DOWN, NOW.minusMinutes(15).plusSeconds(1), NOW))
        .hasMessageContaining("未达到应急预案启动条件");
    assertThatCode(() -> ChongqingRules.checkTrigger(IncidentType.SERVER_DOWN, NOW.minusMinutes(15), NOW)).doesNotThrowAnyException();
  }

  @Test
  void slowLoginsStartThePlanOnlyBeyondFifteenMinutes() {
    assertThatThrownBy(() -> ChongqingRules.checkTrigger(IncidentType.SLOW_LOGIN, NOW.minusMinutes(15), NOW))
        .hasMessageContaining("已持续 15 分钟");
    assertThatCode(() -> ChongqingRules.checkTrigger(IncidentType.SLOW_LOGIN, NOW.minusMinutes(15).minusSeconds(1), NOW))
        .doesNotThrowAnyException();
  }

  @Test
  void aPowerOutageStartsAtOnceButNotFromTheFuture() {
    assertThatCode(() -> ChongqingRules.checkTrigger(IncidentType.POWER_OUTAGE, NOW, NOW)).doesNotThrowAnyException();
    assertThatThrownBy(() -> ChongqingRules.checkTrigger(IncidentType.POWER_OUTAGE, NOW.plusMinutes(1), NOW))
        .hasMessageContaining("不能晚于当前时间");
  }

  @Test
  void nightsWeekendsAndHolidaysGoThroughTheDutyOfficer() {
    WorkingDays china = WorkingDays.china();
    assertThat(ChongqingRules.offHours(LocalDateTime.of(2026, 11, 25, 8, 0), china)).isFalse();
    assertThat(ChongqingRules.offHours(LocalDateTime.of(2026, 11, 25, 7, 59), china)).isTrue();
    assertThat(ChongqingRules.offHours(LocalDateTime.of(2026, 11, 25, 17, 59), china)).isFalse();
    assertThat(ChongqingRules.offHours(LocalDateTime.of(2026, 11, 25, 18, 0), china)).isTrue();
    assertThat(ChongqingRules.offHours(LocalDateTime.of(2026, 11, 28, 10, 0), china)).isTrue(); // Saturday
    assertThat(ChongqingRules.offHours(LocalDateTime.of(2026, 10, 2, 10, 0), china)).isTrue(); // 国庆节
    assertThat(ChongqingRules.offHours(LocalDateTime.of(2026, 2, 14, 10, 0), china)).isFalse(); // 调休上班的周六
    assertThat(ChongqingRules.offHours(LocalDateTime.of(2027, 3, 3, 10, 0), china)).isFalse(); // beyond the data: weekday
    assertThat(ChongqingRules.offHours(LocalDateTime.of(2027, 3, 6, 10, 0), china)).isTrue(); // beyond the data: Saturday
  }

  @Test
  void theRiskRegisterHoldsTheSeedsSevenRisksAndTakesUpdates() {
    List<Map<String, Object>> register = RiskRegister.initial();
    assertThat(register).hasSize(7);
    assertThat(register.get(2)).containsEntry("type", "数据安全").containsEntry("probability", "MEDIUM").containsEntry("level", "HIGH");
    List<Map<String, Object>> updated = RiskRegister.update(register, 3, "LOW", "已建立数据修改审批");
    assertThat(updated.get(2)).containsEntry("level", "LOW").containsEntry("response", "已建立数据修改审批");
    assertThat(register.get(2)).containsEntry("level", "HIGH");
    assertThat(RiskRegister.text(updated)).contains("3. [数据安全]").contains("等级低");
    assertThatThrownBy(() -> RiskRegister.update(register, 8, "LOW", "x")).hasMessageContaining("序号为 8");
    assertThatThrownBy(() -> RiskRegister.update(register, 1, "SEVERE", "x")).hasMessageContaining("riskLevel");
    assertThatThrownBy(() -> RiskRegister.update(register, 1, "LOW", " ")).hasMessageContaining("riskResponse");
  }
}
