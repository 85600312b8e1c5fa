package cn.healthit.approval.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Chinese translation of Camunda's webapps must match the English locale file of the
 * Camunda version on the class path key for key: a missing key shows up as a raw key in the UI,
 * an extra key means Camunda renamed or dropped something we still translate. After a Camunda
 * upgrade this test names exactly the keys to add or remove (docs/webapps-zh.md).
 */
class WebappTranslationTest {

  private static final String BASE = "META-INF/resources/webjars/camunda/app/";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}\\s]+)\\s*}}");
  // real markup only; texts like "<null>" or "<Operation>" are displayed literally and translated
  private static final Pattern TAG = Pattern.compile(
      "(</?(?:a|b|br|code|div|em|i|li|ol|p|span|strong|ul)\\b[^>]*>)", Pattern.CASE_INSENSITIVE);
  private static final Pattern CJK = Pattern.compile("[\\u4e00-\\u9fff]");
  private final ObjectMapper mapper = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void chineseHasExactlyTheEnglishKeys(String app) throws IOException {
    Map<String, JsonNode> en = flatten(read(BASE + app + "/locales/en.json"));
    Map<String, JsonNode> zh = flatten(read(BASE + app + "/locales/zh.json"));

    List<String> missing = new ArrayList<>(en.keySet());
    missing.removeAll(zh.keySet());
    List<String> extra = new ArrayList<>(zh.keySet());
    extra.removeAll(en.keySet());
    assertThat(missing).as(app + ": keys of en.json missing in zh.json").isEmpty();
    assertThat(extra).as(app + ": keys in zh.json that en.json no longer has").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void chineseKeepsPlaceholdersAndMarkupAndIsChinese(String app) throws IOException {
    Map<String, JsonNode> en = flatten(read(BASE + app + "/locales/en.json"));
    Map<String, JsonNode> zh = flatten(read(BASE + app + "/locales/zh.json"));
    int chinese = 0;
    int texts = 0;
    for (Map.Entry<String, JsonNode> e : en.entrySet()) {
      JsonNode z = zh.get(e.getKey());
      if (z == null || !e.getValue().isTextual()) {
        continue;
      }
      String english = e.getValue().asText();
      String translated = z.asText();
      assertThat(all(PLACEHOLDER, translated))
          .as(app + " " + e.getKey() + ": placeholders")
          .isEqualTo(all(PLACEHOLDER, english));
      assertThat(all(TAG, translated)).as(app + " " + e.getKey() + ": HTML tags")
          .isEqualTo(all(TAG, english));
      if (english.chars().filter(Character::isLetter).count() > 3) {
        texts++;
        if (CJK.matcher(translated).find()) {
          chinese++;
        }
      }
    }
    // product names, codes and operators may stay as they are; real text must be Chinese
    assertThat(chinese).as(app + ": share of texts translated into Chinese")
        .isGreaterThan(texts * 9 / 10);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void configMakesChineseTheFallbackAndKeepsEnglish(String app) throws IOException {
    String config = text(BASE + app + "/scripts/config.js");
    assertThat(config).contains("availableLocales: ['zh', 'en']").contains("fallbackLocale: 'zh'");
  }

  private static List<String> all(Pattern p, String s) {
    List<String> found = new ArrayList<>();
    Matcher m = p.matcher(s);
    while (m.find()) {
      found.add(m.group(1));
    }
    found.sort(null);
    return found;
  }

  private JsonNode read(String resource) throws IOException {
    String json = text(resource);
    return mapper.readTree(json.startsWith("\uFEFF") ? json.substring(1) : json);
  }

  private static String text(String resource) throws IOException {
    try (InputStream in = WebappTranslationTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource + " on the class path").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, JsonNode> flatten(JsonNode root) {
    Map<String, JsonNode> out = new TreeMap<>();
    flatten("", root, out);
    return out;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> flatten(prefix + "/" + e.getKey(), e.getValue(), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(prefix + "[" + i + "]", node.get(i), out);
      }
    } else {
      out.put(prefix, node);
    }
  }
}
