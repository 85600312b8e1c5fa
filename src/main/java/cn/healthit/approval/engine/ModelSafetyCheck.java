package cn.healthit.approval.engine;

import cn.healthit.approval.input.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * What a deployed BPMN model may ask the server to execute: named delegate beans and plain
 * expressions over process variables — nothing else. Refused, with the element named:
 * <ul>
 *   <li>script tasks, {@code camunda:script} (listeners, input/output), script conditions;</li>
 *   <li>{@code camunda:class} (any class on the class path) and connectors (outbound calls);</li>
 *   <li>{@code camunda:delegateExpression} other than {@code ${beanName}};</li>
 *   <li>expressions that call methods ({@code x.y(...)}, {@code foo(...)}) or reach for the engine
 *       or classes ({@code processEngine}, {@code getClass}, {@code .class}).</li>
 * </ul>
 * Together with {@link DelegateBeans} (which hides every bean but delegates) this keeps a model
 * deployed through REST from carrying code, whoever deployed it. Our own models follow the same rules.
 */
public final class ModelSafetyCheck {

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  private static final Pattern DELEGATE = Pattern.compile("\\$\\{[A-Za-z][A-Za-z0-9]*}");
  private static final Pattern METHOD_CALL = Pattern.compile("[A-Za-z0-9_$\\]]\\s*\\(");
  private static final Pattern FORBIDDEN = Pattern.compile("processEngine|getClass|\\.class\\b|forName|Runtime");
  private static final Pattern STRING_LITERAL = Pattern.compile("'(\\\\.|[^'\\\\])*'|\"(\\\\.|[^\"\\\\])*\"");

  private ModelSafetyCheck() {}

  /** Checks one BPMN resource; throws {@link InvalidInputException} naming the resource and element. */
  public static void check(String resourceName, byte[] xml) {
    Document document = parse(resourceName, xml);
    walk(resourceName, document.getDocumentElement());
  }

  private static void walk(String resource, Element element) {
    String ns = element.getNamespaceURI();
    String name = element.getLocalName();
    if (BPMN.equals(ns) && "scriptTask".equals(name)) {
      refuse(resource, element, "不允许脚本任务（scriptTask）");
    }
    if (BPMN.equals(ns) && "userTask".equals(name)) {
      checkApprovalActions(resource, element);
    }
    if (CAMUNDA.equals(ns) && ("script".equals(name) || "connector".equals(name))) {
      refuse(resource, element, "不允许 camunda:" + name + "（服务器不执行模型携带的脚本或外部调用）");
    }
    if (BPMN.equals(ns) && "conditionExpression".equals(name) && element.hasAttribute("language")) {
      refuse(resource, element, "条件不允许使用脚本语言");
    }
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attr = (Attr) attributes.item(i);
      // camunda:class on a BPMN element, and plain class on Camunda's own elements (<camunda:executionListener class=…>)
      boolean camundaAttribute = CAMUNDA.equals(attr.getNamespaceURI()) || (attr.getNamespaceURI() == null && CAMUNDA.equals(ns));
      if (camundaAttribute) {
        if ("class".equals(attr.getLocalName())) {
          refuse(resource, element, "不允许 camunda:class，请用 camunda:delegateExpression 引用已注册的委托 Bean");
        }
        if ("delegateExpression".equals(attr.getLocalName()) && !DELEGATE.matcher(attr.getValue().trim()).matches()) {
          refuse(resource, element, "camunda:delegateExpression 只能是 ${Bean名称}：" + attr.getValue());
        }
      }
      checkExpression(resource, element, attr.getValue());
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element childElement) {
        walk(resource, childElement);
      } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        checkExpression(resource, element, child.getNodeValue());
      }
    }
  }

  /** A step's approval actions (扩展属性 approval.actions / approval.returnTo) must say something the platform does. */
  private static void checkApprovalActions(String resource, Element userTask) {
    String actions = null;
    String returnTo = null;
    String resubmit = null;
    org.w3c.dom.NodeList properties = userTask.getElementsByTagNameNS(CAMUNDA, "property");
    for (int i = 0; i < properties.getLength(); i++) {
      Element property = (Element) properties.item(i);
      if (cn.healthit.approval.actions.ActionConfig.ACTIONS.equals(property.getAttribute("name"))) {
        actions = property.getAttribute("value");
      } else if (cn.healthit.approval.actions.ActionConfig.RETURN_TO.equals(property.getAttribute("name"))) {
        returnTo = property.getAttribute("value");
      } else if (cn.healthit.approval.actions.ActionConfig.RESUBMIT.equals(property.getAttribute("name"))) {
        resubmit = property.getAttribute("value");
      }
    }
    List<String> problems = new java.util.ArrayList<>(cn.healthit.approval.actions.ActionConfig.problems(actions, returnTo, resubmit));
    if (problems.isEmpty() && resubmit != null && resubmit.contains(cn.healthit.approval.actions.ActionConfig.DIRECT)
        && !hasWayBack(userTask)) {
      problems.add("允许直接送回（" + cn.healthit.approval.actions.ActionConfig.RESUBMIT + "=direct）的环节，须在修改环节之后有一条条件为 ${"
          + cn.healthit.approval.actions.ActionConfig.RESUBMIT_VARIABLE + " == '" + userTask.getAttribute("id")
          + "'} 的顺序流直接回到本环节");
    }
    if (!problems.isEmpty()) {
      refuse(resource, userTask, String.join("；", problems));
    }
  }

  /** Whether a sequence flow of the model tests {@code resubmitTo == '<the step's id>'}: the model's way back to it. */
  private static boolean hasWayBack(Element userTask) {
    java.util.regex.Pattern test = java.util.regex.Pattern.compile(cn.healthit.approval.actions.ActionConfig.RESUBMIT_VARIABLE
        + "\\s*==\\s*['\"]" + java.util.regex.Pattern.quote(userTask.getAttribute("id")) + "['\"]");
    org.w3c.dom.NodeList conditions = userTask.getOwnerDocument().getElementsByTagNameNS(BPMN, "conditionExpression");
    for (int i = 0; i < conditions.getLength(); i++) {
      if (test.matcher(conditions.item(i).getTextContent()).find()) {
        return true;
      }
    }
    return false;
  }

  private static void checkExpression(String resource, Element element, String text) {
    if (text == null || !(text.contains("${") || text.contains("#{"))) {
      return;
    }
    String code = STRING_LITERAL.matcher(text).replaceAll("''");
    if (METHOD_CALL.matcher(code).find() || FORBIDDEN.matcher(code).find()) {
      refuse(resource, element, "表达式不允许调用方法或访问引擎：" + text.trim());
    }
  }

  private static void refuse(String resource, Element element, String reason) {
    String id = "";
    for (Node node = element; node instanceof Element e && id.isEmpty(); node = node.getParentNode()) {
      id = e.getAttribute("id"); // the nearest element a modeler can find by id
    }
    throw new InvalidInputException(resource,
        "模型 " + resource + (id.isEmpty() ? "" : " 的元素 " + id) + " 被拒绝部署：" + reason);
  }

  private static Document parse(String resourceName, byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (Exception e) {
      throw new InvalidInputException(resourceName, "模型 " + resourceName + " 不是有效的 BPMN XML：" + e.getMessage());
    }
  }
}
