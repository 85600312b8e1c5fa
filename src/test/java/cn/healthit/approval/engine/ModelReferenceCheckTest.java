package cn.healthit.approval.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The deployment check at its boundaries, with a fixed platform: two beans, two groups, one deployed form. */
class ModelReferenceCheckTest {

  static final ModelReferenceCheck.Platform PLATFORM = new ModelReferenceCheck.Platform() {
    @Override public boolean isBean(String name) { return Set.of("zhuhaiDecisionCheck", "tianjinTaskCheck").contains(name); }
    @Override public Set<String> missingGroups(Set<String> ids) {
      Set<String> missing = new HashSet<>(ids);
      missing.removeAll(Set.of("it-division", "zhuhai-unit"));
      return missing;
    }
    @Override public boolean formDeployed(String id, Integer version) { return "deployed-form".equals(id) && (version == null || version == 1); }
    @Override public Set<String> fieldKeys() { return Set.of("amount"); }
    @Override public Optional<String> formFile(String id) { return Optional.of("forms/test/" + id + ".form"); }
  };

  private static final String FORM = """
      {"id": "review", "components": [{"key": "decision", "type": "radio"}, {"type": "group", "components": [{"key": "urgent", "type": "checkbox"}]}]}""";

  private static String model(String inner) {
    return """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="p" isExecutable="true">%s</bpmn:process>
        </bpmn:definitions>""".formatted(inner);
  }

  private static List<String> problems(String inner, boolean withForm) {
    Map<String, byte[]> resources = new LinkedHashMap<>();
    resources.put("m.bpmn", model(inner).getBytes(StandardCharsets.UTF_8));
    if (withForm) {
      resources.put("review.form", FORM.getBytes(StandardCharsets.UTF_8));
    }
    return ModelReferenceCheck.problems(resources, PLATFORM);
  }

  @Test
  void aModelWhoseReferencesExistPasses() {
    assertThat(problems("""
        <bpmn:userTask id="Task_Review" name="审核" camunda:candidateGroups="it-division, ${requestingDepartment}"
            camunda:formRef="review" camunda:formRefBinding="deployment">
          <bpmn:extensionElements><camunda:taskListener event="complete" delegateExpression="${tianjinTaskCheck}"/></bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:userTask id="Task_Latest" name="已部署表单" camunda:candidateGroups="zhuhai-unit" camunda:formRef="deployed-form"/>
        <bpmn:userTask id="Task_Version" name="指定版本" camunda:formRef="deployed-form" camunda:formRefBinding="version" camunda:formRefVersion="1"/>
        <bpmn:callActivity id="Call" calledElement="x"><bpmn:extensionElements><camunda:out source="decision" target="reviewDecision"/></bpmn:extensionElements></bpmn:callActivity>
        <bpmn:sequenceFlow id="Flow_A" sourceRef="a" targetRef="b">
          <bpmn:conditionExpression>${decision == 'APPROVED' &amp;&amp; !urgent &amp;&amp; amount &gt; 0 &amp;&amp; tier == 'MAJOR' &amp;&amp; reviewDecision != 'x.y'}</bpmn:conditionExpression>
        </bpmn:sequenceFlow>""", true)).isEmpty();
  }

  @Test
  void onlyTheBpmnWithDeploymentBoundFormsIsRefusedWithTheFormsToAttach() {
    List<String> problems = problems("""
        <bpmn:startEvent id="Event_Filed" name="提出项目" camunda:formRef="zhuhai-project-start" camunda:formRefBinding="deployment"/>
        <bpmn:userTask id="Task_Review" name="审核" camunda:candidateGroups="it-division" camunda:formRef="review" camunda:formRefBinding="deployment"/>""",
        false);
    assertThat(problems).singleElement().asString().contains("部署对话框", "附加",
        "Event_Filed「提出项目」 → zhuhai-project-start.form（zhuhai-project-start）", "Task_Review「审核」 → review.form（review）");
    assertThat(ModelReferenceCheck.message(problems)).startsWith("部署被拒绝").contains("共 1 个问题", "\n1. ");
    assertThat(problems("<bpmn:userTask id=\"Task_Other\" name=\"其他\" camunda:formRef=\"other\" camunda:formRefBinding=\"deployment\"/>", true))
        .as("forms attached, one missing").containsExactly("模型 m.bpmn 的元素 Task_Other「其他」：表单 other 不在本次部署中"
            + "（formRefBinding=\"deployment\" 要求表单与模型一起部署；Modeler 的部署对话框里附加它）");
  }

  @Test
  void aFormBoundToLatestOrAVersionMustHaveBeenDeployed() {
    assertThat(problems("<bpmn:userTask id=\"Task_L\" name=\"甲\" camunda:formRef=\"never-deployed\"/>", false))
        .singleElement().asString().contains("Task_L「甲」", "never-deployed", "latest");
    assertThat(problems("<bpmn:userTask id=\"Task_V\" name=\"乙\" camunda:formRef=\"deployed-form\" camunda:formRefBinding=\"version\" camunda:formRefVersion=\"2\"/>", false))
        .singleElement().asString().contains("Task_V「乙」", "第 2 版");
  }

  @Test
  void unknownBeansGroupsAndConditionVariablesAreEachNamedWithTheElement() {
    List<String> problems = problems("""
        <bpmn:serviceTask id="Task_Compute" name="计算" camunda:delegateExpression="${noSuchRule}"/>
        <bpmn:userTask id="Task_Review" name="审核" camunda:candidateGroups="it-division,no-such-group" camunda:formRef="review" camunda:formRefBinding="deployment">
          <bpmn:extensionElements><camunda:taskListener event="complete" delegateExpression="${typoCheck}"/></bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:sequenceFlow id="Flow_Big" name="大项目" sourceRef="a" targetRef="b">
          <bpmn:conditionExpression>${budgett &gt; 100 || decision == 'budget'}</bpmn:conditionExpression>
        </bpmn:sequenceFlow>""", true);
    assertThat(problems).containsExactly(
        "模型 m.bpmn 的元素 Task_Compute「计算」：${noSuchRule} 不是平台的委托或监听 Bean（可用的规则见 Modeler 的元素模板）",
        "模型 m.bpmn 的元素 Task_Review「审核」：${typoCheck} 不是平台的委托或监听 Bean（可用的规则见 Modeler 的元素模板）",
        "模型 m.bpmn 的元素 Flow_Big「大项目」：条件读取的变量 budgett 既不是任何表单的字段，也不是平台规则的输出（README「Data dictionary」）",
        "模型 m.bpmn 的元素 Task_Review「审核」：候选组 no-such-group 在组织中不存在（见 Admin → 组，或 src/main/resources/organisation/）");
  }
}
