package cn.healthit.approval.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.organisation.Organisation.Requester;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequesterRuleTest {

  private static final Requester TIANJIN = new Requester("requestingDepartment", "需求部门",
      List.of("it-division", "dept-nursing", "dept-radiology"), List.of("it-division"));
  private static final Map<String, String> NAMES = Map.of("it-division", "信息处", "dept-nursing", "护理部",
      "dept-radiology", "放射科");

  private static RequesterRule.Decision decide(String chosen, String... groups) {
    return RequesterRule.decide(TIANJIN, chosen, List.of(groups), id -> NAMES.getOrDefault(id, id));
  }

  @Test
  void aMemberOfADepartmentFilesForItAndByDefault() {
    assertThat(decide("dept-radiology", "dept-radiology", "expert-internal").department()).isEqualTo("dept-radiology");
    assertThat(decide(null, "expert-internal", "dept-radiology").department()).isEqualTo("dept-radiology");
    assertThat(decide(" ", "dept-nursing").department()).isEqualTo("dept-nursing");
  }

  @Test
  void aMemberOfADepartmentMayNotFileForAnother() {
    RequesterRule.Decision refused = decide("dept-nursing", "dept-radiology");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.refusal()).contains("需求部门（requestingDepartment）", "放射科", "护理部", "信息处可为任一部门发起");
    assertThat(decide(null, "expert-internal").refusal()).contains("请选择需求部门");
    assertThat(decide("dept-nowhere", "it-division").refusal()).contains("不是可申报项目的部门");
  }

  @Test
  void thePlanningOfficeFilesForAnyDepartment() {
    assertThat(decide("dept-nursing", "it-division").department()).isEqualTo("dept-nursing");
    assertThat(decide("dept-radiology", "it-division").department()).isEqualTo("dept-radiology");
    assertThat(decide(null, "it-division").department()).isEqualTo("it-division");
  }
}
