package cn.healthit.approval.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthit.approval.input.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelSafetyCheckTest {

  private static String model(String inner) {
    return """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="p" isExecutable="true">%s</bpmn:process>
        </bpmn:definitions>""".formatted(inner);
  }

  private static void check(String inner) {
    ModelSafetyCheck.check("m.bpmn", model(inner).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void namedDelegatesAndPlainExpressionsPass() {
    assertThatCode(() -> check("""
        <bpmn:serviceTask id="Task_Tier" camunda:delegateExpression="${tianjinTier}"/>
        <bpmn:sequenceFlow id="f" sourceRef="a" targetRef="b">
          <bpmn:conditionExpression>${tier == 'MAJOR' &amp;&amp; (budget != null || designated)}</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        <bpmn:userTask id="t" camunda:assignee="${panel[loopCounter]}" camunda:dueDate="${reviewDue}"/>
        <bpmn:userTask id="t2" name="a (b) c"><bpmn:documentation>see ${'x(y)'}</bpmn:documentation></bpmn:userTask>
        """)).doesNotThrowAnyException();
  }

  @Test
  void approvalActionsAnAnalystMistypedAreRefusedWithWhatToWrite() {
    String task = """
        <bpmn:userTask id="Task_Review"><bpmn:extensionElements><camunda:properties>
          <camunda:property name="approval.actions" value="%s"/>%s</camunda:properties></bpmn:extensionElements></bpmn:userTask>""";
    assertThatCode(() -> check(task.formatted("return transfer", "<camunda:property name=\"approval.returnTo\" value=\"previous\"/>")))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> check(task.formatted("sendback", ""))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Task_Review").hasMessageContaining("“sendback”不是可用的审批操作");
    assertThatThrownBy(() -> check(task.formatted("return", ""))).hasMessageContaining("approval.returnTo");
  }

  @Test
  void scriptTasksAreRefused() {
    assertThatThrownBy(() -> check("<bpmn:scriptTask id=\"Task_S\" scriptFormat=\"groovy\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Task_S").hasMessageContaining("脚本任务");
  }

  @Test
  void scriptListenersAndScriptConditionsAreRefused() {
    assertThatThrownBy(() -> check("""
        <bpmn:userTask id="Task_L"><bpmn:extensionElements><camunda:taskListener event="create">
          <camunda:script scriptFormat="javascript">x</camunda:script></camunda:taskListener></bpmn:extensionElements></bpmn:userTask>"""))
        .hasMessageContaining("camunda:script");
    assertThatThrownBy(() -> check("""
        <bpmn:sequenceFlow id="Flow_C" sourceRef="a" targetRef="b">
          <bpmn:conditionExpression language="groovy">true</bpmn:conditionExpression></bpmn:sequenceFlow>"""))
        .hasMessageContaining("Flow_C").hasMessageContaining("脚本语言");
  }

  @Test
  void listenersNamingAClassOrAComplexDelegateExpressionAreRefused() {
    // Camunda's own elements carry the attribute without a prefix: <camunda:executionListener class="…">
    assertThatThrownBy(() -> check("""
        <bpmn:endEvent id="Event_E"><bpmn:extensionElements>
          <camunda:executionListener event="start" class="java.lang.Runtime"/></bpmn:extensionElements></bpmn:endEvent>"""))
        .hasMessageContaining("Event_E").hasMessageContaining("camunda:class");
    assertThatThrownBy(() -> check("""
        <bpmn:userTask id="Task_T"><bpmn:extensionElements>
          <camunda:taskListener event="complete" class="com.example.Evil"/></bpmn:extensionElements></bpmn:userTask>"""))
        .hasMessageContaining("Task_T").hasMessageContaining("camunda:class");
    assertThatThrownBy(() -> check("""
        <bpmn:userTask id="Task_D"><bpmn:extensionElements>
          <camunda:taskListener event="complete" delegateExpression="${a[b]}"/></bpmn:extensionElements></bpmn:userTask>"""))
        .hasMessageContaining("delegateExpression");
    assertThatCode(() -> check("""
        <bpmn:userTask id="Task_Ok"><bpmn:extensionElements>
          <camunda:taskListener event="complete" delegateExpression="${tianjinTaskCheck}"/></bpmn:extensionElements></bpmn:userTask>"""))
        .doesNotThrowAnyException();
  }

  @Test
  void classesAndConnectorsAreRefused() {
    assertThatThrownBy(() -> check("<bpmn:serviceTask id=\"Task_C\" camunda:class=\"java.lang.Object\"/>"))
        .hasMessageContaining("camunda:class");
    assertThatThrownBy(() -> check("""
        <bpmn:serviceTask id="Task_H"><bpmn:extensionElements><camunda:connector>
          <camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements></bpmn:serviceTask>"""))
        .hasMessageContaining("camunda:connector");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "${execution.getProcessEngineServices()}",
      "${someBean.doIt()}",
      "${execution.processEngine.name}",
      "${''.class.forName}",
      "#{x.getClass}",
      "${now ()}"})
  void expressionsThatCallMethodsOrReachTheEngineAreRefused(String expression) {
    assertThatThrownBy(() -> check("<bpmn:userTask id=\"Task_X\" camunda:assignee=\"" + expression + "\"/>"))
        .hasMessageContaining("Task_X").hasMessageContaining("表达式不允许");
  }

  @Test
  void delegateExpressionsMustNameABean() {
    assertThatThrownBy(() -> check("<bpmn:serviceTask id=\"Task_D\" camunda:delegateExpression=\"${a.b}\"/>"))
        .hasMessageContaining("只能是 ${Bean名称}");
  }

  @Test
  void doctypesAreRefused() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
    assertThatThrownBy(() -> ModelSafetyCheck.check("x.bpmn", xxe.getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("不是有效的 BPMN XML");
  }
}
