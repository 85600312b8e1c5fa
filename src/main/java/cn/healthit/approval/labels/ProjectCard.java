package cn.healthit.approval.labels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a task's card in Tasklist says about its project, so a reviewer with 200 tasks tells them apart at a
 * glance: 项目编号, 项目名称 (or, for a matter without a name, what it is about), 金额 and 发起部门. The eight
 * processes name these facts differently ({@code budget}, {@code investment}, {@code amount}; a department
 * group or a unit's name); the card variables give every task the same four names, which every Tasklist
 * filter shows and searches ({@code organisation.TaskFilters}). Plain Java: the caller supplies the
 * project's variables and {@link Labels#value}.
 */
public final class ProjectCard {

  public static final String NUMBER = "cardNumber";
  public static final String TITLE = "cardTitle";
  public static final String AMOUNT = "cardAmount";
  public static final String DEPARTMENT = "cardDepartment";

  /** The card variables with the label Tasklist shows beside each, in the card's order. */
  public static final Map<String, String> LABELS = labels();

  /** The longest title or department a card shows; longer free text is cut with 「…」. */
  static final int TITLE_LENGTH = 40;

  /** The project's amount, first present wins: Tianjin, Guangzhou, Zhuhai, emergency, a change's cost, Baishan. */
  static final List<String> AMOUNTS = List.of("budget", "investment", "amount", "estimatedCost", "costEstimate",
      "engineeringCost");

  /** Who filed it: a department or unit group, else the unit's or hospital's name as entered. */
  static final List<String> DEPARTMENTS = List.of("requestingDepartment", "constructionUnit", "unitName",
      "submittingUnit", "department", "hospitalName");

  /** A matter without a project name: what the card calls it (prefix) and the variable that says what it is about. */
  private static final Map<String, String[]> UNNAMED = Map.of(
      "tianjin-change-request", new String[] {"变更", "reason"},
      "tianjin-emergency-procurement", new String[] {"应急采购", "description"},
      "chongqing-incident", new String[] {"应急事件", "incidentType"},
      "chongqing-feedback", new String[] {"科室反馈", "issue"},
      "chongqing-flow-change", new String[] {"流程变更", "changeRequest"});

  /** Processes the platform starts for a project (征求意见, {@code actions.Consultations}) carry its card as they were given it. */
  static final java.util.Set<String> CARRIED = java.util.Set.of("approval-consultation");

  private ProjectCard() {}

  private static Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NUMBER, "项目编号");
    labels.put(TITLE, "项目名称");
    labels.put(AMOUNT, "金额");
    labels.put(DEPARTMENT, "发起部门");
    return java.util.Collections.unmodifiableMap(labels);
  }

  /**
   * The card of a project: the variables above that it has a value for (an absent fact is left out, never
   * shown empty).
   *
   * @param processKey the key of the project's top-level process (a called review takes its caller's card)
   * @param businessKey the project's number
   * @param variable the top-level instance's variables by name
   * @param label what a person reads for a variable's value ({@link Labels#value})
   */
  public static Map<String, String> of(String processKey, String businessKey, Function<String, Object> variable,
      BiFunction<String, Object, String> label) {
    Map<String, String> card = new LinkedHashMap<>();
    if (CARRIED.contains(processKey)) {
      LABELS.keySet().forEach(name -> put(card, name, text(variable.apply(name))));
      return card;
    }
    Object changedProject = variable.apply("projectNumber");
    String number = blank(businessKey) ? text(changedProject) : businessKey;
    if ("tianjin-change-request".equals(processKey) && !blank(text(changedProject)) && !text(changedProject).equals(number)) {
      number = number + "（项目 " + text(changedProject) + "）";
    }
    put(card, NUMBER, number);
    put(card, TITLE, title(processKey, variable, label));
    first(AMOUNTS, variable).ifPresent(name -> put(card, AMOUNT, label.apply(name, variable.apply(name))));
    first(DEPARTMENTS, variable).ifPresent(name -> put(card, DEPARTMENT, cut(label.apply(name, variable.apply(name)))));
    return card;
  }

  private static String title(String processKey, Function<String, Object> variable, BiFunction<String, Object, String> label) {
    String name = text(variable.apply("projectName"));
    if (!blank(name)) {
      return cut(name);
    }
    String[] unnamed = UNNAMED.get(processKey);
    if (unnamed == null) {
      return null;
    }
    Object about = variable.apply(unnamed[1]);
    return blank(text(about)) ? unnamed[0] : cut(unnamed[0] + "：" + label.apply(unnamed[1], about));
  }

  private static java.util.Optional<String> first(List<String> names, Function<String, Object> variable) {
    return names.stream().filter(name -> !blank(text(variable.apply(name)))).findFirst();
  }

  static String cut(String text) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.codePointCount(0, oneLine.length()) <= TITLE_LENGTH ? oneLine
        : oneLine.substring(0, oneLine.offsetByCodePoints(0, TITLE_LENGTH - 1)) + "…";
  }

  private static void put(Map<String, String> card, String name, String value) {
    if (!blank(value)) {
      card.put(name, value);
    }
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
