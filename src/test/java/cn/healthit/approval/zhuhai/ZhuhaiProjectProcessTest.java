package cn.healthit.approval.zhuhai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import cn.healthit.approval.support.Rest;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** zhuhai-project walked through every branch and loop (seed 004). */
@PlatformTest
class ZhuhaiProjectProcessTest {

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Processes processes;

  @BeforeEach
  void init() {
    processes = Processes.init(engine);
  }

  private ProcessInstance start(Object amount) {
    return processes.start("zhuhai-project", Processes.uniqueKey("ZH"),
        Map.of("projectName", "区域检验结果互认平台", "unitName", "香洲区人民医院", "amount", amount));
  }

  private static Map<String, Object> declaration(boolean selfDefinedCode) {
    Map<String, Object> v = new HashMap<>();
    v.put("standards", "WS 363 卫生信息数据元目录；WS 445 电子病历基本数据集");
    v.put("selfDefinedCode", selfDefinedCode);
    v.put("selfDefinedCodeDescription", selfDefinedCode ? "本院检验项目内部编码" : null);
    v.put("networkPlan", "院内万兆核心，卫生专网 VPN 接入");
    v.put("securityLevel", "LEVEL_3");
    v.put("softwareScope", "检验结果互认接口；不含卫生局统一的区域平台软件");
    return v;
  }

  private static Map<String, Object> decide(String decision, String opinion) {
    Map<String, Object> v = new HashMap<>();
    v.put("decision", decision);
    v.put("opinion", opinion);
    return v;
  }

  private static Map<String, Object> approve(boolean confirmed) {
    Map<String, Object> v = decide("APPROVED", "同意");
    v.put("bureauSoftwareConfirmed", confirmed);
    return v;
  }

  private static Map<String, Object> tender(String supervisionExpiry) {
    Map<String, Object> v = new HashMap<>();
    v.put("awardDate", "2026-11-25");
    v.put("winningBidder", "珠海信息工程公司");
    String[][] units = {{"design", "珠海设计院", "2028-01-01"}, {"construction", "珠海信息工程公司", "2027-06-30"},
        {"supervision", "南方监理公司", supervisionExpiry}, {"tenderAgent", "珠海招标代理公司", "2027-01-01"}};
    for (String[] u : units) {
      v.put(u[0] + "Unit", u[1]);
      v.put(u[0] + "CertificateNo", "CERT-" + u[0]);
      v.put(u[0] + "CertificateIssuer", "广东省住房和城乡建设厅");
      v.put(u[0] + "CertificateExpiry", u[2]);
    }
    return v;
  }

  private void throughFilingTenderAndAcceptance(ProcessInstance p) {
    assertThat(p).isWaitingAt("Task_NetworkPlanFiling", "Task_SecurityLevelReview");
    Map<String, Object> filing = decide("APPROVED", "予以备案");
    filing.put("networkPlanFilingNo", "ZHWS-2026-018");
    processes.complete(p, "Task_NetworkPlanFiling", "zh-superior", filing);
    processes.complete(p, "Task_SecurityLevelReview", "zh-security", decide("APPROVED", "同意第三级"));
    assertThat(p).isWaitingAt("Task_Tender");
    processes.complete(p, "Task_Tender", "zh-unit", tender("2027-03-01"));
    processes.complete(p, "Task_Construction", "zh-unit", Map.of("opinion", "按期完成"));
    processes.complete(p, "Task_Acceptance", "zh-unit", decide("RECTIFY", "接口响应超时"));
    processes.complete(p, "Task_Rectify", "zh-unit", Map.of("rectificationReport", "已优化接口"));
    Map<String, Object> accepted = decide("PASSED", "通过");
    accepted.put("acceptanceStandards", "GB/T 22239-2019；WS/T 447-2014");
    processes.complete(p, "Task_Acceptance", "zh-unit", accepted);
    assertThat(p).isEnded().hasPassed("Event_Accepted", "Task_Rectify");
  }

  @Test
  void exactlyTenThousandYuanGoesToTheLeadingGroupAndIsBuiltAndAccepted() {
    ProcessInstance p = start("100000.00");
    assertThat(processes.variable(p, "leadingGroupApprovalRequired")).isEqualTo(true);
    processes.complete(p, "Task_Declare", "zh-unit", declaration(false));
    processes.complete(p, "Task_OfficeReview", "zh-office", decide("RETURN", "请补充网络方案"));
    assertThat(p).isWaitingAt("Task_Declare");
    processes.complete(p, "Task_Declare", "zh-unit", declaration(false));
    assertThatThrownBy(() -> processes.complete(p, "Task_OfficeReview", "zh-office", Map.of("decision", "RETURN")))
        .as("the earlier return's reason is not this task's reason").hasMessageContaining("opinion");
    processes.complete(p, "Task_OfficeReview", "zh-office", decide("FORWARD", null));
    assertThatThrownBy(() -> processes.complete(p, "Task_LeadingGroupApproval", "zh-leader", approve(false)))
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("第二十二条");
    processes.complete(p, "Task_LeadingGroupApproval", "zh-leader", approve(true));
    throughFilingTenderAndAcceptance(p);
  }

  @Test
  void theLeadingGroupCanRefuse() {
    ProcessInstance p = start(150000);
    processes.complete(p, "Task_Declare", "zh-unit", declaration(false));
    processes.complete(p, "Task_OfficeReview", "zh-office", decide("FORWARD", null));
    assertThatThrownBy(() -> processes.complete(p, "Task_LeadingGroupApproval", "zh-leader", decide("REJECTED", " ")))
        .hasMessageContaining("opinion");
    processes.complete(p, "Task_LeadingGroupApproval", "zh-leader", decide("REJECTED", "与全市总体规划重复"));
    assertThat(p).isEnded().hasPassed("Event_Rejected");
  }

  @Test
  void oneFenBelowIsManagedAndFiledByTheDistrictWithSelfDefinedCodeAndSecurityLoops() {
    ProcessInstance p = start("99999.99");
    assertThat(processes.variable(p, "leadingGroupApprovalRequired")).isEqualTo(false);
    processes.complete(p, "Task_Declare", "zh-unit", declaration(true));
    assertThat(p).isWaitingAt("Task_DistrictFiling");
    assertThatThrownBy(() -> processes.complete(p, "Task_DistrictFiling", "zh-district", approve(false)))
        .hasMessageContaining("bureauSoftwareConfirmed");
    processes.complete(p, "Task_DistrictFiling", "zh-district", approve(true));
    // 004 §12: a self-defined code needs the leading group, whatever the amount
    assertThat(p).isWaitingAt("Task_CodeApproval");
    processes.complete(p, "Task_CodeApproval", "zh-leader", decide("REJECTED", "请采用 WS 445 统一编码"));
    assertThat(p).isWaitingAt("Task_Declare");
    processes.complete(p, "Task_Declare", "zh-unit", declaration(true));
    processes.complete(p, "Task_DistrictFiling", "zh-district", approve(true));
    processes.complete(p, "Task_CodeApproval", "zh-leader", decide("APPROVED", "同意过渡期使用"));
    processes.complete(p, "Task_SecurityLevelReview", "zh-security", decide("REVISE", "涉及居民健康信息，应定为第三级"));
    assertThat(p).isWaitingAt("Task_NetworkPlanFiling", "Task_ReviseSecurityLevel");
    processes.complete(p, "Task_ReviseSecurityLevel", "zh-unit",
        Map.of("securityLevel", "LEVEL_3", "securityLevelReason", "按审核意见调整"));
    assertThat(p).isWaitingAt("Task_NetworkPlanFiling", "Task_SecurityLevelReview");
    throughFilingTenderAndAcceptance(p);
    assertThat(p).hasPassed("Task_CodeApproval", "Task_ReviseSecurityLevel").hasNotPassed("Task_LeadingGroupApproval");
  }

  @Test
  void theDistrictCanRefuseToFile() {
    ProcessInstance p = start(20000);
    processes.complete(p, "Task_Declare", "zh-unit", declaration(false));
    processes.complete(p, "Task_DistrictFiling", "zh-district", decide("REJECTED", "未纳入本区规划"));
    assertThat(p).isEnded().hasPassed("Event_NotFiled");
  }

  @Test
  void anExpiredCertificateBlocksTheAwardThroughRestInTheOneErrorShape() {
    ProcessInstance p = start(30000);
    processes.complete(p, "Task_Declare", "zh-unit", declaration(false));
    processes.complete(p, "Task_DistrictFiling", "zh-district", approve(true));
    Map<String, Object> filing = decide("APPROVED", "予以备案");
    filing.put("networkPlanFilingNo", "ZHWS-2026-019");
    processes.complete(p, "Task_NetworkPlanFiling", "zh-superior", filing);
    processes.complete(p, "Task_SecurityLevelReview", "zh-security", decide("APPROVED", "同意"));
    String taskId = processes.task(p, "Task_Tender").getId();
    Rest unit = Rest.as(port, "zh-unit");
    unit.post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", "zh-unit"));
    Map<String, Object> variables = new HashMap<>();
    tender("2026-11-24").forEach((k, v) -> variables.put(k, Map.of("value", v)));
    Rest.Response refused = unit.post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("field").asText()).isEqualTo("supervisionCertificateExpiry");
    assertThat(refused.json().get("message").asText()).contains("南方监理公司").contains("过期");
    assertThat(p).isWaitingAt("Task_Tender");
  }

  @Test
  void badStartsAreRefusedAndOutsidersCannotWorkTheTasks() {
    assertThatThrownBy(() -> start("-1")).hasMessageContaining("amount）不能为负数");
    assertThatThrownBy(() -> start("100000.001")).hasMessageContaining("两位小数");
    ProcessInstance p = start(100000);
    assertThatThrownBy(() -> processes.complete(p, "Task_Declare", "zh-office", declaration(false)))
        .isInstanceOf(AuthorizationException.class);
    Map<String, Object> incomplete = declaration(true);
    incomplete.put("selfDefinedCodeDescription", "");
    assertThatThrownBy(() -> processes.complete(p, "Task_Declare", "zh-unit", incomplete))
        .hasMessageContaining("selfDefinedCodeDescription");
  }
}
