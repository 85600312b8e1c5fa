package cn.healthit.approval.labels;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.chongqing.ChongqingRules;
import cn.healthit.approval.guangzhou.FinalAcceptanceBy;
import cn.healthit.approval.organisation.Organisation;
import cn.healthit.approval.tianjin.TianjinProjectStartCheck;
import cn.healthit.approval.tianjin.Tier;
import cn.healthit.approval.tianjin.change.RequestSource;
import cn.healthit.approval.tianjin.emergency.EmergencyRoute;
import cn.healthit.approval.tianjin.emergency.Trigger;
import cn.healthit.approval.tianjin.panel.Panel;
import cn.healthit.approval.zhuhai.ZhuhaiRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No form shows a raw id, enum constant or unformatted amount: every form of forms/ is read as Tasklist would
 * render it. Read-only values are shown through display variables ({@code budgetLabel}, …, {@link LabelVariables})
 * or through selects whose options name every constant; read-only context is grouped at the top and hidden while
 * empty, so a step does not show the empty fields of later phases.
 */
class FormLabelsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, JsonNode> FORMS = new LinkedHashMap<>();
  private static FormOptions options;

  /** Enumerations the platform decides or checks in Java: a form that shows one names every constant. */
  private static final Map<String, Class<? extends Enum<?>>> ENUMS = Map.of(
      "tier", Tier.class, "category", TianjinProjectStartCheck.Category.class, "reviewOutcome", Panel.Outcome.class,
      "emergencyRoute", EmergencyRoute.class, "trigger", Trigger.class, "requestSource", RequestSource.class,
      "incidentType", ChongqingRules.IncidentType.class, "securityLevel", ZhuhaiRules.SecurityLevel.class,
      "finalAcceptanceBy", FinalAcceptanceBy.class);

  @BeforeAll
  static void readForms() throws IOException {
    options = new FormOptions();
    try (Stream<Path> files = Files.walk(Path.of("forms"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
        JsonNode form = JSON.readTree(file.toFile());
        FORMS.put(file.toString(), form);
        options.add(file.toString(), form);
      }
    }
    assertThat(FORMS).hasSizeGreaterThan(150);
  }

  private static List<JsonNode> fields(JsonNode components) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode c : components) {
      all.add(c);
      if (c.has("components")) {
        all.addAll(fields(c.get("components")));
      }
    }
    return all;
  }

  private static boolean readOnly(JsonNode c) {
    return c.path("readonly").asBoolean(false) && c.hasNonNull("key");
  }

  @Test
  void noReadOnlyFieldShowsAnIdAnEnumConstantOrARawAmount() {
    Set<String> raw = new TreeSet<>(options.amounts());
    raw.addAll(Labels.PLATFORM_AMOUNTS);
    raw.addAll(Labels.GROUP_VARIABLES);
    raw.addAll(Labels.USER_VARIABLES);
    raw.addAll(options.options().keySet());
    List<String> offenders = new ArrayList<>();
    FORMS.forEach((file, form) -> fields(form.path("components")).stream()
        .filter(FormLabelsTest::readOnly)
        .filter(c -> Set.of("textfield", "textarea", "number").contains(c.path("type").asText()))
        .filter(c -> raw.contains(c.get("key").asText()))
        .forEach(c -> offenders.add(file + ": " + c.get("key").asText() + " (" + c.path("label").asText() + ")")));
    assertThat(offenders).as("read-only text showing an id, enum or raw amount; show <key>Label or a select").isEmpty();
  }

  @Test
  void noTextTemplateShowsAnIdAnEnumConstantOrARawAmount() {
    Set<String> raw = new TreeSet<>(options.amounts());
    raw.addAll(Labels.PLATFORM_AMOUNTS);
    raw.addAll(Labels.GROUP_VARIABLES);
    raw.addAll(Labels.USER_VARIABLES);
    raw.addAll(options.options().keySet());
    raw.removeAll(Set.of("projectName")); // text a person typed
    java.util.regex.Pattern variable = java.util.regex.Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
    List<String> offenders = new ArrayList<>();
    FORMS.forEach((file, form) -> fields(form.path("components")).forEach(c -> {
      var m = variable.matcher(c.path("text").asText(""));
      while (m.find()) {
        if (raw.contains(m.group(1))) {
          offenders.add(file + ": {{" + m.group(1) + "}}");
        }
      }
    }));
    assertThat(offenders).as("text templates showing an id, enum or raw amount; use {{<key>Label}}").isEmpty();
    assertThat(options.displayed()).as("display variables the forms ask for")
        .contains("budget", "investment", "constructionUnit", "requestingDepartment", "changeType", "contractAmount");
  }

  @Test
  void displayVariablesReadAsAPersonReadsThem() {
    Labels labels = new Labels(null, options);
    assertThat(labels.value("changeType", "EXTENSION")).isEqualTo("延长建设周期");
    assertThat(labels.value("investment", "1500000.00")).isEqualTo("1,500,000.00 元（150 万元）");
    assertThat(labels.value("escalated", true)).isEqualTo("是");
    assertThat(labels.value("category", "SPECIALIZED")).isEqualTo("专用类");
    assertThat(labels.value("vendorResponseDue", "2026-11-25T10:15+08:00")).isEqualTo("2026年11月25日 10:15");
    assertThat(labels.value("conditionSince", "2026-11-25T09:30")).isEqualTo("2026年11月25日 09:30");
    assertThat(labels.value("upsShutdownAt", "2026-11-25T06:00:00Z")).isEqualTo("2026年11月25日 14:00");
    assertThat(labels.displayedVariables()).doesNotContain("tier").contains("budget", "constructionUnit", "implementer");
  }

  @Test
  void everyChoiceNamesEachOfItsValuesInChineseAndCoversTheEnumItShows() {
    List<String> problems = new ArrayList<>();
    FORMS.forEach((file, form) -> {
      for (JsonNode c : fields(form.path("components"))) {
        if (!c.has("values")) {
          continue;
        }
        String key = c.path("key").asText();
        Set<String> values = new TreeSet<>();
        for (JsonNode option : c.get("values")) {
          values.add(option.path("value").asText());
          if (!option.path("label").asText().matches(".*\\p{IsHan}.*")) {
            problems.add(file + ": " + key + "=" + option.path("value").asText() + " has no Chinese label");
          }
        }
        if (readOnly(c) && ENUMS.containsKey(key)) {
          Set<String> constants = new TreeSet<>(Arrays.stream(ENUMS.get(key).getEnumConstants()).map(Enum::name).toList());
          if (!values.containsAll(constants)) {
            problems.add(file + ": read-only " + key + " lacks labels for " + constants.stream().filter(v -> !values.contains(v)).toList());
          }
        }
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void readOnlyContextIsGroupedAtTheTopAndHiddenWhileEmpty() {
    List<String> problems = new ArrayList<>();
    FORMS.forEach((file, form) -> {
      JsonNode components = form.path("components");
      for (JsonNode c : components) {
        if (readOnly(c)) {
          problems.add(file + ": read-only " + c.get("key").asText() + " outside the context group");
        }
      }
      JsonNode group = null;
      int index = 0;
      for (JsonNode c : components) {
        if (c.path("type").asText().equals("group") && c.path("id").asText().equals("Group_context")) {
          group = c;
          break;
        }
        if (!c.path("type").asText().equals("text")) {
          index = 99;
        }
      }
      if (group == null) {
        return;
      }
      if (index > 0) {
        problems.add(file + ": the context group is not at the top");
      }
      assertThat(group.path("label").asText()).matches("(项目|事件)信息");
      for (JsonNode c : group.path("components")) {
        if (c.hasNonNull("key") && !c.path("conditional").path("hide").asText().contains(c.path("key").asText() + " = null")) {
          problems.add(file + ": " + c.path("key").asText() + " is not hidden while empty");
        }
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void theFirstTianjinTaskHidesTheReviewsVerdictUntilThereIsOne() {
    JsonNode requirement = FORMS.get(Path.of("forms", "tianjin", "requirement.form").toString());
    Map<String, String> hide = new LinkedHashMap<>();
    fields(requirement.path("components")).forEach(c -> hide.put(c.path("key").asText(), c.path("conditional").path("hide").asText()));
    assertThat(hide.get("reviewOutcome")).isEqualTo("=reviewOutcome = null");
    assertThat(hide.get("technicalEvaluation")).startsWith("=technicalEvaluation = null");
    assertThat(hide).containsKeys("budgetLabel", "requestingDepartmentLabel").doesNotContainKeys("budget", "requestingDepartment");
  }

  @Test
  void theStartFormsOfferTheDepartmentsTheOrganisationNamesUnderTheirNames() throws IOException {
    Organisation organisation = Organisation.load("file:src/main/resources/organisation/*.json");
    for (String[] start : new String[][] {{"tianjin-project", "forms/tianjin/project-start.form"},
        {"guangzhou-project", "forms/guangzhou/project-start.form"}}) {
      Organisation.Requester rule = organisation.requester(start[0]);
      JsonNode field = fields(FORMS.get(Path.of(start[1]).toString()).path("components")).stream()
          .filter(c -> c.path("key").asText().equals(rule.variable())).findFirst().orElseThrow();
      Map<String, String> offered = new LinkedHashMap<>();
      field.get("values").forEach(o -> offered.put(o.get("value").asText(), o.get("label").asText()));
      assertThat(offered.keySet()).as(start[1]).containsExactlyElementsOf(rule.departments());
      offered.forEach((id, label) -> assertThat(label).as(id).isEqualTo(organisation.groupName(id)));
      assertThat(field.path("validate").path("required").asBoolean(false)).as("empty means the starter's own").isFalse();
    }
  }
}
