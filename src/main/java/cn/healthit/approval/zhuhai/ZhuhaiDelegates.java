package cn.healthit.approval.zhuhai;

import cn.healthit.approval.engine.OpinionCommentParseListener;
import cn.healthit.approval.input.Inputs;
import cn.healthit.approval.money.Money;
import cn.healthit.approval.zhuhai.ZhuhaiRules.Certificate;
import cn.healthit.approval.zhuhai.ZhuhaiRules.SecurityLevel;
import cn.healthit.approval.zhuhai.ZhuhaiRules.UnitRole;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The thin beans zhuhai-project calls: read variables, call {@link ZhuhaiRules}, write variables. */
@Configuration
public class ZhuhaiDelegates {

  /** Start: the project as filed; sets {@code leadingGroupApprovalRequired} (004 §9). */
  @Bean
  public ExecutionListener zhuhaiProjectIntake() {
    return execution -> {
      Inputs.requireText("projectName", "项目名称", execution.getVariable("projectName"));
      Inputs.requireText("unitName", "建设单位", execution.getVariable("unitName"));
      BigDecimal amount = Money.parse("amount", "项目金额", execution.getVariable("amount"));
      execution.setVariable("amount", Money.format(amount));
      execution.setVariable("leadingGroupApprovalRequired", ZhuhaiRules.leadingGroupApprovalRequired(amount));
    };
  }

  /** The declaration: standards (§12), network plan (§16), security level (§18), software reuse (§22). */
  @Bean
  public TaskListener zhuhaiDeclarationCheck() {
    return task -> {
      Inputs.requireText("standards", "执行的信息标准", task.getVariable("standards"));
      boolean selfDefined = Inputs.requireBoolean("selfDefinedCode", "是否使用自定信息标准（信息代码）",
          task.getVariable("selfDefinedCode"));
      if (selfDefined) {
        Inputs.requireText("selfDefinedCodeDescription", "自定信息标准说明", task.getVariable("selfDefinedCodeDescription"));
      }
      Inputs.requireText("networkPlan", "网络规划与建设方案", task.getVariable("networkPlan"));
      Inputs.requireEnum("securityLevel", "信息系统安全保护等级", task.getVariable("securityLevel"), SecurityLevel.class);
      Inputs.requireText("softwareScope", "应用软件建设内容", task.getVariable("softwareScope"));
    };
  }

  /** A decision task: the decision is one of the task's outcomes; a negative one needs a reason. */
  @Bean
  public TaskListener zhuhaiDecisionCheck() {
    return task -> decision(task, Set.of("APPROVED", "FORWARD", "PASSED"), Set.of("APPROVED", "FORWARD", "PASSED",
        "REJECTED", "RETURN", "REVISE", "RECTIFY"));
  }

  /**
   * Approval by the leading group or filing by the district (004 §9, §10), both after confirming
   * that software the health bureau already provides is used, not developed again (004 §22).
   */
  @Bean
  public TaskListener zhuhaiApprovalCheck() {
    return task -> {
      String decision = decision(task, Set.of("APPROVED"), Set.of("APPROVED", "REJECTED"));
      if ("APPROVED".equals(decision)) {
        Inputs.requireTrue("bureauSoftwareConfirmed", "不重复开发卫生局统一软件的确认",
            Boolean.TRUE.equals(task.getVariable("bureauSoftwareConfirmed")),
            "必须勾选：卫生局统一开发使用的应用软件应推广使用，不得另行开发（004 第二十二条）");
      }
    };
  }

  /** The unit's revised security level, after the reviewing department asked for a change (004 §18). */
  @Bean
  public TaskListener zhuhaiRevisedLevelCheck() {
    return task -> {
      Inputs.requireEnum("securityLevel", "信息系统安全保护等级", task.getVariable("securityLevel"), SecurityLevel.class);
      Inputs.requireText("securityLevelReason", "定级理由", task.getVariable("securityLevelReason"));
    };
  }

  /** The tender: the award date and the four units' certificates (004 §11). */
  @Bean
  public TaskListener zhuhaiTenderCheck() {
    return task -> {
      LocalDate awardDate = Inputs.date("awardDate", "定标日期", task.getVariable("awardDate"), true);
      Inputs.requireText("winningBidder", "中标单位", task.getVariable("winningBidder"));
      List<Certificate> certificates = new ArrayList<>();
      for (UnitRole role : UnitRole.values()) {
        certificates.add(new Certificate(role, Inputs.optionalText(task.getVariable(role.field("Unit"))),
            Inputs.optionalText(task.getVariable(role.field("CertificateNo"))),
            Inputs.optionalText(task.getVariable(role.field("CertificateIssuer"))),
            Inputs.date(role.field("CertificateExpiry"), role.label() + "资质证书有效期",
                task.getVariable(role.field("CertificateExpiry")), false)));
      }
      ZhuhaiRules.checkQualifications(certificates, awardDate);
    };
  }

  /** Acceptance per national and industry standards (004 §13): the standards applied are named. */
  @Bean
  public TaskListener zhuhaiAcceptanceCheck() {
    return task -> {
      String decision = decision(task, Set.of("PASSED"), Set.of("PASSED", "RECTIFY"));
      if ("PASSED".equals(decision)) {
        Inputs.requireText("acceptanceStandards", "验收依据的国家和行业标准", task.getVariable("acceptanceStandards"));
      }
    };
  }

  private static String decision(DelegateTask task, Set<String> positive, Set<String> allowed) {
    Set<String> needingReason = new java.util.HashSet<>(allowed);
    needingReason.removeAll(positive);
    return Inputs.decision("decision", task.getVariable("decision"), allowed, needingReason, "opinion", OpinionCommentParseListener.freshOpinion(task));
  }

}
