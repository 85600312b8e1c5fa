package cn.healthit.approval.tianjin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.tianjin.SeparationOfDutiesRule.ProcurementExecutor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 000 §16(四): the deliverables catalogue and the separation of procurement from acceptance. */
class AcceptanceRulesTest {

  private static Map<String, Object> completeSoftware() {
    Map<String, Object> v = new HashMap<>();
    v.put("trialRunUserReport", "三个月运行平稳");
    DeliverablesRule.SOFTWARE.keySet().forEach(k -> v.put(k, true));
    return v;
  }

  @Test
  void aCompleteSoftwareCatalogueHasNothingMissing() {
    assertThat(DeliverablesRule.missing(completeSoftware()::get)).isEmpty();
  }

  @Test
  void eachMissingItemIsNamed() {
    Map<String, Object> v = completeSoftware();
    v.put("deliverableSourceCode", false);
    v.remove("trialRunUserReport");
    assertThat(DeliverablesRule.missing(v::get)).containsExactly("试运行用户报告", "软件代码");
  }

  @Test
  void hardwareItemsAreRequiredOnlyWhenHardwareWasDelivered() {
    Map<String, Object> v = completeSoftware();
    assertThat(DeliverablesRule.missing(v::get)).isEmpty();
    v.put("hasHardware", true);
    assertThat(DeliverablesRule.missing(v::get)).containsExactly("硬件产品条形码", "与条形码对应的现场图片");
    v.put("deliverableHardwareBarcodes", true);
    v.put("deliverableSitePhotos", "true");
    assertThat(DeliverablesRule.missing(v::get)).isEmpty();
  }

  @Test
  void separationAppliesWhenTheRequesterAlsoRanProcurement() {
    assertThat(SeparationOfDutiesRule.applies("dept-nursing", ProcurementExecutor.IT_DIVISION)).isFalse();
    assertThat(SeparationOfDutiesRule.applies("dept-nursing", ProcurementExecutor.REQUESTING_DEPARTMENT)).isTrue();
    assertThat(SeparationOfDutiesRule.applies("it-division", ProcurementExecutor.IT_DIVISION)).isTrue();
  }

  @Test
  void onlyProcurementParticipantsAreExcludedAndOnlyWhenTheRuleApplies() {
    assertThat(SeparationOfDutiesRule.parseParticipants("xinxi2, yiwu、huli；caigou")).containsExactly("xinxi2", "yiwu", "huli", "caigou");
    assertThat(SeparationOfDutiesRule.excludes(true, "xinxi2,yiwu", "xinxi2")).isTrue();
    assertThat(SeparationOfDutiesRule.excludes(true, "xinxi2,yiwu", "xinxi")).isFalse();
    assertThat(SeparationOfDutiesRule.excludes(false, "xinxi2,yiwu", "xinxi2")).isFalse();
  }
}
