package cn.healthit.approval.labels;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the forms say about values: each select's, radio's and checklist's options (variable → value →
 * Chinese label) and which variables are amounts (number fields with two decimals, DEVELOPING.md
 * "Forms"), and which display variables ({@code <name>Label}) the forms show. A form is its task's contract and writes each option's text once; the approval record,
 * mails and Tasklist plugins read the same texts from here. Plain Java: fed the parsed form JSON.
 */
public final class FormOptions {

  private final Map<String, Map<String, String>> options = new LinkedHashMap<>();
  private final Set<String> amounts = new TreeSet<>();
  private final Map<String, String> conflicts = new LinkedHashMap<>();
  private final Set<String> displayed = new TreeSet<>();
  private static final java.util.regex.Pattern TEMPLATE_LABEL = java.util.regex.Pattern.compile("\\{\\{\\s*(\\w+)Label\\s*}}");

  public void add(String source, JsonNode form) {
    collect(source, form.path("components"));
  }

  private void collect(String source, JsonNode components) {
    for (JsonNode component : components) {
      if (component.has("components")) {
        collect(source, component.get("components"));
      }
      var template = TEMPLATE_LABEL.matcher(component.path("text").asText(""));
      while (template.find()) {
        displayed.add(template.group(1));
      }
      String key = component.path("key").asText("");
      if (key.endsWith(Labels.SUFFIX) && key.length() > Labels.SUFFIX.length()) {
        displayed.add(key.substring(0, key.length() - Labels.SUFFIX.length()));
      }
      if (key.isEmpty()) {
        continue;
      }
      if (component.path("type").asText().equals("number") && component.path("decimalDigits").asInt(-1) == 2) {
        amounts.add(key);
      }
      for (JsonNode option : component.path("values")) {
        String value = option.path("value").asText();
        String label = option.path("label").asText();
        String earlier = options.computeIfAbsent(key, k -> new LinkedHashMap<>()).putIfAbsent(value, label);
        if (earlier != null && !earlier.equals(label)) {
          conflicts.put(key + "=" + value, source + ": 「" + label + "」 but elsewhere 「" + earlier + "」");
        }
      }
    }
  }

  /** The label of an option, or null when no form names it. */
  public String label(String variable, String value) {
    Map<String, String> byValue = options.get(variable);
    return byValue == null ? null : byValue.get(value);
  }

  public Map<String, Map<String, String>> options() {
    return options;
  }

  public Set<String> amounts() {
    return amounts;
  }

  /** Variables whose display variable ({@code <name>Label}) some form shows, in a field or a text's template. */
  public Set<String> displayed() {
    return displayed;
  }

  /** Options whose value is labelled differently in two forms (variable=value → where). */
  public Map<String, String> conflicts() {
    return conflicts;
  }
}
