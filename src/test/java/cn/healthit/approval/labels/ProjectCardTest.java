package cn.healthit.approval.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The card of each kind of project: the four facts under the same names, whatever the process calls them. */
class ProjectCardTest {

  /** Stands in for {@link Labels#value}: shows which variable each label came from. */
  private static final BiFunction<String, Object, String> LABEL = (name, value) -> name + "=" + value;

  private static Map<String, String> card(String key, String businessKey, Object... variables) {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < variables.length; i += 2) {
      values.put((String) variables[i], variables[i + 1]);
    }
    return ProjectCard.of(key, businessKey, values::get, LABEL);
  }

  @Test
  void aTianjinProjectShowsItsNumberNameBudgetAndRequestingDepartment() {
    assertThat(card("tianjin-project", "TJ-2026-001", "projectName", "影像归档系统", "budget", "500000.00",
        "requestingDepartment", "dept-radiology"))
        .containsExactly(entry("cardNumber", "TJ-2026-001"), entry("cardTitle", "影像归档系统"),
            entry("cardAmount", "budget=500000.00"), entry("cardDepartment", "requestingDepartment=dept-radiology"));
  }

  @Test
  void eachProcessNamesItsAmountAndDepartmentItsOwnWay() {
    assertThat(card("guangzhou-project", "GZ-1", "projectName", "区域平台", "investment", "9000000.00", "constructionUnit", "gz-unit"))
        .containsEntry("cardAmount", "investment=9000000.00").containsEntry("cardDepartment", "constructionUnit=gz-unit");
    assertThat(card("zhuhai-project", "ZH-1", "projectName", "x", "amount", "100000.00", "unitName", "香洲区人民医院"))
        .containsEntry("cardAmount", "amount=100000.00").containsEntry("cardDepartment", "unitName=香洲区人民医院");
    assertThat(card("baishan-consulting-design", "BS-1", "projectName", "x", "engineeringCost", "1.00", "submittingUnit", "白山市中心医院"))
        .containsEntry("cardAmount", "engineeringCost=1.00").containsEntry("cardDepartment", "submittingUnit=白山市中心医院");
    assertThat(card("chongqing-rollout", "CQ-1", "projectName", "HIS 上线", "hospitalName", "重庆某医院"))
        .containsEntry("cardDepartment", "hospitalName=重庆某医院").doesNotContainKey("cardAmount");
  }

  @Test
  void aMatterWithoutAProjectNameIsCalledByWhatItIsAbout() {
    assertThat(card("tianjin-emergency-procurement", "YJ-1", "trigger", "SAFETY_HAZARD", "description", "核心交换机故障",
        "estimatedCost", "30000.00"))
        .containsEntry("cardTitle", "应急采购：description=核心交换机故障").containsEntry("cardAmount", "estimatedCost=30000.00");
    assertThat(card("chongqing-incident", "SJ-1", "incidentType", "SERVER_DOWN"))
        .containsExactly(entry("cardNumber", "SJ-1"), entry("cardTitle", "应急事件：incidentType=SERVER_DOWN"));
    assertThat(card("chongqing-feedback", "FK-1", "issue", "挂号慢", "department", "儿科"))
        .containsEntry("cardTitle", "科室反馈：issue=挂号慢").containsEntry("cardDepartment", "department=儿科");
    assertThat(card("chongqing-flow-change", "LC-1", "changeRequest", "增加审核节点"))
        .containsEntry("cardTitle", "流程变更：changeRequest=增加审核节点");
    assertThat(card("chongqing-flow-change", "LC-2")).containsEntry("cardTitle", "流程变更");
    assertThat(card("unknown-process", "X-1")).containsExactly(entry("cardNumber", "X-1"));
  }

  @Test
  void aQuestionAskedForAProjectCarriesTheProjectsCardNotItsOwnKey() {
    assertThat(card("approval-consultation", "ZH-1/征求意见-2", "cardNumber", "ZH-1", "cardTitle", "区域平台",
        "cardAmount", "100,000.00 元（10 万元）", "projectNumber", "ZH-1", "question", "是否满足等保三级？"))
        .containsExactly(entry("cardNumber", "ZH-1"), entry("cardTitle", "区域平台"), entry("cardAmount", "100,000.00 元（10 万元）"));
  }

  @Test
  void aChangeNamesItsOwnNumberAndTheProjectsAndShowsTheChangesCost() {
    assertThat(card("tianjin-change-request", "BG-7", "projectNumber", "TJ-2026-001", "reason", "需求调整",
        "contractAmount", "800000.00", "costEstimate", "60000.00"))
        .containsEntry("cardNumber", "BG-7（项目 TJ-2026-001）").containsEntry("cardTitle", "变更：reason=需求调整")
        .containsEntry("cardAmount", "costEstimate=60000.00");
  }

  @Test
  void blankFactsAreLeftOutNeverShownEmpty() {
    assertThat(card("tianjin-project", "TJ-1", "projectName", "  ", "budget", "", "requestingDepartment", null))
        .containsExactly(entry("cardNumber", "TJ-1"));
  }

  @Test
  void aLongTitleIsCutToFortyCharactersOnOneLine() {
    String forty = "一".repeat(40);
    assertThat(card("zhuhai-project", "Z", "projectName", forty)).containsEntry("cardTitle", forty);
    assertThat(card("zhuhai-project", "Z", "projectName", forty + "二")).containsEntry("cardTitle", "一".repeat(39) + "…");
    assertThat(card("zhuhai-project", "Z", "projectName", "第一行\n  第二行")).containsEntry("cardTitle", "第一行 第二行");
    // a unit's name typed as free text is cut the same way
    assertThat(card("zhuhai-project", "Z", "unitName", "区".repeat(41))).containsEntry("cardDepartment", "unitName=" + "区".repeat(30) + "…"); // 9 + 30 + 1 = 40
    // a character outside the basic plane counts as one
    assertThat(ProjectCard.cut("𠀀".repeat(41))).isEqualTo("𠀀".repeat(39) + "…");
  }
}
