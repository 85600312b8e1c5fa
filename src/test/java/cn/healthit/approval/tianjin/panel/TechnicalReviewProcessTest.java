package cn.healthit.approval.tianjin.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** tianjin-technical-review: each tier's composition, the draw, unanimity and the chair's reconciliation (000 §11). */
@PlatformTest
class TechnicalReviewProcessTest {

  @Autowired ProcessEngine engine;
  Processes processes;

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
  }

  private ProcessInstance start(String tier, String category, String department) {
    return processes.startCalled("tianjin-technical-review", Processes.uniqueKey("TJ-PANEL"), Map.of("projectName", "智慧药房",
        "budget", "600000.00", "tier", tier, "category", category, "requestingDepartment", department));
  }

  @SuppressWarnings("unchecked")
  private List<String> members(ProcessInstance p) {
    return (List<String>) processes.variable(p, "panelMembers");
  }

  private void allReview(ProcessInstance p, String... decisions) {
    List<String> members = members(p);
    for (int i = 0; i < members.size(); i++) {
      String member = members.get(i);
      Task task = engine.getTaskService().createTaskQuery().processInstanceId(p.getId()).taskAssignee(member)
          .taskDefinitionKey("Task_Review").singleResult();
      processes.complete(task, member, Map.of("decision", decisions[Math.min(i, decisions.length - 1)], "opinion", "意见" + i));
    }
  }

  private void allSign(ProcessInstance p) {
    for (String member : members(p)) {
      Task task = engine.getTaskService().createTaskQuery().processInstanceId(p.getId()).taskAssignee(member)
          .taskDefinitionKey("Task_Sign").singleResult();
      processes.complete(task, member, Map.of("signed", true));
    }
  }

  @Test
  void aMajorProjectGetsOneRecommendationFromEachOfficeAndThreeDrawnExternals() {
    ProcessInstance p = start("MAJOR", "SPECIALIZED", "dept-radiology");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> pool = (List<Map<String, Object>>) processes.variable(p, "internalPool");
    assertThat(pool).extracting(m -> m.get("value")).doesNotContain("exp-in-4").contains("exp-in-1", "exp-in-3");
    assertThatThrownBy(() -> processes.complete(p, "Task_RecommendItDivision", "xinxi", Map.of("itDivisionExpert", "exp-in-4")))
        .hasMessageContaining("可选");
    processes.complete(p, "Task_RecommendItDivision", "xinxi", Map.of("itDivisionExpert", "exp-in-1"));
    processes.complete(p, "Task_RecommendOffice", "zhiyi", Map.of("officeExpert", "exp-in-3"));
    assertThatThrownBy(() -> processes.complete(p, "Task_DrawExternal", "kejiao", Map.of("drawConfirmed", false)))
        .hasMessageContaining("drawConfirmed");
    processes.complete(p, "Task_DrawExternal", "kejiao", Map.of("drawConfirmed", true));
    @SuppressWarnings("unchecked")
    Map<String, Object> draw = (Map<String, Object>) processes.variable(p, "panelDraw");
    assertThat(draw).containsEntry("drawnBy", "kejiao").containsEntry("count", 3);
    @SuppressWarnings("unchecked")
    List<String> drawPool = (List<String>) draw.get("pool");
    assertThat(Panel.draw(drawPool, 3, Long.parseLong((String) draw.get("seed")))).isEqualTo(draw.get("drawn"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> panel = (List<Map<String, Object>>) processes.variable(p, "panel");
    assertThat(panel).extracting(m -> m.get("source"))
        .containsExactly("IT_DIVISION", "SMART_HOSPITAL_OFFICE", "EXTERNAL", "EXTERNAL", "EXTERNAL");
    assertThat(members(p)).doesNotHaveDuplicates().hasSize(5);
    assertThat(processes.variable(p, "panelChair")).isEqualTo(members(p).get(2));

    allReview(p, "APPROVED");
    assertThat(processes.variable(p, "reviewOutcome")).isEqualTo("APPROVED");
    assertThat((String) processes.variable(p, "technicalEvaluation")).contains("结论（一致意见）：通过");
    allSign(p);
    assertThat(p).isEnded().hasNotPassed("Task_ChairReconcile");
  }

  @Test
  void aSplitGoesToTheChairAndTheDissentStaysOnRecord() {
    ProcessInstance p = start("GENERAL", "SPECIALIZED", "dept-laboratory");
    Task convene = processes.task(p, "Task_ConveneInternal");
    assertThat(engine.getTaskService().getIdentityLinksForTask(convene.getId())).extracting(l -> l.getGroupId())
        .contains("it-division");
    assertThatThrownBy(() -> processes.complete(convene, "xinxi", Map.of("internalMembers", List.of("exp-in-1", "exp-in-5"))))
        .hasMessageContaining("可选"); // exp-in-5 is in 检验科, the requester
    assertThatThrownBy(() -> processes.complete(convene, "xinxi", Map.of("internalMembers", List.of("exp-in-1", "exp-in-2"))))
        .hasMessageContaining("院内5名");
    processes.complete(convene, "xinxi", Map.of("internalMembers", List.of("exp-in-1", "exp-in-2", "exp-in-3", "exp-in-4", "exp-in-6")));
    assertThat(p).hasNotPassed("Task_DrawExternal");
    assertThat(processes.variable(p, "panelChair")).isEqualTo("exp-in-1");
    allReview(p, "APPROVED", "APPROVED", "APPROVED", "APPROVED", "REJECTED");
    assertThat(processes.variable(p, "reviewOutcome")).isNull();
    Task reconcile = processes.task(p, "Task_ChairReconcile");
    assertThat(reconcile.getAssignee()).isEqualTo("exp-in-1");
    Map<String, Object> reconciliation = new HashMap<>(Map.of("decision", "APPROVED_AFTER_SUPPLEMENT",
        "reconciliationBasis", "GB/T 22239-2019 第三级要求"));
    assertThatThrownBy(() -> processes.complete(reconcile, "exp-in-1", reconciliation)).hasMessageContaining("dissentRecord");
    reconciliation.put("dissentRecord", "杨帆：认为应不通过（无规范依据，不予采纳）");
    processes.complete(reconcile, "exp-in-1", reconciliation);
    assertThat(processes.variable(p, "reviewOutcome")).isEqualTo("APPROVED_AFTER_SUPPLEMENT");
    assertThat((String) processes.variable(p, "technicalEvaluation")).contains("不予采纳").contains("意见4");
    allSign(p);
    assertThat(p).isEnded().hasPassed("Task_ChairReconcile");
  }

  @Test
  void anImportantPanelDrawsOnlyWhatTheJointPicksLeaveOpenAndCanReject() {
    ProcessInstance p = start("IMPORTANT", "PUBLIC_INFRASTRUCTURE", "it-division");
    assertThatThrownBy(() -> processes.complete(p, "Task_JointConvene", "zhiyi", Map.of("internalMembers", List.of("exp-in-1"))))
        .hasMessageContaining("可选"); // 信息处 itself is the requester
    processes.complete(p, "Task_JointConvene", "zhiyi", Map.of("internalMembers", "[\"exp-in-3\",\"exp-in-4\",\"exp-in-6\"]"));
    assertThat(processes.variable(p, "externalCount")).isEqualTo(2);
    processes.complete(p, "Task_DrawExternal", "kejiao", Map.of("drawConfirmed", true));
    allReview(p, "REJECTED");
    assertThat(processes.variable(p, "reviewOutcome")).isEqualTo("REJECTED");
    allSign(p);
    assertThat(p).isEnded();
  }

  @Test
  void anImportantPanelOfFiveInternalsNeedsNoDrawAndOnlyMembersReview() {
    ProcessInstance p = start("IMPORTANT", "SPECIALIZED", "dept-nursing");
    processes.complete(p, "Task_JointConvene", "xinxi2",
        Map.of("internalMembers", List.of("exp-in-1", "exp-in-2", "exp-in-3", "exp-in-4", "exp-in-5")));
    assertThat(p).isWaitingAt("Task_Review").hasNotPassed("Task_DrawExternal");
    Task someones = engine.getTaskService().createTaskQuery().processInstanceId(p.getId()).taskAssignee("exp-in-2").singleResult();
    assertThatThrownBy(() -> processes.complete(someones, "exp-in-8", Map.of("decision", "APPROVED", "opinion", "x")))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> processes.complete(someones, "exp-in-2", Map.of("decision", "APPROVED", "opinion", " ")))
        .hasMessageContaining("书面评审意见");
    allReview(p, "APPROVED_AFTER_SUPPLEMENT");
    assertThat(processes.variable(p, "reviewOutcome")).isEqualTo("APPROVED_AFTER_SUPPLEMENT");
  }
}
