package cn.healthit.approval.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * What a deployment's models refer to must exist on this platform — checked before the engine accepts the
 * deployment, whoever sends it (Camunda Modeler's deploy dialog, REST, Cockpit's redeploy, {@link ModelDeployer}),
 * after {@link ModelSafetyCheck}. Every problem is listed, each naming the element's id and name:
 * <ul>
 *   <li>every {@code camunda:formRef} resolves: with {@code formRefBinding="deployment"} to a form with that id in the
 *       same deployment (Modeler deploys only the diagram unless the analyst attaches the .form files — the message
 *       says so); with {@code latest} (the default) or {@code version} to a form in the deployment or deployed before;</li>
 *   <li>every {@code delegateExpression} {@code ${bean}} names a delegate or listener bean ({@link DelegateBeans});</li>
 *   <li>every {@code camunda:candidateGroups} id is a group of the organisation (expressions such as
 *       {@code ${requestingDepartment}} are resolved at run time and pass);</li>
 *   <li>every variable a sequence flow's condition reads is known: a field key of a form in the deployment or of the
 *       platform's forms, a variable the platform writes ({@link PlatformVariables#OUTPUTS}), or one the deployment's
 *       models map in themselves ({@code camunda:in}/{@code camunda:out} target, output parameter).</li>
 * </ul>
 * Plain Java over the XML and the form JSON; what exists is asked of {@link Platform}.
 */
public final class ModelReferenceCheck {

  /** What exists on the running platform. */
  public interface Platform {
    boolean isBean(String name);

    /** The ids among {@code groupIds} that are no group of the organisation. */
    Set<String> missingGroups(Set<String> groupIds);

    /** A form with this id is deployed already ({@code version} null: any version). */
    boolean formDeployed(String formId, Integer version);

    /** Field keys of the forms the platform already has (conditions may read them). */
    Set<String> fieldKeys();

    /** The repository file of the platform's form with this id, e.g. {@code forms/zhuhai/start.form}. */
    Optional<String> formFile(String formId);
  }

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  private static final Pattern BEAN = Pattern.compile("\\$\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}");
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}", Pattern.DOTALL);
  private static final Pattern STRING_LITERAL = Pattern.compile("'(\\\\.|[^'\\\\])*'|\"(\\\\.|[^\"\\\\])*\"");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![.\\w$])[A-Za-z_][A-Za-z0-9_]*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelReferenceCheck() {}

  /** The problems of one deployment (resource name → content); empty when it may be deployed. */
  public static List<String> problems(Map<String, byte[]> resources, Platform platform) {
    List<String> problems = new ArrayList<>();
    Map<String, Set<String>> forms = new LinkedHashMap<>(); // form id → field keys, of this deployment
    resources.forEach((name, bytes) -> {
      if (name.endsWith(".form")) {
        try {
          JsonNode form = JSON.readTree(bytes);
          Set<String> keys = new LinkedHashSet<>();
          form.findValues("key").forEach(k -> keys.add(k.asText()));
          forms.put(form.path("id").asText(), keys);
        } catch (java.io.IOException e) {
          problems.add("表单 " + name + " 不是有效的 Camunda Form（JSON）：" + e.getMessage());
        }
      }
    });
    List<Model> models = new ArrayList<>();
    resources.forEach((name, bytes) -> {
      if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
        models.add(new Model(name, parse(name, bytes)));
      }
    });
    Set<String> known = new TreeSet<>(platform.fieldKeys());
    forms.values().forEach(known::addAll);
    known.addAll(PlatformVariables.OUTPUTS);
    known.addAll(PlatformVariables.BUILT_IN);
    models.forEach(m -> collectMappedVariables(m.document.getDocumentElement(), known));

    Map<String, String> missingDeploymentForms = new LinkedHashMap<>(); // 「where」 → form id
    Map<String, List<String>> groupUses = new LinkedHashMap<>();
    for (Model model : models) {
      walk(model, model.document.getDocumentElement(), forms.keySet(), known, platform, problems, missingDeploymentForms, groupUses);
    }
    if (!groupUses.isEmpty()) {
      Set<String> missing = platform.missingGroups(groupUses.keySet());
      groupUses.forEach((group, uses) -> {
        if (missing.contains(group)) {
          uses.forEach(use -> problems.add(use + "：候选组 " + group + " 在组织中不存在（见 Admin → 组，或 src/main/resources/organisation/）"));
        }
      });
    }
    if (!missingDeploymentForms.isEmpty() && forms.isEmpty()) {
      // Modeler deploys only the diagram unless the analyst attaches the forms: one problem, every form to attach
      List<String> needs = new ArrayList<>();
      missingDeploymentForms.forEach((where, id) -> needs.add(where.substring(where.indexOf(" 的元素 ") + 5) + " → "
          + platform.formFile(id).map(f -> f.substring(f.lastIndexOf('/') + 1) + "（" + id + "）").orElse(id)));
      problems.add(0, "本次部署只有 BPMN 模型，没有表单，而模型用 formRefBinding=\"deployment\" 绑定表单（表单必须与模型一起部署）："
          + "请在 Camunda Modeler 的部署对话框中点「Include additional files」附加这些 .form 文件后再部署 — "
          + String.join("；", needs));
    } else {
      missingDeploymentForms.forEach((where, id) -> problems.add(where + "：表单 " + id
          + " 不在本次部署中（formRefBinding=\"deployment\" 要求表单与模型一起部署；Modeler 的部署对话框里附加它）"));
    }
    return problems;
  }

  /**
   * The form ids the deployment's models bind with {@code formRefBinding="deployment"} but the deployment lacks —
   * for the engine plugin to carry forward what Camunda's duplicate filtering left out.
   */
  public static Set<String> missingDeploymentBoundForms(Map<String, byte[]> resources) {
    Set<String> present = new HashSet<>();
    Set<String> wanted = new TreeSet<>();
    resources.forEach((name, bytes) -> {
      try {
        if (name.endsWith(".form")) {
          present.add(JSON.readTree(bytes).path("id").asText());
        } else if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
          collectDeploymentBound(parse(name, bytes).getDocumentElement(), wanted);
        }
      } catch (java.io.IOException e) {
        // the check proper reports the broken form
      }
    });
    wanted.removeAll(present);
    return wanted;
  }

  private static void collectDeploymentBound(Element element, Set<String> wanted) {
    String ref = element.getAttributeNS(CAMUNDA, "formRef").trim();
    if (!ref.isEmpty() && !ref.contains("{") && "deployment".equals(element.getAttributeNS(CAMUNDA, "formRefBinding"))) {
      wanted.add(ref);
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        collectDeploymentBound(e, wanted);
      }
    }
  }

  /** The one refusal for a deployment with problems: HTTP 400, every problem on its own line. */
  public static String message(List<String> problems) {
    StringBuilder out = new StringBuilder("部署被拒绝，未部署任何内容，正在使用的版本不变。共 " + problems.size() + " 个问题：");
    for (int i = 0; i < problems.size(); i++) {
      out.append('\n').append(i + 1).append(". ").append(problems.get(i));
    }
    return out.toString();
  }

  private record Model(String resource, Document document) {}

  private static void collectMappedVariables(Element element, Set<String> known) {
    if (CAMUNDA.equals(element.getNamespaceURI())) {
      switch (element.getLocalName()) {
        case "in", "out" -> { if (element.hasAttribute("target")) known.add(element.getAttribute("target")); }
        case "outputParameter" -> known.add(element.getAttribute("name"));
        default -> { }
      }
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        collectMappedVariables(e, known);
      }
    }
  }

  private static void walk(Model model, Element element, Set<String> deploymentForms, Set<String> known, Platform platform,
      List<String> problems, Map<String, String> missingDeploymentForms, Map<String, List<String>> groupUses) {
    String ns = element.getNamespaceURI();
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attr = (Attr) attributes.item(i);
      boolean camunda = CAMUNDA.equals(attr.getNamespaceURI()) || (attr.getNamespaceURI() == null && CAMUNDA.equals(ns));
      if (!camunda) {
        continue;
      }
      String value = attr.getValue().trim();
      switch (attr.getLocalName()) {
        case "formRef" -> checkFormRef(model, element, value, deploymentForms, platform, problems, missingDeploymentForms);
        case "delegateExpression" -> {
          Matcher bean = BEAN.matcher(value);
          if (bean.matches() && !platform.isBean(bean.group(1))) {
            problems.add(where(model, element) + "：${" + bean.group(1) + "} 不是平台的委托或监听 Bean（可用的规则见 Modeler 的元素模板）");
          }
        }
        case "candidateGroups" -> {
          for (String group : value.split(",")) {
            String id = group.trim();
            if (!id.isEmpty() && !id.contains("{")) {
              groupUses.computeIfAbsent(id, g -> new ArrayList<>()).add(where(model, element));
            }
          }
        }
        default -> { }
      }
    }
    if (BPMN.equals(ns) && "conditionExpression".equals(element.getLocalName())) {
      Set<String> unknown = new TreeSet<>();
      Matcher expression = EXPRESSION.matcher(element.getTextContent());
      while (expression.find()) {
        Matcher id = IDENTIFIER.matcher(STRING_LITERAL.matcher(expression.group(1)).replaceAll("''"));
        while (id.find()) {
          if (!known.contains(id.group())) {
            unknown.add(id.group());
          }
        }
      }
      if (!unknown.isEmpty()) {
        problems.add(where(model, element) + "：条件读取的变量 " + String.join("、", unknown)
            + " 既不是任何表单的字段，也不是平台规则的输出（README「Data dictionary」）");
      }
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        walk(model, e, deploymentForms, known, platform, problems, missingDeploymentForms, groupUses);
      }
    }
  }

  private static void checkFormRef(Model model, Element element, String formRef, Set<String> deploymentForms, Platform platform,
      List<String> problems, Map<String, String> missingDeploymentForms) {
    if (formRef.isEmpty() || formRef.contains("{") || deploymentForms.contains(formRef)) {
      return;
    }
    String binding = element.getAttributeNS(CAMUNDA, "formRefBinding");
    binding = binding.isEmpty() ? "latest" : binding;
    if ("deployment".equals(binding)) {
      missingDeploymentForms.put(where(model, element), formRef);
      return;
    }
    Integer version = null;
    if ("version".equals(binding)) {
      try {
        version = Integer.valueOf(element.getAttributeNS(CAMUNDA, "formRefVersion").trim());
      } catch (NumberFormatException e) {
        problems.add(where(model, element) + "：formRefBinding=\"version\" 需要一个整数 camunda:formRefVersion");
        return;
      }
    }
    if (!platform.formDeployed(formRef, version)) {
      problems.add(where(model, element) + "：表单 " + formRef + (version == null ? "" : " 第 " + version + " 版")
          + " 既不在本次部署中，也未曾部署（formRefBinding=\"" + binding + "\"）");
    }
  }

  /** 「模型 m.bpmn 的元素 Task_X（名称）」: the nearest element a modeler can find by id, and its name. */
  private static String where(Model model, Element element) {
    for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
      if (!e.getAttribute("id").isEmpty()) {
        String name = e.getAttribute("name").replaceAll("\\s+", " ").trim();
        return "模型 " + model.resource + " 的元素 " + e.getAttribute("id") + (name.isEmpty() ? "" : "「" + name + "」");
      }
    }
    return "模型 " + model.resource;
  }

  private static Document parse(String resourceName, byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (Exception e) {
      throw new cn.healthit.approval.input.InvalidInputException(resourceName,
          "模型 " + resourceName + " 不是有效的 BPMN XML：" + e.getMessage());
    }
  }
}
