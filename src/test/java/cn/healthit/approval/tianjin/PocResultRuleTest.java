package cn.healthit.approval.tianjin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthit.approval.input.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 000 §10.3: 测试结果应该是量化的数值结果，不允许以“通过”、“满意”作为测试结果. */
class PocResultRuleTest {

  @ParameterizedTest
  @ValueSource(strings = {"通过", "满意", "  通过。 ", "测试通过，用户满意", "1. 通过\n2. 满意", "（1）通过（2）满意", "第1项通过，第2项满意",
      "性能良好，功能齐全"})
  void wordsWithoutAMeasuredFigureAreRefusedNamingTheField(String result) {
    assertThat(PocResultRule.isQuantified(result)).isFalse();
    assertThatThrownBy(() -> PocResultRule.require("pocResults", "测试结果", result))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("测试结果（pocResults）")
        .hasMessageContaining("量化的数值结果")
        .satisfies(e -> assertThat(((InvalidInputException) e).getField()).isEqualTo("pocResults"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"平均响应 0.8 秒", "500 并发下错误率 0%", "1. 挂号接口平均响应 120 毫秒\n2. 识别准确率 98.5%", "吞吐量3000笔/分钟"})
  void aMeasuredFigureIsAccepted(String result) {
    assertThat(PocResultRule.isQuantified(result)).isTrue();
    assertThat(PocResultRule.require("pocResults", "测试结果", result)).isEqualTo(result.trim());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void anEmptyResultIsRefused(String result) {
    assertThatThrownBy(() -> PocResultRule.require("pocResults", "测试结果", result))
        .hasMessageContaining("测试结果（pocResults）不能为空");
  }
}
