package cn.healthit.approval.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthit.approval.input.FormContract.Mode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The form as its step's contract, field by field, at the boundaries (SPEC.md §0). */
class FormContractTest {

  static final FormContract FORM = FormContract.parse("""
      {"components": [
        {"type": "text", "text": "项目信息"},
        {"type": "group", "components": [
          {"type": "textfield", "key": "budget", "label": "项目预算", "readonly": true},
          {"type": "textfield", "key": "tierLabel", "label": "项目级别", "disabled": true}]},
        {"type": "textfield", "key": "caseHandler", "label": "承办人", "validate": {"required": true, "maxLength": 10}},
        {"type": "textarea", "key": "opinion", "label": "意见"},
        {"type": "textfield", "key": "code", "label": "编码", "validate": {"pattern": "[A-Z]{2}-\\\\d+", "minLength": 4}},
        {"type": "number", "key": "cost", "label": "费用", "decimalDigits": 2, "serializeToString": true, "validate": {"min": 0, "max": 500000}},
        {"type": "number", "key": "score", "label": "评分", "decimalDigits": 0, "validate": {"min": 0, "max": 100}},
        {"type": "checkbox", "key": "confirmed", "label": "已确认", "validate": {"required": true}},
        {"type": "checkbox", "key": "urgent", "label": "紧急"},
        {"type": "radio", "key": "decision", "label": "结论", "values": [{"label": "同意", "value": "APPROVED"}, {"label": "退回", "value": "RETURNED"}],
         "validate": {"required": true}},
        {"type": "radio", "key": "funded", "label": "政府投资", "values": [{"label": "是", "value": true}, {"label": "否", "value": false}]},
        {"type": "select", "key": "expert", "label": "专家", "valuesKey": "pool"},
        {"type": "taglist", "key": "members", "label": "成员", "valuesKey": "pool"},
        {"type": "datetime", "key": "due", "label": "期限", "subtype": "date"},
        {"type": "textfield", "key": "number", "label": "文号", "validate": {"required": true}, "conditional": {"hide": "=decision != \\"APPROVED\\""}}
      ]}""".getBytes(StandardCharsets.UTF_8));

  static final Map<String, Object> CURRENT = Map.of("budget", "3000000.00", "pool", List.of(
      Map.of("label", "王", "value", "exp-in-1"), Map.of("label", "李", "value", "exp-in-2")));

  static Map<String, Object> valid() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("caseHandler", "王承办");
    v.put("confirmed", true);
    v.put("decision", "APPROVED");
    return v;
  }

  static Map<String, Object> admit(Map<String, Object> sent) {
    return admit(Mode.COMPLETE, sent);
  }

  static Map<String, Object> admit(Mode mode, Map<String, Object> sent) {
    return FORM.admit(mode, sent, CURRENT::get, pool -> ((List<?>) CURRENT.get(pool)).stream()
        .map(o -> String.valueOf(((Map<?, ?>) o).get("value"))).toList());
  }

  static Map<String, Object> with(String key, Object value) {
    Map<String, Object> v = valid();
    v.put(key, value);
    return v;
  }

  static void refused(Map<String, Object> sent, String field, String words) {
    assertThatThrownBy(() -> admit(sent)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.getField()).isEqualTo(field);
      assertThat(e.getMessage()).contains(words);
    });
  }

  @Test
  void onlyTheFormsFieldsMayBeSent() {
    refused(with("tier", "GENERAL"), "tier", "不是本步骤表单中的字段");
    assertThatThrownBy(() -> FormContract.none().admit(Mode.COMPLETE, Map.of("x", 1), k -> null, k -> List.of()))
        .hasMessageContaining("本步骤不接受任何变量");
    assertThat(FormContract.none().admit(Mode.COMPLETE, Map.of(), k -> null, k -> List.of())).isEmpty();
  }

  @Test
  void readOnlyAndDisabledFieldsMayComeBackOnlyUnchangedAndAreNotStoredAgain() {
    refused(with("budget", "1000.00"), "budget", "只读");
    refused(with("budget", "2999999.99"), "budget", "只读");
    refused(with("tierLabel", "一般项目"), "tierLabel", "只读");
    assertThat(admit(with("budget", "3000000.00"))).doesNotContainKey("budget");
    assertThat(admit(with("budget", 3000000))).as("the same amount as a number").doesNotContainKey("budget");
    assertThat(admit(with("tierLabel", ""))).as("empty stays empty").doesNotContainKey("tierLabel");
  }

  @Test
  void textIsTextWithinItsLimits() {
    refused(with("caseHandler", 12), "caseHandler", "必须是文本");
    refused(with("caseHandler", List.of("a")), "caseHandler", "必须是文本");
    assertThat(admit(with("caseHandler", "一二三四五六七八九十"))).containsEntry("caseHandler", "一二三四五六七八九十");
    refused(with("caseHandler", "一二三四五六七八九十一"), "caseHandler", "不能超过 10 个字符");
    assertThat(admit(with("opinion", "意".repeat(4000)))).containsKey("opinion");
    refused(with("opinion", "意".repeat(4001)), "opinion", "不能超过 4000 个字符");
    assertThat(admit(with("code", "AB-1"))).containsEntry("code", "AB-1");
    refused(with("code", "AB-X"), "code", "格式不正确");
    refused(with("code", "A-1"), "code", "至少 4 个字符");
  }

  @Test
  void amountsAreMoneyAtTheFenAndWithinTheFormsRange() {
    assertThat(admit(with("cost", 500000))).containsEntry("cost", "500000.00");
    assertThat(admit(with("cost", "499999.99"))).containsEntry("cost", "499999.99");
    assertThat(admit(with("cost", 12.5))).containsEntry("cost", "12.50");
    refused(with("cost", "500000.01"), "cost", "之间");
    refused(with("cost", "0.001"), "cost", "两位小数");
    refused(with("cost", "-0.01"), "cost", "不能为负数");
    refused(with("cost", true), "cost", "必须是数字");
    refused(with("cost", "五万"), "cost", "不是有效金额");
  }

  @Test
  void wholeNumbersAreWholeAndInRange() {
    assertThat(admit(with("score", 100))).containsEntry("score", 100);
    assertThat(admit(with("score", "0"))).as("whole-number text becomes a number").containsEntry("score", 0L);
    refused(with("score", 101), "score", "之间");
    refused(with("score", -1), "score", "之间");
    refused(with("score", 99.5), "score", "必须是整数");
    refused(with("score", "很好"), "score", "必须是数字");
  }

  @Test
  void checkboxesAreYesOrNoAndARequiredOneMustBeTicked() {
    assertThat(admit(with("urgent", "true"))).containsEntry("urgent", true);
    refused(with("urgent", 1), "urgent", "是”或“否");
    refused(with("confirmed", false), "confirmed", "必须确认");
    Map<String, Object> unticked = valid();
    unticked.remove("confirmed");
    refused(unticked, "confirmed", "必须确认");
  }

  @Test
  void optionsComeFromTheFormOrFromItsPool() {
    refused(with("decision", "REJECTED"), "decision", "无效");
    refused(with("decision", Map.of("value", "APPROVED")), "decision", "必须是一个选项");
    assertThat(admit(with("funded", "false"))).as("a yes/no radio stores a boolean").containsEntry("funded", false);
    assertThat(admit(with("expert", "exp-in-2"))).containsEntry("expert", "exp-in-2");
    refused(with("expert", "exp-in-3"), "expert", "无效");
    assertThat(admit(with("members", List.of("exp-in-1", "exp-in-2")))).containsKey("members");
    assertThat(admit(with("members", "[\"exp-in-1\"]"))).containsKey("members");
    refused(with("members", List.of("exp-in-1", "exp-in-9")), "members", "不在可选范围内");
    refused(with("members", List.of(Map.of("a", 1))), "members", "每一项");
  }

  @Test
  void datesAreIsoDates() {
    assertThat(admit(with("due", "2027-01-04"))).containsEntry("due", "2027-01-04");
    refused(with("due", "2027-13-01"), "due", "不是有效日期");
    refused(with("due", 20270104), "due", "日期");
  }

  @Test
  void requiredFieldsMustBeSentExceptWhereTheFormHidesThemOrTheTaskIsOnlyResolved() {
    Map<String, Object> missing = valid();
    missing.remove("caseHandler");
    refused(missing, "caseHandler", "不能为空");
    refused(with("caseHandler", "  "), "caseHandler", "不能为空");
    assertThat(admit(valid())).as("the conditional 文号 is the regulation's to require").containsEntry("number", null);
    assertThat(admit(Mode.RESOLVE, new HashMap<>(Map.of("opinion", "先看一下")))).containsEntry("opinion", "先看一下")
        .doesNotContainKey("caseHandler");
  }

  @Test
  void anOmittedOptionalFieldIsNoOrEmptyWhereTheInstanceHasNoValueYet() {
    Map<String, Object> admitted = admit(valid());
    assertThat(admitted).containsEntry("urgent", false).containsEntry("opinion", null).containsEntry("expert", null);
    assertThat(admitted).as("read-only fields are never written").doesNotContainKey("budget");
  }
}
