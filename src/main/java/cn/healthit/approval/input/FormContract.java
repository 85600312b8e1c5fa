package cn.healthit.approval.input;

import cn.healthit.approval.money.Money;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A deployed Camunda Form read as its step's contract (CONTRACT.md, Access): the only values a request may
 * carry are the form's editable fields, each as the form describes it — its type, {@code validate} (required,
 * min/max, minLength/maxLength, pattern), its options or its {@code valuesKey} pool; a read-only or disabled
 * field may come back only unchanged. Camunda Forms check this in the browser; this is the same check on the
 * server, for every client. Plain Java: the engine side ({@code engine.TaskContract}) finds the form, the
 * instance's current values and the pools, and stores what {@link #admit} returns — or nothing.
 */
public final class FormContract {

  /** The components that carry a value; {@code text}, {@code image}, groups and the like carry none. */
  static final Set<String> INPUTS = Set.of("textfield", "textarea", "number", "checkbox", "select", "radio",
      "datetime", "taglist", "checklist");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BigDecimal LONG = BigDecimal.valueOf(Long.MAX_VALUE);

  /** What a request does: start a process, complete (or submit) a task, or resolve a delegated one. */
  public enum Mode { START, COMPLETE, RESOLVE }

  /** One input field of the form. */
  public record Field(String key, String label, String type, boolean readOnly, JsonNode json) {

    boolean required() {
      // a conditionally hidden field is the regulation's to require (the form hides it where it does not apply)
      return json.path("validate").path("required").asBoolean(false) && !json.has("conditional");
    }

    String what() {
      return Inputs.describe(key, label);
    }
  }

  private final Map<String, Field> fields;

  private FormContract(Map<String, Field> fields) {
    this.fields = fields;
  }

  /** Reads a form's JSON (a {@code .form} file as deployed). */
  public static FormContract parse(byte[] formJson) {
    try {
      Map<String, Field> fields = new LinkedHashMap<>();
      collect(JSON.readTree(formJson).path("components"), fields);
      return new FormContract(fields);
    } catch (IOException e) {
      throw new IllegalStateException("a deployed form is not JSON", e);
    }
  }

  /** A step without a form: it accepts no values at all. */
  public static FormContract none() {
    return new FormContract(Map.of());
  }

  private static void collect(JsonNode components, Map<String, Field> fields) {
    for (JsonNode component : components) {
      if (component.has("components")) {
        collect(component.get("components"), fields);
      } else if (component.hasNonNull("key") && INPUTS.contains(component.path("type").asText())) {
        String key = component.get("key").asText();
        boolean readOnly = component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false);
        fields.put(key, new Field(key, component.path("label").asText(key), component.get("type").asText(), readOnly, component));
      }
    }
  }

  public Map<String, Field> fields() {
    return fields;
  }

  /** The pools the form's selects and tag lists draw their options from ({@code valuesKey}). */
  public Set<String> poolKeys() {
    Set<String> keys = new LinkedHashSet<>();
    for (Field field : fields.values()) {
      if (field.json().hasNonNull("valuesKey")) {
        keys.add(field.json().get("valuesKey").asText());
      }
    }
    return keys;
  }

  /** The instance variables {@link #admit} will look at for this request: the only ones worth reading. */
  public Set<String> lookups(Map<String, Object> sent) {
    Set<String> names = new LinkedHashSet<>(poolKeys());
    for (Field field : fields.values()) {
      if (field.readOnly() ? sent.containsKey(field.key()) : !sent.containsKey(field.key())) {
        names.add(field.key());
      }
    }
    return names;
  }

  /**
   * Checks a request's values and returns what may be stored: the editable fields, normalised (amounts as
   * their canonical text, yes/no as booleans), plus — where the instance holds no value yet — an omitted
   * optional field as {@code false} (a checkbox) or {@code null}, so that no expression meets an unknown
   * variable. Read-only fields sent unchanged are dropped. Anything else is refused, naming the field.
   *
   * @param sent the request's values, plain Java (text, numbers, booleans, lists, maps); see {@link #plain}
   * @param current the instance's current value of a variable, or null
   * @param pool the options of a {@code valuesKey} pool (their values)
   */
  public Map<String, Object> admit(Mode mode, Map<String, Object> sent, Function<String, Object> current,
      Function<String, Collection<String>> pool) {
    for (String key : sent.keySet()) {
      if (!fields.containsKey(key)) {
        throw new InvalidInputException(key, "“" + key + "”不是本步骤表单中的字段，不能在此步骤提交或修改"
            + (fields.isEmpty() ? "（本步骤不接受任何变量）" : ""));
      }
    }
    Map<String, Object> admitted = new LinkedHashMap<>();
    for (Field field : fields.values()) {
      String key = field.key();
      boolean present = sent.containsKey(key);
      Object value = sent.get(key);
      if (field.readOnly()) {
        if (present && !same(value, current.apply(key))) {
          throw new InvalidInputException(key, field.what() + "是只读字段，不能在此步骤修改");
        }
        continue;
      }
      if (blank(value)) {
        if (mode != Mode.RESOLVE && field.required()) {
          throw new InvalidInputException(key, field.what() + (field.type().equals("checkbox") ? "必须确认（勾选）后才能提交" : "不能为空"));
        }
        if (present) {
          admitted.put(key, field.type().equals("checkbox") ? Boolean.FALSE : value);
        } else if (mode != Mode.RESOLVE && current.apply(key) == null) {
          admitted.put(key, field.type().equals("checkbox") ? Boolean.FALSE : null);
        }
        continue;
      }
      admitted.put(key, check(field, value, pool));
    }
    return admitted;
  }

  private static Object check(Field field, Object value, Function<String, Collection<String>> pool) {
    JsonNode json = field.json();
    JsonNode validate = json.path("validate");
    String key = field.key();
    switch (field.type()) {
      case "textfield", "textarea" -> {
        if (!(value instanceof String text)) {
          throw new InvalidInputException(key, field.what() + "必须是文本，收到" + kind(value));
        }
        int max = Math.min(validate.path("maxLength").asInt(Inputs.MAX_TEXT), Inputs.MAX_TEXT);
        Inputs.checkLength(key, field.label(), text, max);
        if (validate.has("minLength") && text.trim().length() < validate.get("minLength").asInt()) {
          throw new InvalidInputException(key, field.what() + "至少 " + validate.get("minLength").asInt() + " 个字符");
        }
        if (validate.hasNonNull("pattern") && !matches(validate.get("pattern").asText(), text)) {
          throw new InvalidInputException(key, field.what() + "格式不正确：“" + Inputs.clip(text) + "”"
              + (json.hasNonNull("description") ? "。" + json.get("description").asText() : ""));
        }
        return text;
      }
      case "number" -> {
        if (!(value instanceof Number) && !(value instanceof String)) {
          throw new InvalidInputException(key, field.what() + "必须是数字，收到" + kind(value));
        }
        if (json.path("decimalDigits").asInt(-1) == 2) {
          BigDecimal amount = Money.parse(key, field.label(), value);
          range(field, amount, validate);
          return Money.format(amount);
        }
        BigDecimal number;
        try {
          number = new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
          throw new InvalidInputException(key, field.what() + "必须是数字，收到“" + Inputs.clip(value.toString()) + "”");
        }
        int digits = json.path("decimalDigits").asInt(-1);
        if (digits >= 0 && number.stripTrailingZeros().scale() > digits) {
          throw new InvalidInputException(key, field.what() + (digits == 0 ? "必须是整数" : "最多 " + digits + " 位小数")
              + "，收到 " + number.toPlainString());
        }
        range(field, number, validate);
        // a whole number typed as text is stored as the number it is, so the models compare numbers
        return value instanceof String && number.stripTrailingZeros().scale() <= 0 && number.abs().compareTo(LONG) < 0
            ? number.longValueExact() : value;
      }
      case "checkbox" -> {
        boolean checked = Inputs.requireBoolean(key, field.label(), value);
        if (!checked && field.required()) {
          // as Camunda Forms read it: a required checkbox is a confirmation that must be given
          throw new InvalidInputException(key, field.what() + "必须确认（勾选）后才能提交"
              + (json.hasNonNull("description") ? "：" + json.get("description").asText() : ""));
        }
        return checked;
      }
      case "select", "radio" -> {
        if (!(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)) {
          throw new InvalidInputException(key, field.what() + "必须是一个选项，收到" + kind(value));
        }
        Collection<String> options = options(field, pool);
        if (!options.contains(value.toString())) {
          throw new InvalidInputException(key, field.what() + "的取值“" + Inputs.clip(value.toString()) + "”无效，可选："
              + String.join("、", options));
        }
        for (JsonNode option : json.path("values")) {
          if (option.path("value").isBoolean() && option.path("value").asText().equals(value.toString())) {
            return option.path("value").asBoolean(); // a yes/no radio: stored as the boolean the model's conditions test
          }
        }
        return value;
      }
      case "taglist", "checklist" -> {
        List<String> picks = list(field, value);
        Collection<String> options = options(field, pool);
        for (String pick : picks) {
          if (!options.contains(pick)) {
            throw new InvalidInputException(key, field.what() + "中的“" + Inputs.clip(pick) + "”不在可选范围内");
          }
        }
        return value;
      }
      case "datetime" -> {
        if (!(value instanceof String text)) {
          throw new InvalidInputException(key, field.what() + "必须是日期文本（yyyy-MM-dd），收到" + kind(value));
        }
        if ("date".equals(json.path("subtype").asText("date"))) {
          Inputs.date(key, field.label(), text, true);
        } else {
          Inputs.checkLength(key, field.label(), text, 64);
        }
        return text;
      }
      default -> {
        return value;
      }
    }
  }

  private static void range(Field field, BigDecimal number, JsonNode validate) {
    if ((validate.has("min") && number.compareTo(validate.get("min").decimalValue()) < 0)
        || (validate.has("max") && number.compareTo(validate.get("max").decimalValue()) > 0)) {
      throw new InvalidInputException(field.key(), field.what() + "必须在 " + validate.path("min").asText("") + " 到 "
          + validate.path("max").asText("") + " 之间，收到 " + number.toPlainString());
    }
  }

  private static Collection<String> options(Field field, Function<String, Collection<String>> pool) {
    JsonNode json = field.json();
    if (json.hasNonNull("valuesKey")) {
      return pool.apply(json.get("valuesKey").asText());
    }
    List<String> options = new ArrayList<>();
    json.path("values").forEach(option -> options.add(option.path("value").asText()));
    return options;
  }

  /** A tag list: a JSON array (as a list or as its text) of option values. */
  private static List<String> list(Field field, Object value) {
    Object parsed = value;
    if (value instanceof String text && text.trim().startsWith("[")) {
      try {
        parsed = JSON.readValue(text, new TypeReference<List<Object>>() {});
      } catch (IOException e) {
        throw new InvalidInputException(field.key(), field.what() + "格式无效，应为选项列表");
      }
    } else if (value instanceof String text) {
      parsed = List.of(text.split("[,，、\\s]+"));
    }
    if (!(parsed instanceof List<?> items)) {
      throw new InvalidInputException(field.key(), field.what() + "必须是选项列表，收到" + kind(value));
    }
    List<String> picks = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof String) && !(item instanceof Number)) {
        throw new InvalidInputException(field.key(), field.what() + "中的每一项必须是一个选项，收到" + kind(item));
      }
      if (!item.toString().isBlank()) {
        picks.add(item.toString().trim());
      }
    }
    return picks;
  }

  private static boolean matches(String pattern, String text) {
    try {
      return Pattern.compile(pattern).matcher(text).matches();
    } catch (PatternSyntaxException e) {
      return true; // the form's own pattern is broken: the browser could not have checked it either
    }
  }

  private static boolean blank(Object value) {
    return value == null || (value instanceof String s && s.isBlank());
  }

  /** Whether a read-only field came back as it is: text as text, numbers by value, empty as empty. */
  static boolean same(Object sent, Object current) {
    if (blank(sent) || blank(current)) {
      return blank(sent) && blank(current);
    }
    if (sent instanceof Boolean || current instanceof Boolean) {
      return String.valueOf(sent).equalsIgnoreCase(String.valueOf(current));
    }
    BigDecimal a = number(sent);
    BigDecimal b = number(current);
    if (a != null && b != null) {
      return a.compareTo(b) == 0;
    }
    if (current instanceof java.util.Date date) {
      return sent.toString().startsWith(date.toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().toString());
    }
    return Objects.equals(sent.toString(), current.toString());
  }

  private static BigDecimal number(Object value) {
    if (value instanceof Number || value instanceof String) {
      try {
        return new BigDecimal(value.toString().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** How a value arrived, for a message: 「数字」「是/否」「列表」「对象」. */
  static String kind(Object value) {
    if (value instanceof Number) {
      return "数字";
    }
    if (value instanceof Boolean) {
      return "是/否值";
    }
    if (value instanceof Collection<?>) {
      return "列表";
    }
    if (value instanceof String) {
      return "文本";
    }
    return "对象";
  }
}
