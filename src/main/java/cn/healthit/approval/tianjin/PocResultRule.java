package cn.healthit.approval.tianjin;

import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.input.Inputs;
import java.util.regex.Pattern;

/**
 * 000 §10.3: 「测试结果部分应该是量化的数值结果，不允许以“通过”、“满意”作为测试结果」.
 *
 * <p>A result is accepted only when it carries at least one measured figure. Numbers that merely
 * number the items (「1.」「（2）」「第3项」) do not count, so 「1. 通过 2. 满意」 is refused too.
 */
public final class PocResultRule {

  private static final Pattern ITEM_NUMBERS = Pattern.compile(
      "(?m)^\\s*[（(]?\\d+\\s*[.．、)）:：]|第\\s*\\d+\\s*[项条步个点类]|[（(]\\d+[)）]");
  private static final Pattern FIGURE = Pattern.compile("\\d");

  private PocResultRule() {}

  /** True when the text holds a quantified figure beyond item numbering. */
  public static boolean isQuantified(String text) {
    if (text == null) {
      return false;
    }
    return FIGURE.matcher(ITEM_NUMBERS.matcher(text).replaceAll(" ")).find();
  }

  /** The trimmed result, or a refusal naming the field. */
  public static String require(String field, String label, Object value) {
    String text = Inputs.requireText(field, label, value);
    if (!isQuantified(text)) {
      throw new InvalidInputException(field, Inputs.describe(field, label)
          + "必须是量化的数值结果（如“挂号接口平均响应 0.8 秒，500 并发下错误率 0%”），"
          + "不能以“通过”“满意”或不含数值的文字作为测试结果（第十条第3款）");
    }
    return text;
  }
}
