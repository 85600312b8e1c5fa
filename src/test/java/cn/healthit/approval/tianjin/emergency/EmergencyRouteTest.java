package cn.healthit.approval.tianjin.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** 000 §20(一): 50万元以下 → sign-off; 50万元及以上 → joint review; exactly 50万 is 及以上 (SPEC.md §0). */
class EmergencyRouteTest {

  @Test
  void fiftyWanItselfTakesTheJointReview() {
    assertThat(EmergencyRoute.of(new BigDecimal("500000.00"))).isEqualTo(EmergencyRoute.JOINT_REVIEW);
  }

  @Test
  void oneFenBelowFiftyWanTakesTheLeadershipSignOff() {
    assertThat(EmergencyRoute.of(new BigDecimal("499999.99"))).isEqualTo(EmergencyRoute.LEADERSHIP_SIGN_OFF);
  }

  @Test
  void oneFenAboveFiftyWanTakesTheJointReview() {
    assertThat(EmergencyRoute.of(new BigDecimal("500000.01"))).isEqualTo(EmergencyRoute.JOINT_REVIEW);
  }

  @Test
  void onlyPriceGougingAndShoddyGoodsCallForAPenalty() {
    assertThat(Finding.PRICE_GOUGING.callsForPenalty()).isTrue();
    assertThat(Finding.SHODDY_GOODS.callsForPenalty()).isTrue();
    assertThat(Finding.OTHER_ISSUE.callsForPenalty()).isFalse();
    assertThat(Finding.CLOSE.callsForPenalty()).isFalse();
  }
}
