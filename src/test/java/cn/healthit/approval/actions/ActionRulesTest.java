package cn.healthit.approval.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthit.approval.actions.ReturnRule.Step;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActionRulesTest {

  private static final List<Step> VISITED = List.of(new Step("A", "编制", "u1", "p"), new Step("B", "审核", "u2", "p"),
      new Step("A", "编制", "u3", "p"), new Step("P", "会签", "e1", "p"), new Step("C", "复核", "u4", "p"));

  private static List<String> targets(String returnTo, String current) {
    return ReturnRule.targets(ActionConfig.parse("return", returnTo), VISITED, current, Set.of("P"))
        .stream().map(Step::activityId).toList();
  }

  @Test
  void previousFirstVisitedAndNamedSteps() {
    assertThat(targets("previous", "D")).containsExactly("C");
    // the project's first step (its 编制人), though redone since and so more recent than B: a loop does not make B "first"
    assertThat(targets("first", "D")).containsExactly("A");
    assertThat(targets("first", "A")).containsExactly("B"); // never to itself: the first other step
    assertThat(targets("visited", "D")).containsExactly("C", "A", "B"); // the panel is never re-created as one person's step
    assertThat(targets("A", "D")).containsExactly("A");
    assertThat(targets("previous", "C")).containsExactly("A"); // never to itself
    assertThat(targets("Z", "D")).isEmpty();
    // the re-created step goes to whoever did it last
    assertThat(ReturnRule.targets(ActionConfig.parse("return", "A"), VISITED, "D", Set.of()).get(0).assignee()).isEqualTo("u3");
  }

  @Test
  void aPanelMayBeSentBackOnlyBeforeTheFirstVote() {
    assertThat(ReturnRule.refusalOfPanel(0, 5)).isNull();
    assertThat(ReturnRule.refusalOfPanel(1, 5)).contains("已有 1 人（共 5 人）提交");
  }

  @Test
  void aReturnWithdrawsTheParallelBranchesTheReworkRecreatesAndKeepsThoseBesideIt() {
    // S → fork → (X → Y) ∥ (Z) → join → end
    Map<String, List<String>> graph = Map.of("S", List.of("fork"), "fork", List.of("X", "Z"), "X", List.of("Y"),
        "Y", List.of("join"), "Z", List.of("join"), "join", List.of("end"));
    // from Y back to S (before the fork): Z is created again, so it goes too
    assertThat(ReturnRule.alsoWithdrawn(graph, "S", "Y", Set.of("Z"))).containsExactly("Z");
    // from Y back to X (inside its own branch): Z runs on beside it
    assertThat(ReturnRule.alsoWithdrawn(graph, "X", "Y", Set.of("Z"))).isEmpty();
    // the rework comes back to Y from S or X, never from the sibling branch's Z (the join would wait for ever)
    assertThat(ReturnRule.leadsBack(graph, "S", "Y", Set.of("join"))).isTrue();
    assertThat(ReturnRule.leadsBack(graph, "X", "Y", Set.of("join"))).isTrue();
    assertThat(ReturnRule.leadsBack(graph, "Z", "Y", Set.of("join"))).isFalse();
    Map<String, List<String>> loop = new java.util.HashMap<>(graph);
    loop.put("join", List.of("S"));
    assertThat(ReturnRule.leadsBack(loop, "Z", "Y", Set.of("join"))).isFalse(); // not even round a loop through the join
    // a token already waiting at the join from the other branch is recreated by a return before the fork
    assertThat(ReturnRule.alsoWithdrawn(graph, "S", "Y", Set.of("join"))).containsExactly("join");
  }

  @Test
  void aSubmissionIsTakenBackOnlyWhileWhatFollowedIsUntouched() {
    assertThat(ReturnRule.refusalOfWithdrawal(1, 0, List.of())).isNull();
    assertThat(ReturnRule.refusalOfWithdrawal(2, 0, List.of())).isNull();
    assertThat(ReturnRule.refusalOfWithdrawal(1, 0, List.of("审核"))).isEqualTo("下一环节“审核”已被认领或办理，不能撤回");
    assertThat(ReturnRule.refusalOfWithdrawal(1, 1, List.of())).contains("其后已有 1 个环节办结");
    assertThat(ReturnRule.refusalOfWithdrawal(0, 0, List.of())).contains("没有待办的环节");
  }

  @Test
  void theModelsPropertiesAreCheckedWithMessagesThatSayWhatToFix() {
    assertThat(ActionConfig.parse("return, transfer 、delegate", "previous").actions()).hasSize(3);
    assertThat(ActionConfig.parse("withdraw consult", null).allows(ActionConfig.Action.CONSULT)).isTrue();
    assertThat(ActionConfig.parse("withdraw", null).allows(ActionConfig.Action.CONSULT)).isFalse();
    assertThat(ActionConfig.parse(null, null)).isEqualTo(new ActionConfig(Set.of(), Set.of()));
    assertThat(ActionConfig.problems("return", null)).containsExactly(
        "允许退回（return）的环节须用扩展属性 approval.returnTo 指明可退回到哪里（previous、first、visited 或环节 id）");
    assertThat(ActionConfig.problems("transfer", "previous")).containsExactly("扩展属性 approval.returnTo 只在 approval.actions 含 return 时有意义");
    assertThatThrownBy(() -> ActionConfig.parse("sendback", null)).hasMessageContaining("“sendback”不是可用的审批操作");
  }

  @Test
  void recordsAreTypedByTheirMark() {
    assertThat(ActionRecord.kind("【退回】甲 将…")).isEqualTo(ActionRecord.Kind.RETURN);
    assertThat(ActionRecord.kind("【转办】甲 将…")).isEqualTo(ActionRecord.Kind.TRANSFER);
    assertThat(ActionRecord.kind("【委派】甲 将…")).isEqualTo(ActionRecord.Kind.DELEGATE);
    assertThat(ActionRecord.kind("【催办】甲")).isEqualTo(ActionRecord.Kind.REMINDER);
    assertThat(ActionRecord.kind("上传材料：x.pdf")).isEqualTo(ActionRecord.Kind.MATERIAL);
    assertThat(ActionRecord.kind("审核：同意")).isEqualTo(ActionRecord.Kind.OPINION);
    assertThat(ActionRecord.kind(null)).isEqualTo(ActionRecord.Kind.OPINION);
  }

  @Test
  void aQuestionsNumberIsTheProjectsWithinTheSixtyFourCharactersOfABusinessKey() {
    assertThat(Consultations.businessKey("ZH-2026-001", 3)).isEqualTo("ZH-2026-001/征求意见-3");
    String longest = "P".repeat(64);
    assertThat(Consultations.businessKey(longest, 12)).hasSize(64).endsWith("/征求意见-12").startsWith("PPP");
    assertThat(Consultations.businessKey("P".repeat(56), 1)).isEqualTo("P".repeat(56) + "/征求意见-1"); // 63: kept whole
    assertThat(Consultations.businessKey("P".repeat(57), 1)).isEqualTo("P".repeat(57) + "/征求意见-1"); // 64: kept whole
    assertThat(Consultations.businessKey("P".repeat(58), 1)).isEqualTo("P".repeat(57) + "/征求意见-1"); // 65: cut by one
  }
}
