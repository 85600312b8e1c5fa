package cn.healthit.approval.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InputsTest {

  enum Colour { RED, GREEN }

  @Test
  void textIsRequiredAndTrimmed() {
    assertThat(Inputs.requireText("projectName", "项目名称", "  智慧药房 ")).isEqualTo("智慧药房");
    assertThatThrownBy(() -> Inputs.requireText("projectName", "项目名称", " "))
        .hasMessage("项目名称（projectName）不能为空");
  }

  @Test
  void freeTextIsAtMost4000Characters() {
    assertThat(Inputs.requireText("opinion", "意见", "意".repeat(4000))).hasSize(4000);
    assertThatThrownBy(() -> Inputs.requireText("opinion", "意见", "意".repeat(4001)))
        .isInstanceOf(InvalidInputException.class).hasMessage("意见（opinion）不能超过 4000 个字符（收到 4001 个）");
  }

  @Test
  void enumsAcceptTheirConstantsOnlyAndListTheChoices() {
    assertThat(Inputs.requireEnum("c", "颜色", "green", Colour.class)).isEqualTo(Colour.GREEN);
    assertThatThrownBy(() -> Inputs.requireEnum("c", "颜色", "BLUE", Colour.class))
        .hasMessage("颜色（c）的取值“BLUE”无效，可选：RED、GREEN");
    assertThat(Inputs.optionalEnum("c", "颜色", null, Colour.class)).isNull();
  }

  @Test
  void booleansFromJsonOrText() {
    assertThat(Inputs.requireBoolean("b", "是否", true)).isTrue();
    assertThat(Inputs.requireBoolean("b", "是否", "FALSE")).isFalse();
    assertThat(Inputs.optionalBoolean("b", "是否", null, true)).isTrue();
    assertThatThrownBy(() -> Inputs.requireBoolean("b", "是否", "yes")).hasMessageContaining("是否（b）");
  }

  @Test
  void wholeNumbersWithinBounds() {
    assertThat(Inputs.requireWholeNumber("n", "分数", 100, 0, 100)).isEqualTo(100);
    assertThat(Inputs.requireWholeNumber("n", "分数", "0", 0, 100)).isZero();
    assertThat(Inputs.requireWholeNumber("n", "分数", 80.0, 0, 100)).isEqualTo(80);
    assertThatThrownBy(() -> Inputs.requireWholeNumber("n", "分数", 101, 0, 100)).hasMessageContaining("0 到 100");
    assertThatThrownBy(() -> Inputs.requireWholeNumber("n", "分数", -1, 0, 100)).hasMessageContaining("0 到 100");
    assertThatThrownBy(() -> Inputs.requireWholeNumber("n", "分数", 79.5, 0, 100)).hasMessageContaining("整数");
  }

  @Test
  void aDecisionIsOneOfTheTasksOutcomesAndARefusalNeedsItsReason() {
    java.util.Set<String> allowed = java.util.Set.of("APPROVED", "REJECTED");
    assertThat(Inputs.decision("decision", "APPROVED", allowed, java.util.Set.of("REJECTED"), "opinion", null)).isEqualTo("APPROVED");
    assertThatThrownBy(() -> Inputs.decision("decision", "MAYBE", allowed, java.util.Set.of("REJECTED"), "opinion", null))
        .hasMessageContaining("可选：APPROVED、REJECTED");
    assertThatThrownBy(() -> Inputs.decision("decision", "REJECTED", allowed, java.util.Set.of("REJECTED"), "opinion", " "))
        .extracting(e -> ((InvalidInputException) e).getField()).isEqualTo("opinion");
    assertThat(Inputs.decision("decision", "REJECTED", allowed, java.util.Set.of("REJECTED"), "opinion", "重复建设")).isEqualTo("REJECTED");
  }

  @Test
  void datesFromFormsOrJavaDates() {
    assertThat(Inputs.date("d", "日期", "2026-11-25", true)).isEqualTo(java.time.LocalDate.of(2026, 11, 25));
    assertThat(Inputs.date("d", "日期", "2026-11-25T00:00:00", true)).isEqualTo(java.time.LocalDate.of(2026, 11, 25));
    assertThat(Inputs.date("d", "日期", null, false)).isNull();
    assertThatThrownBy(() -> Inputs.date("d", "日期", null, true)).hasMessageContaining("不能为空");
    assertThatThrownBy(() -> Inputs.date("d", "日期", "25/11/2026", true)).hasMessageContaining("不是有效日期");
  }
}
