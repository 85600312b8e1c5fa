package cn.healthit.approval.tianjin.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthit.approval.tianjin.Tier;
import cn.healthit.approval.tianjin.panel.Panel.Member;
import cn.healthit.approval.tianjin.panel.Panel.Outcome;
import cn.healthit.approval.tianjin.panel.Panel.Source;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PanelTest {

  private static final List<String> FIVE = List.of("a", "b", "c", "d", "e");

  @Test
  void aMajorPanelIsOneFromEachOfficeAndThreeDrawnExternals() {
    List<Member> panel = Panel.compose(Tier.MAJOR, List.of(), "a", "b", List.of("x", "y", "z"), Set.of());
    assertThat(panel).extracting(Member::source).containsExactly(Source.IT_DIVISION, Source.SMART_HOSPITAL_OFFICE,
        Source.EXTERNAL, Source.EXTERNAL, Source.EXTERNAL);
    assertThat(Panel.chair(panel)).isEqualTo("x");
    assertThat(Panel.toJson(panel).get(0)).containsEntry("userId", "a").containsEntry("source", "IT_DIVISION");
    assertThatThrownBy(() -> Panel.compose(Tier.MAJOR, List.of(), "a", "b", List.of("x", "y"), Set.of()))
        .hasMessageContaining("院外3名");
    assertThatThrownBy(() -> Panel.compose(Tier.MAJOR, List.of(), null, "b", List.of("x", "y", "z"), Set.of()))
        .hasMessageContaining("信息处推荐1名");
  }

  @Test
  void anImportantPanelMixesJointPicksAndDrawnExternalsToFive() {
    assertThat(Panel.externalNeeded(Tier.IMPORTANT, 3)).isEqualTo(2);
    assertThat(Panel.externalNeeded(Tier.IMPORTANT, 5)).isZero();
    List<Member> panel = Panel.compose(Tier.IMPORTANT, List.of("a", "b", "c"), null, null, List.of("x", "y"), Set.of());
    assertThat(panel).extracting(Member::source).containsExactly(Source.INTERNAL_STAFF, Source.INTERNAL_STAFF,
        Source.INTERNAL_STAFF, Source.EXTERNAL, Source.EXTERNAL);
    assertThat(Panel.compose(Tier.IMPORTANT, FIVE, null, null, List.of(), Set.of())).hasSize(5);
    assertThatThrownBy(() -> Panel.compose(Tier.IMPORTANT, List.of("a", "b"), null, null, List.of("x", "y"), Set.of()))
        .hasMessageContaining("5人");
  }

  @Test
  void aGeneralPanelIsFiveInternalStaffConvenedByCategory() {
    assertThat(Panel.compose(Tier.GENERAL, FIVE, null, null, List.of(), Set.of())).extracting(Member::source)
        .containsOnly(Source.INTERNAL_STAFF);
    assertThat(Panel.chair(Panel.compose(Tier.GENERAL, FIVE, null, null, List.of(), Set.of()))).isEqualTo("a");
    assertThat(Panel.externalNeeded(Tier.GENERAL, 5)).isZero();
    assertThat(Panel.generalConvenor("PUBLIC_INFRASTRUCTURE")).isEqualTo("smart-hospital-office");
    assertThat(Panel.generalConvenor("SPECIALIZED")).isEqualTo("it-division");
    assertThatThrownBy(() -> Panel.compose(Tier.GENERAL, List.of("a", "b", "c", "d"), null, null, List.of(), Set.of()))
        .hasMessageContaining("院内5名");
  }

  @Test
  void fiveDistinctPeopleNoneFromTheRequestingDepartment() {
    assertThatThrownBy(() -> Panel.compose(Tier.GENERAL, List.of("a", "b", "c", "d", "a"), null, null, List.of(), Set.of()))
        .hasMessageContaining("不能重复");
    assertThatThrownBy(() -> Panel.compose(Tier.MAJOR, List.of(), "a", "a", List.of("x", "y", "z"), Set.of()))
        .hasMessageContaining("不能重复");
    assertThatThrownBy(() -> Panel.compose(Tier.GENERAL, FIVE, null, null, List.of(), Set.of("c")))
        .hasMessageContaining("需求部门的人员不能担任");
  }

  @Test
  void theDrawIsReplayableFromItsRecord() {
    List<String> pool = List.of("e8", "e3", "e1", "e5", "e2", "e7", "e4", "e6");
    List<String> first = Panel.draw(pool, 3, 42L);
    assertThat(Panel.draw(List.of("e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8"), 3, 42L)).isEqualTo(first);
    assertThat(first).hasSize(3).doesNotHaveDuplicates().isSubsetOf(pool);
    assertThat(Panel.draw(pool, 3, 43L)).isNotEqualTo(first);
    assertThatThrownBy(() -> Panel.draw(List.of("e1", "e2"), 3, 1L)).hasMessageContaining("不足");
  }

  @Test
  void onlyAUnanimousVerdictStands() {
    Map<String, Outcome> votes = new LinkedHashMap<>();
    FIVE.forEach(m -> votes.put(m, Outcome.APPROVED));
    assertThat(Panel.unanimous(votes)).isEqualTo(Outcome.APPROVED);
    votes.put("e", Outcome.APPROVED_AFTER_SUPPLEMENT);
    assertThat(Panel.unanimous(votes)).isNull();
    votes.remove("e");
    assertThatThrownBy(() -> Panel.unanimous(votes)).hasMessageContaining("5名专家");
  }
}
