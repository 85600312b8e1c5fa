package cn.healthit.approval.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Issue 20: the element templates Camunda Modeler offers analysts (.camunda/element-templates/) match the platform —
 * every delegate and start listener the models use has one, every template names an existing bean. Camunda 7 element
 * templates cannot bind a task listener, so task-listener beans are listed in docs/analysts.md instead; this test holds
 * that list complete too.
 */
@PlatformTest
class ElementTemplatesTest {

  static final String SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
  private static final Pattern SERVICE = Pattern.compile("<bpmn:serviceTask[^>]*camunda:delegateExpression=\"\\$\\{(\\w+)}\"");
  private static final Pattern EXECUTION = Pattern.compile("<camunda:executionListener[^>]*delegateExpression=\"\\$\\{(\\w+)}\"");
  private static final Pattern TASK = Pattern.compile("<camunda:taskListener[^>]*delegateExpression=\"\\$\\{(\\w+)}\"");

  @Autowired ApplicationContext context;

  private static Set<String> used(Pattern pattern) throws IOException {
    Set<String> beans = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        Matcher m = pattern.matcher(Files.readString(file));
        while (m.find()) {
          beans.add(m.group(1));
        }
      }
    }
    return beans;
  }

  private static Map<String, JsonNode> templates() throws IOException {
    Map<String, JsonNode> byBean = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of(".camunda/element-templates"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        for (JsonNode template : new ObjectMapper().readTree(file.toFile())) {
          for (JsonNode property : template.path("properties")) {
            Matcher bean = Pattern.compile("\\$\\{(\\w+)}").matcher(property.path("value").asText());
            if (bean.matches()) {
              assertThat(byBean.put(bean.group(1), template)).as("one template per bean: %s", bean.group(1)).isNull();
            }
          }
        }
      }
    }
    return byBean;
  }

  @Test
  void everyDelegateAndStartListenerTheModelsUseHasATemplateAndEveryTemplateNamesAnExistingBean() throws IOException {
    Map<String, JsonNode> templates = templates();
    Set<String> services = used(SERVICE);
    Set<String> used = new TreeSet<>(services);
    used.addAll(used(EXECUTION));
    assertThat(templates.keySet()).containsAll(used);
    assertThat(new DelegateBeans(context).names()).containsAll(templates.keySet());
    templates.forEach((bean, template) -> {
      assertThat(template.path("$schema").asText()).isEqualTo(SCHEMA);
      assertThat(template.path("id").asText()).isEqualTo("cn.healthit.approval." + bean);
      assertThat(template.path("name").asText()).as(bean).matches(".*[\\u4e00-\\u9fff].*");
      assertThat(template.path("description").asText()).as(bean).contains("SPEC.md", "读取");
      assertThat(template.path("appliesTo")).as(bean).isNotEmpty();
      JsonNode binding = template.path("properties").get(0).path("binding");
      if (services.contains(bean)) {
        assertThat(template.path("appliesTo").get(0).asText()).isEqualTo("bpmn:ServiceTask");
        assertThat(binding.path("name").asText()).isEqualTo("camunda:delegateExpression");
      } else {
        assertThat(binding.path("type").asText()).isEqualTo("camunda:executionListener");
        assertThat(binding.path("implementationType").asText()).isEqualTo("delegateExpression");
      }
    });
  }

  @Test
  void everyTaskListenerTheModelsUseIsListedInTheAnalystsGuide() throws IOException {
    String guide = Files.readString(Path.of("docs/analysts.md"));
    Set<String> beans = new DelegateBeans(context).names();
    for (String bean : used(TASK)) {
      assertThat(guide).as("docs/analysts.md lists %s", bean).contains("`${" + bean + "}`");
      assertThat(beans).contains(bean);
    }
  }
}
