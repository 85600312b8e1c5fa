package cn.healthit.approval.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 退回, 转办 and 委派 through /api as the real groups, at the combinations where peers' platforms break: twice
 * in a row, out of a five-person panel (before and after its first vote), from a called process to its caller's
 * step, by someone not allowed; each asserts the tasks left, the values kept and the record written.
 */
@PlatformTest
class ApprovalActionsTest {

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Processes processes;

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
  }

  private static Map<String, Object> declaration(String networkPlan) {
    Map<String, Object> v = new HashMap<>();
    v.put("standards", "WS 363 卫生信息数据元目录");
    v.put("selfDefinedCode", false);
    v.put("networkPlan", networkPlan);
    v.put("securityLevel", "LEVEL_3");
    v.put("softwareScope", "检验结果互认接口");
    return v;
  }

  private ProcessInstance zhuhaiAtOfficeReview() {
    ProcessInstance p = processes.start("zhuhai-project", Processes.uniqueKey("ZH-RET"),
        Map.of("projectName", "区域检验结果互认平台", "unitName", "香洲区人民医院", "amount", "100000.00"));
    processes.complete(p, "Task_Declare", "zh-unit", declaration("院内万兆核心，卫生专网 VPN 接入"));
    assertThat(p).isWaitingAt("Task_OfficeReview");
    return p;
  }

  private Task only(ProcessInstance p) {
    return engine.getTaskService().createTaskQuery().processInstanceId(p.getId()).singleResult();
  }

  private List<String> kinds(String user, Task task) {
    return Rest.as(port, user).get("/api/tasks/" + task.getId() + "/opinions").json().findValuesAsText("kind");
  }

  @Test
  void aReviewerSendsTheDeclarationBackToWhoFiledItWithTheValuesKeptTwiceInARow() {
    ProcessInstance p = zhuhaiAtOfficeReview();
    Task review = only(p);
    Rest office = Rest.as(port, "zh-office");

    JsonNode offered = office.get("/api/tasks/" + review.getId() + "/actions").json();
    assertThat(offered.get("actions").findValuesAsText("id")).containsExactly("return", "transfer", "delegate", "consult");
    assertThat(offered.get("returnTargets").findValuesAsText("activityId")).containsExactly("Task_Declare");
    assertThat(offered.get("returnTargets").get(0).get("assigneeName").asText()).isEqualTo("朱建华");

    // refused, nothing changed: no opinion, a step the project never passed, someone who is not a candidate
    Rest.Response noOpinion = office.post("/api/tasks/" + review.getId() + "/return", Map.of("target", "Task_Declare", "opinion", " "));
    assertThat(noOpinion.status()).isEqualTo(400);
    assertThat(noOpinion.json().get("field").asText()).isEqualTo("opinion");
    Rest.Response notVisited = office.post("/api/tasks/" + review.getId() + "/return",
        Map.of("target", "Task_LeadingGroupApproval", "opinion", "退回"));
    assertThat(notVisited.status()).isEqualTo(400);
    assertThat(notVisited.json().get("field").asText()).isEqualTo("target");
    assertThat(notVisited.json().get("message").asText()).contains("只能退回到本项目已办理");
    Rest.Response notText = office.post("/api/tasks/" + review.getId() + "/return", Map.of("target", Map.of("id", "Task_Declare"), "opinion", "退回"));
    assertThat(notText.status()).isEqualTo(400);
    assertThat(notText.json().get("field").asText()).isEqualTo("target");
    assertThat(Rest.as(port, "zh-leader").post("/api/tasks/" + review.getId() + "/return",
        Map.of("target", "Task_Declare", "opinion", "退回")).status()).isEqualTo(404);
    assertThat(Rest.as(port, "zh-unit").post("/api/tasks/" + review.getId() + "/return",
        Map.of("target", "Task_Declare", "opinion", "退回")).status()).isIn(403, 404);
    assertThat(p).isWaitingAt("Task_OfficeReview");
    assertThat(engine.getTaskService().getProcessInstanceComments(p.getId())).isEmpty();

    Rest.Response sent = office.post("/api/tasks/" + review.getId() + "/return",
        Map.of("target", "Task_Declare", "opinion", "请补充网络安全方案"));
    assertThat(sent.status()).isEqualTo(200);
    assertThat(sent.json().get("record").asText()).isEqualTo("【退回】梁志远 将“领导小组办公室审核”退回至“填报项目申报材料”（朱建华）：请补充网络安全方案");
    assertThat(p).isWaitingAt("Task_Declare");
    Task again = only(p);
    assertThat(again.getAssignee()).isEqualTo("zh-unit");
    assertThat(processes.variable(p, "networkPlan")).isEqualTo("院内万兆核心，卫生专网 VPN 接入"); // the form opens filled
    assertThat(kinds("zh-unit", again)).containsExactly("RETURN");
    assertThat(engine.getHistoryService().createUserOperationLogQuery().processInstanceId(p.getId())
        .operationType("ModifyProcessInstance").list()).allSatisfy(entry -> {
          assertThat(entry.getUserId()).isEqualTo("zh-office");
          assertThat(entry.getAnnotation()).startsWith("【退回】");
        }).isNotEmpty();

    // the default: after rework the project goes forward through the steps in between again
    processes.complete(again, "zh-unit", declaration("补充了等保三级方案"));
    assertThat(p).isWaitingAt("Task_OfficeReview");
    Task second = only(p);
    assertThat(office.post("/api/tasks/" + second.getId() + "/return", Map.of("target", "Task_Declare", "opinion", "仍缺拓扑图"))
        .status()).isEqualTo(200);
    assertThat(p).isWaitingAt("Task_Declare");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(p.getId()).count()).isEqualTo(1);
    assertThat(kinds("zh-unit", only(p))).containsExactly("RETURN", "RETURN");
  }

  @Test
  void theSubmitterTakesTheDeclarationBackUntilTheNextStepIsClaimed() {
    ProcessInstance p = zhuhaiAtOfficeReview();
    String declared = engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(p.getId())
        .taskDefinitionKey("Task_Declare").finished().singleResult().getId();
    assertThat(Rest.as(port, "zh-office").post("/api/tasks/" + declared + "/withdraw", Map.of()).status()).isEqualTo(404);

    Rest unit = Rest.as(port, "zh-unit");
    Rest.Response back = unit.post("/api/tasks/" + declared + "/withdraw", Map.of("reason", "网络方案附件传错"));
    assertThat(back.status()).isEqualTo(200);
    assertThat(back.json().get("record").asText()).isEqualTo("【撤回】朱建华 撤回了“填报项目申报材料”：网络方案附件传错");
    assertThat(p).isWaitingAt("Task_Declare");
    Task again = only(p);
    assertThat(again.getAssignee()).isEqualTo("zh-unit");
    assertThat(kinds("zh-unit", again)).containsExactly("WITHDRAW");
    // the same submission cannot be taken back twice
    Rest.Response twice = unit.post("/api/tasks/" + declared + "/withdraw", Map.of());
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.json().get("message").asText()).isEqualTo("本次提交的“填报项目申报材料”已撤回过，不能再次撤回");
    assertThat(submission(unit, declared).get("withdrawable").asBoolean()).isFalse();

    processes.complete(again, "zh-unit", declaration("院内万兆核心"));
    Task review = only(p);
    assertThat(Rest.as(port, "zh-office").post("/engine-rest/task/" + review.getId() + "/claim", Map.of("userId", "zh-office")).status())
        .isEqualTo(204);
    Rest.Response late = unit.post("/api/tasks/" + again.getId() + "/withdraw", Map.of());
    assertThat(late.status()).isEqualTo(400);
    assertThat(late.json().get("message").asText()).isEqualTo("下一环节“领导小组办公室审核”已被认领或办理，不能撤回");
    assertThat(p).isWaitingAt("Task_OfficeReview");
    assertThat(only(p).getAssignee()).isEqualTo("zh-office");
  }

  /** The caller's 「我的已办」 row for the completed task, or null when it is not listed. */
  private JsonNode submission(Rest user, String historicTaskId) {
    Rest.Response answer = user.get("/api/my/submissions");
    assertThat(answer.status()).isEqualTo(200);
    for (JsonNode row : answer.json()) {
      if (row.get("taskId").asText().equals(historicTaskId)) {
        return row;
      }
    }
    return null;
  }

  @Test
  void mySubmissionsOfferTheDeclarationToItsSubmitterOnlyAndSayWhyNotOnceTheNextStepIsClaimed() {
    ProcessInstance p = zhuhaiAtOfficeReview();
    String declared = engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(p.getId())
        .taskDefinitionKey("Task_Declare").finished().singleResult().getId();
    Rest unit = Rest.as(port, "zh-unit");
    JsonNode mine = submission(unit, declared);
    assertThat(mine).isNotNull();
    assertThat(mine.get("taskName").asText()).isEqualTo("填报项目申报材料");
    assertThat(mine.get("projectNumber").asText()).isEqualTo(p.getBusinessKey());
    assertThat(mine.get("projectName").asText()).isEqualTo("区域检验结果互认平台");
    assertThat(mine.get("endTime").asText()).isNotBlank();
    assertThat(mine.get("withdrawable").asBoolean()).isTrue();
    assertThat(mine.hasNonNull("reason")).isFalse();
    // newest first: it is the last step zh-unit completed
    assertThat(unit.get("/api/my/submissions").json().get(0).get("taskId").asText()).isEqualTo(declared);
    // only the caller's own
    assertThat(submission(Rest.as(port, "zh-office"), declared)).isNull();

    Task review = only(p);
    assertThat(Rest.as(port, "zh-office").post("/engine-rest/task/" + review.getId() + "/claim", Map.of("userId", "zh-office")).status())
        .isEqualTo(204);
    JsonNode late = submission(unit, declared);
    assertThat(late.get("withdrawable").asBoolean()).isFalse();
    assertThat(late.get("reason").asText()).isEqualTo("下一环节“领导小组办公室审核”已被认领或办理，不能撤回");
    // the same check as 撤回 itself
    Rest.Response refused = unit.post("/api/tasks/" + declared + "/withdraw", Map.of());
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("message").asText()).isEqualTo(late.get("reason").asText());
    assertThat(p).isWaitingAt("Task_OfficeReview");
  }

  @Test
  void aStepWithoutADecisionOffersNoReturnAndTheModelDecidesWhatIsOffered() {
    ProcessInstance p = processes.start("zhuhai-project", Processes.uniqueKey("ZH-RET"),
        Map.of("projectName", "无退回", "unitName", "香洲区人民医院", "amount", "1000.00"));
    Task declare = only(p);
    JsonNode offered = Rest.as(port, "zh-unit").get("/api/tasks/" + declare.getId() + "/actions").json();
    assertThat(offered.get("actions").findValuesAsText("id")).containsExactly("transfer", "delegate", "consult");
    Rest.Response refused = Rest.as(port, "zh-unit").post("/api/tasks/" + declare.getId() + "/return",
        Map.of("target", "Task_Declare", "opinion", "x"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("message").asText()).isEqualTo("流程模型未允许在“填报项目申报材料”环节退回");
    // the only member of the group: nobody to hand over to
    Rest.Response alone = Rest.as(port, "zh-unit").post("/api/tasks/" + declare.getId() + "/transfer", Map.of("userId", "zh-office"));
    assertThat(alone.status()).isEqualTo(400);
    assertThat(alone.json().get("field").asText()).isEqualTo("userId");
    assertThat(only(p).getAssignee()).isNull();
  }

  @Test
  void fromAParallelBranchAReturnKeepsTheSiblingBranchAndNeverGoesIntoIt() {
    ProcessInstance p = zhuhaiAtOfficeReview();
    processes.complete(p, "Task_OfficeReview", "zh-office", Map.of("decision", "FORWARD"));
    Map<String, Object> approve = new HashMap<>(Map.of("decision", "APPROVED", "opinion", "同意", "bureauSoftwareConfirmed", true));
    processes.complete(p, "Task_LeadingGroupApproval", "zh-leader", approve);
    assertThat(p).isWaitingAt("Task_NetworkPlanFiling", "Task_SecurityLevelReview");
    processes.complete(p, "Task_SecurityLevelReview", "zh-security", Map.of("decision", "REVISE", "opinion", "应定为第三级"));
    processes.complete(p, "Task_ReviseSecurityLevel", "zh-unit", Map.of("securityLevel", "LEVEL_3", "securityLevelReason", "按意见调整"));
    Task security = processes.task(p, "Task_SecurityLevelReview");

    // back within its own branch: the network plan filing beside it stays
    Rest authority = Rest.as(port, "zh-security");
    assertThat(authority.post("/api/tasks/" + security.getId() + "/return",
        Map.of("target", "Task_ReviseSecurityLevel", "opinion", "理由不充分")).status()).isEqualTo(200);
    assertThat(p).isWaitingAt("Task_NetworkPlanFiling", "Task_ReviseSecurityLevel");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(p.getId()).count()).isEqualTo(2);
    processes.complete(p, "Task_ReviseSecurityLevel", "zh-unit", Map.of("securityLevel", "LEVEL_3", "securityLevelReason", "补充理由"));

    // the sibling branch's step is never a target (the join would wait for this branch for ever; ReturnRule.leadsBack)
    Map<String, Object> filing = new HashMap<>(Map.of("decision", "APPROVED", "opinion", "予以备案", "networkPlanFilingNo", "ZHWS-2026-018"));
    processes.complete(p, "Task_NetworkPlanFiling", "zh-superior", filing);
    Task again = processes.task(p, "Task_SecurityLevelReview");
    assertThat(authority.get("/api/tasks/" + again.getId() + "/actions").json().get("returnTargets").findValuesAsText("activityId"))
        .containsExactly("Task_ReviseSecurityLevel");
    Rest.Response refused = authority.post("/api/tasks/" + again.getId() + "/return",
        Map.of("target", "Task_NetworkPlanFiling", "opinion", "退回"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("field").asText()).isEqualTo("target");
    assertThat(p).isWaitingAt("Task_SecurityLevelReview");
    processes.complete(again, "zh-security", Map.of("decision", "APPROVED", "opinion", "同意第三级"));
    assertThat(p).isWaitingAt("Task_Tender");
  }

  // ------------------------------------------------------------------ Tianjin: pre-review, the panel, its caller

  private ProcessInstance tianjinAtPreReview() {
    ProcessInstance pi = processes.tianjinAtPreReview("TJ-ACT");
    assertThat(pi).isWaitingAt("Task_PreReview");
    return pi;
  }

  private ProcessInstance panel(ProcessInstance pi) {
    return engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId())
        .processDefinitionKey("tianjin-technical-review").singleResult();
  }

  /** Convenes the panel (whatever the tier asks) until its five review tasks are open. */
  private List<Task> toPanelReview(ProcessInstance pi) {
    processes.complete(pi, "Task_PreReview", "zhiyi", Map.of("decision", "APPROVED", "duplicateChecked", true));
    List<Task> reviews = processes.convenePanel(panel(pi));
    assertThat(reviews).hasSize(5);
    return reviews;
  }

  @Test
  void thePanelSendsTheSubmissionBackToTheCallersStepBeforeAnyVoteAndLeavesNoExpertTaskBehind() {
    ProcessInstance pi = tianjinAtPreReview();
    List<Task> reviews = toPanelReview(pi);
    ProcessInstance panel = panel(pi);
    Task first = reviews.get(0);
    Rest expert = Rest.as(port, first.getAssignee());
    assertThat(expert.get("/api/tasks/" + first.getId() + "/actions").json().get("returnTargets").findValuesAsText("activityId"))
        .contains("Task_PrepareSubmission");

    Rest.Response sent = expert.post("/api/tasks/" + first.getId() + "/return",
        Map.of("target", "Task_PrepareSubmission", "opinion", "可研报告缺少投资估算"));
    assertThat(sent.status()).isEqualTo(200);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(panel.getId()).count()).isZero();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey()).list())
        .extracting(Task::getTaskDefinitionKey, Task::getAssignee).containsExactly(org.assertj.core.groups.Tuple.tuple("Task_PrepareSubmission", "yiwu"));
    assertThat(processes.variable(pi, "submissionSummary")).isEqualTo("可研报告与测试报告");

    // forward again through 智医办's pre-review: the mandatory step is not skipped
    processes.complete(pi, "Task_PrepareSubmission", "yiwu", Map.of("submissionSummary", "补充投资估算"));
    assertThat(pi).isWaitingAt("Task_PreReview");
    List<Task> again = toPanelReview(pi);
    processes.complete(again.get(0), again.get(0).getAssignee(), Map.of("decision", "APPROVED", "opinion", "同意"));

    Task second = again.get(1);
    Rest.Response refused = Rest.as(port, second.getAssignee()).post("/api/tasks/" + second.getId() + "/return",
        Map.of("target", "Task_PrepareSubmission", "opinion", "退回"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("message").asText()).contains("已有 1 人（共 5 人）提交，已开始的表决不能退回");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(panel(pi).getId()).taskDefinitionKey("Task_Review").count())
        .isEqualTo(4);
  }

  @Test
  void transferGoesOnlyToSomeoneOfTheGroupAndADelegateResolvesUnderTheSameFormContract() {
    ProcessInstance pi = tianjinAtPreReview();
    Task pre = only(pi);
    Rest zhiyi = Rest.as(port, "zhiyi");
    assertThat(zhiyi.get("/api/tasks/" + pre.getId() + "/actions").json().get("transferCandidates").findValuesAsText("userId"))
        .contains("exp-in-3").doesNotContain("zhiyi", "xinxi");
    // whom to ask first: the office's colleagues lead the list of everyone
    List<String> askable = zhiyi.get("/api/tasks/" + pre.getId() + "/actions").json().get("consultCandidates").findValuesAsText("userId");
    assertThat(askable.subList(0, 2)).containsExactlyInAnyOrder("exp-in-3", "zhiyi2");
    assertThat(askable).contains("xinxi", "zh-office").doesNotContain("zhiyi");

    Rest.Response outsider = zhiyi.post("/api/tasks/" + pre.getId() + "/transfer", Map.of("userId", "xinxi", "opinion", "请办理"));
    assertThat(outsider.status()).isEqualTo(400);
    assertThat(outsider.json().get("message").asText()).contains("不在“智医办：前置审核”的办理组中");
    assertThat(zhiyi.post("/api/tasks/" + pre.getId() + "/transfer", Map.of("userId", "nobody")).status()).isEqualTo(400);
    assertThat(only(pi).getAssignee()).isNull();

    Rest.Response transferred = zhiyi.post("/api/tasks/" + pre.getId() + "/transfer", Map.of("userId", "exp-in-3", "opinion", "请张工办理"));
    assertThat(transferred.status()).isEqualTo(200);
    assertThat(only(pi).getAssignee()).isEqualTo("exp-in-3");
    // now only the new assignee acts on it
    assertThat(zhiyi.post("/api/tasks/" + pre.getId() + "/transfer", Map.of("userId", "exp-in-3")).status()).isIn(403, 404);

    Rest zhang = Rest.as(port, "exp-in-3");
    assertThat(zhang.post("/api/tasks/" + pre.getId() + "/delegate", Map.of("userId", "zhiyi", "opinion", "请核对重复建设")).status())
        .isEqualTo(200);
    Task delegated = only(pi);
    assertThat(delegated.getDelegationState()).isEqualTo(DelegationState.PENDING);
    assertThat(delegated.getOwner()).isEqualTo("exp-in-3");
    assertThat(delegated.getAssignee()).isEqualTo("zhiyi");
    // the delegate works on it and resolves; sending it back is the owner's decision
    Rest.Response delegateReturns = zhiyi.post("/api/tasks/" + pre.getId() + "/return",
        Map.of("target", "Task_PrepareSubmission", "opinion", "退回"));
    assertThat(delegateReturns.status()).isEqualTo(400);
    assertThat(delegateReturns.json().get("message").asText()).contains("正在委派办理中");
    // the resolve stores only the form's fields
    Rest.Response sneaky = zhiyi.post("/engine-rest/task/" + pre.getId() + "/resolve",
        Map.of("variables", Map.of("duplicateChecked", Map.of("value", true), "budget", Map.of("value", "1.00"))));
    assertThat(sneaky.status()).isEqualTo(400);
    assertThat(zhiyi.post("/engine-rest/task/" + pre.getId() + "/resolve",
        Map.of("variables", Map.of("duplicateChecked", Map.of("value", true)))).status()).isEqualTo(204);
    assertThat(only(pi).getAssignee()).isEqualTo("exp-in-3");
    assertThat(kinds("exp-in-3", only(pi))).containsExactly("TRANSFER", "DELEGATE");
    processes.complete(only(pi), "exp-in-3", Map.of("decision", "APPROVED", "duplicateChecked", true));
    assertThat(pi).isWaitingAt("Call_TechnicalReview");
  }

  @Test
  void fromAGroupStepTwoCalledProcessesDeepAReturnReachesTheCallersStepAndCancelsTheRoundWithItsClockAndQuestions() {
    // 广州: the project calls the declaration, which calls a review round; the round's 局信息办 review is a group step
    ProcessInstance pi = processes.start("guangzhou-project", Processes.uniqueKey("GZ-RET"), Map.of(
        "projectName", "区域全民健康信息平台升级", "investment", "900000.00", "constructionUnit", "construction-unit",
        "important", false));
    processes.complete(pi, "Task_FillPlanDeclaration", "gz-jianshe", Map.of("projectLeader", "梁建生",
        "previousProjects", "2022–2024 年无市财政投资项目", "stamped", true));
    processes.complete(pi, "Task_ConsolidatePlans", "gz-xinxi", Map.of("opinion", "材料齐全，建议报局信息办审核"));
    Task review = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey())
        .taskDefinitionKey("Task_BureauReview").singleResult();
    String round = review.getProcessInstanceId();
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(round).timers().count()).isPositive();
    Rest bureau = Rest.as(port, "gz-juxinxi");
    assertThat(bureau.post("/api/tasks/" + review.getId() + "/consult", Map.of("userIds", List.of("gz-zhuguan"),
        "question", "是否需先征求市财政意见？")).status()).isEqualTo(200);
    assertThat(bureau.get("/api/tasks/" + review.getId() + "/actions").json().get("returnTargets").findValuesAsText("activityId"))
        .containsExactly("Task_ConsolidatePlans");

    Rest.Response sent = bureau.post("/api/tasks/" + review.getId() + "/return",
        Map.of("target", "Task_ConsolidatePlans", "opinion", "初步审查意见未写明投资估算依据"));
    assertThat(sent.status()).isEqualTo(200);
    // the round is gone with its clock and its open question; the caller's step is back for the information centre
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(round).count()).isZero();
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(round).count()).isZero();
    assertThat(consultationOf("gz-zhuguan")).isNull();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey()).list())
        .extracting(Task::getTaskDefinitionKey, Task::getAssignee)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Task_ConsolidatePlans", "gz-xinxi"));
    Task again = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey()).singleResult();
    assertThat(engine.getRuntimeService().getVariable(again.getProcessInstanceId(), "projectLeader")).isEqualTo("梁建生");
    assertThat(kinds("gz-xinxi", again)).containsExactly("OPINION", "CONSULT", "RETURN", "CONSULT");
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();

    // forward again: a new round, with its own clock
    processes.complete(pi, "Task_ConsolidatePlans", "gz-xinxi", Map.of("opinion", "补充了投资估算依据"));
    Task second = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey())
        .taskDefinitionKey("Task_BureauReview").singleResult();
    assertThat(second.getProcessInstanceId()).isNotEqualTo(round);
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(second.getProcessInstanceId()).timers().count())
        .isPositive();
  }

  // ------------------------------------------------------------------ 征求意见（加签）

  private Task consultationOf(String consultee) {
    return engine.getTaskService().createTaskQuery().processDefinitionKey(Consultations.PROCESS_KEY).taskAssignee(consultee)
        .singleResult();
  }

  private long openConsultations(Task asking) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(Consultations.PROCESS_KEY)
        .variableValueEquals("askingTaskId", asking.getId()).count();
  }

  @Test
  void aReviewerAsksColleaguesFirstTheyAnswerInTasklistAndTheAnswerIsAnOpinionBesideTheDecision() {
    ProcessInstance p = zhuhaiAtOfficeReview();
    Task review = only(p);
    Rest office = Rest.as(port, "zh-office");
    String consult = "/api/tasks/" + review.getId() + "/consult";
    JsonNode offered = office.get("/api/tasks/" + review.getId() + "/actions").json();
    assertThat(offered.get("consultCandidates").findValuesAsText("userId")).contains("zh-security", "zh-superior").doesNotContain("zh-office");


    // refused, nothing stored: nobody named, oneself, someone unknown, no question, a list sent as text, not one's task
    for (Map<String, Object> bad : List.<Map<String, Object>>of(
        Map.of("userIds", List.of(), "question", "是否符合等保要求？"),
        Map.of("userIds", List.of("zh-office"), "question", "是否符合等保要求？"),
        Map.of("userIds", List.of("zh-security", "nobody"), "question", "是否符合等保要求？"),
        Map.of("userIds", "zh-security", "question", "是否符合等保要求？"))) {
      Rest.Response refused = office.post(consult, bad);
      assertThat(refused.status()).as("%s", bad).isEqualTo(400);
      assertThat(refused.json().get("field").asText()).isEqualTo("userIds");
    }
    Rest.Response noQuestion = office.post(consult, Map.of("userIds", List.of("zh-security"), "question", " "));
    assertThat(noQuestion.status()).isEqualTo(400);
    assertThat(noQuestion.json().get("field").asText()).isEqualTo("question");
    assertThat(Rest.as(port, "zh-unit").post(consult, Map.of("userIds", List.of("zh-security"), "question", "?")).status())
        .isIn(403, 404);
    assertThat(openConsultations(review)).isZero();
    assertThat(engine.getTaskService().getProcessInstanceComments(p.getId())).isEmpty();

    Rest.Response asked = office.post(consult, Map.of("userIds", List.of("zh-security", "zh-superior"),
        "question", "网络方案是否满足等保三级？"));
    assertThat(asked.status()).isEqualTo(200);
    assertThat(asked.json().get("record").asText())
        .isEqualTo("【征求意见】梁志远 就“领导小组办公室审核”征求 冯安、邓丽 的意见：网络方案是否满足等保三级？");
    assertThat(openConsultations(review)).isEqualTo(2);
    Rest.Response twice = office.post(consult, Map.of("userIds", List.of("zh-security"), "question", "再问一次"));
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.json().get("message").asText()).contains("已向 冯安 征求意见，尚未答复");

    // the asked person's own task: its card names the project, its form contract holds, the answer is required
    Task question = consultationOf("zh-security");
    assertThat(question.getName()).isEqualTo("答复征求意见：领导小组办公室审核");
    Rest security = Rest.as(port, "zh-security");
    JsonNode card = security.get("/api/tasks/cards?ids=" + question.getId()).json().get(0).get("facts");
    assertThat(card.findValuesAsText("value")).contains(p.getBusinessKey(), "区域检验结果互认平台");
    assertThat(security.get("/api/tasks/" + question.getId() + "/opinions").json().get("opinions").findValuesAsText("kind"))
        .containsExactly("CONSULT");
    // nobody starts a question of their own making, nor redirects one to another step
    assertThat(Rest.as(port, "zh-unit").post("/engine-rest/process-definition/key/" + Consultations.PROCESS_KEY + "/start",
        Map.of("businessKey", p.getBusinessKey() + "/x", "variables", Map.of("askingTaskId", Map.of("value", review.getId()),
            "consultee", Map.of("value", "zh-unit")))).status()).isIn(400, 403);
    assertThat(consultationOf("zh-unit")).isNull();
    assertThat(security.post("/engine-rest/task/" + question.getId() + "/variables",
        Map.of("modifications", Map.of("askingTaskId", Map.of("value", "elsewhere")))).status()).isIn(400, 403);
    assertThat(security.put("/engine-rest/task/" + question.getId() + "/variables/askingTaskId", Map.of("value", "elsewhere")).status())
        .isIn(400, 403);
    assertThat(engine.getTaskService().getVariable(question.getId(), "askingTaskId")).isEqualTo(review.getId());
    String complete = "/engine-rest/task/" + question.getId() + "/complete";
    assertThat(security.post(complete, Map.of("variables", Map.of())).status()).isEqualTo(400);
    assertThat(security.post(complete, Map.of("variables", Map.of("answer", Map.of("value", "满足"),
        "decision", Map.of("value", "APPROVED")))).status()).isEqualTo(400);
    assertThat(security.post(complete, Map.of("variables", Map.of("answer", Map.of("value", "满足"),
        "amount", Map.of("value", "1.00")))).status()).isEqualTo(400);
    assertThat(security.post(complete, Map.of("variables", Map.of("answer", Map.of("value", "满足"),
        "question", Map.of("value", "改过的问题")))).status()).isEqualTo(400); // a read-only field of the form
    assertThat(security.post(complete, Map.of("variables", Map.of("answer", Map.of("value", 42)))).status())
        .isEqualTo(400); // a number where text belongs
    assertThat(security.post(complete, Map.of("variables", Map.of("answer", Map.of("value", "满足等保三级，建议补充日志审计"))))
        .status()).isEqualTo(204);
    // an opinion, not the decision: the review still waits for the office, the amount is untouched
    assertThat(p).isWaitingAt("Task_OfficeReview");
    assertThat(processes.variable(p, "amount").toString()).isEqualTo("100000.00");
    assertThat(processes.variable(p, "decision")).isNull();
    List<String> record = engine.getTaskService().getTaskComments(review.getId()).stream().map(c -> c.getFullMessage()).toList();
    assertThat(record).contains("【征求意见】冯安 答复 梁志远 就“领导小组办公室审核”的征求意见：满足等保三级，建议补充日志审计");

    // 撤销 the unanswered one; the tab shows both with their state
    String other = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(Consultations.PROCESS_KEY)
        .variableValueEquals("askingTaskId", review.getId()).singleResult().getId();
    assertThat(security.post("/api/tasks/" + review.getId() + "/consultations/" + other + "/cancel", Map.of()).status())
        .isIn(403, 404);
    assertThat(office.post("/api/tasks/" + review.getId() + "/consultations/" + other + "/cancel", Map.of()).status())
        .isEqualTo(200);
    assertThat(consultationOf("zh-superior")).isNull();
    JsonNode states = office.get("/api/tasks/" + review.getId() + "/actions").json().get("consultations");
    assertThat(states.findValuesAsText("stateLabel")).containsExactly("已答复", "已撤销");
    assertThat(states.get(0).get("answer").asText()).isEqualTo("满足等保三级，建议补充日志审计");
    assertThat(kinds("zh-office", review)).containsExactly("CONSULT", "CONSULT", "CONSULT");

    // 退回 after 加签: the question still open closes with the step, none is left orphaned
    assertThat(office.post(consult, Map.of("userIds", List.of("zh-superior"), "question", "是否需报上级审批？")).status()).isEqualTo(200);
    assertThat(consultationOf("zh-superior")).isNotNull();
    assertThat(office.post("/api/tasks/" + review.getId() + "/return", Map.of("target", "Task_Declare", "opinion", "按意见补充日志审计"))
        .status()).isEqualTo(200);
    assertThat(consultationOf("zh-superior")).isNull();
    assertThat(openConsultations(review)).isZero();
    assertThat(p).isWaitingAt("Task_Declare");
    assertThat(engine.getTaskService().getProcessInstanceComments(p.getId()).stream().map(c -> c.getFullMessage()))
        .contains("【征求意见】“领导小组办公室审核”已结束（退回、撤回或流程终止），未答复的征求意见（邓丽）已关闭");
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();

    // the 审批单: the question and its answer under the step that asked; for an administrator, each question's own part
    String approvalRecord = office.get("/api/projects/" + p.getBusinessKey() + "/record").body();
    assertThat(approvalRecord).contains("【征求意见】梁志远 就“领导小组办公室审核”征求 冯安、邓丽 的意见：网络方案是否满足等保三级？",
        "【征求意见】冯安 答复 梁志远 就“领导小组办公室审核”的征求意见：满足等保三级，建议补充日志审计");
    String full = Rest.as(port, "ops").get("/api/projects/" + p.getBusinessKey() + "/record").body();
    assertThat(full).contains("<th>征求人</th><td>梁志远（领导小组办公室主任）</td>", "<th>答复</th><td>满足等保三级，建议补充日志审计</td>");
  }

  @Test
  void anExpertOfThePanelMayAskButTheAnswerIsNeverAVoteAndTheQuestionClosesWithTheVote() {
    ProcessInstance pi = tianjinAtPreReview();
    List<Task> reviews = toPanelReview(pi);
    Task first = reviews.get(0);
    Rest expert = Rest.as(port, first.getAssignee());
    String outsider = "exp-ex-1".equals(first.getAssignee()) ? "exp-in-8" : "exp-ex-1";
    // a panel step can't be handed over, but its expert may ask
    assertThat(expert.get("/api/tasks/" + first.getId() + "/actions").json().get("actions").findValuesAsText("id"))
        .containsExactly("return", "consult");
    assertThat(expert.post("/api/tasks/" + first.getId() + "/consult", Map.of("userIds", List.of(outsider, "xinxi"),
        "question", "接口方案是否可行？")).status()).isEqualTo(200);
    Task answer = consultationOf(outsider);
    processes.complete(answer, outsider, Map.of("answer", "可行"));
    // five votes still to come: the answer counted for nothing
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(panel(pi).getId()).taskDefinitionKey("Task_Review").count())
        .isEqualTo(5);
    processes.complete(first, first.getAssignee(), Map.of("decision", "APPROVED", "opinion", "同意"));
    assertThat(consultationOf("xinxi")).isNull();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(panel(pi).getId()).taskDefinitionKey("Task_Review").count())
        .isEqualTo(4);
    assertThat(engine.getTaskService().getProcessInstanceComments(panel(pi).getId()).stream().map(c -> c.getFullMessage()))
        .anyMatch(m -> m.startsWith("【征求意见】") && m.contains("已办结") && m.contains("辛熙"));
  }
}
