package cn.healthit.approval.tianjin.panel;

import cn.healthit.approval.input.Values;
import cn.healthit.approval.input.Inputs;
import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.tianjin.Tier;
import cn.healthit.approval.tianjin.panel.Panel.Member;
import cn.healthit.approval.tianjin.panel.Panel.Outcome;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans of tianjin-technical-review: thin bindings of {@link Panel} to process variables. */
@Configuration
public class PanelDelegates {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom SEEDS = new SecureRandom();

  /** Start: the tier's route, the convenor, and the internal pool without the requesting department. */
  @Bean
  public ExecutionListener tianjinPanelPlan() {
    return execution -> {
      Tier tier = Inputs.requireEnum("tier", "项目级别", execution.getVariable("tier"), Tier.class);
      String department = Inputs.requireText("requestingDepartment", "需求部门", execution.getVariable("requestingDepartment"));
      String category = Inputs.optionalText(execution.getVariable("category"));
      IdentityService identity = execution.getProcessEngineServices().getIdentityService();
      Set<String> excluded = members(identity, department);
      List<Map<String, Object>> pool = new ArrayList<>();
      for (User u : identity.createUserQuery().memberOfGroup("expert-internal").orderByUserId().asc().list()) {
        if (!excluded.contains(u.getId())) {
          pool.add(Map.of("label", u.getFirstName() + "（" + u.getLastName() + "）", "value", u.getId()));
        }
      }
      execution.setVariable("internalPool", pool);
      execution.setVariable("convenorGroup", Panel.generalConvenor(category));
      execution.setVariable("externalCount", Panel.externalNeeded(tier, 0));
    };
  }

  /** The picks of a convening or recommending task: from the pool, distinct; sets how many to draw. */
  @Bean
  public TaskListener tianjinPanelPicks() {
    return task -> {
      Set<String> pool = poolIds(task);
      Tier tier = Tier.valueOf(Values.text(task.getVariable("tier")));
      String key = task.getTaskDefinitionKey();
      if (key.equals("Task_RecommendItDivision") || key.equals("Task_RecommendOffice")) {
        String field = key.equals("Task_RecommendItDivision") ? "itDivisionExpert" : "officeExpert";
        String pick = Inputs.requireText(field, "推荐专家", task.getVariable(field));
        inPool(pool, field, List.of(pick));
        return;
      }
      List<String> picks = strings(task.getVariable("internalMembers"));
      inPool(pool, "internalMembers", picks);
      if (picks.stream().distinct().count() != picks.size()) {
        throw new InvalidInputException("internalMembers", "院内专家不能重复选择");
      }
      if (tier == Tier.GENERAL && picks.size() != Panel.SIZE) {
        throw new InvalidInputException("internalMembers", "一般项目须选择院内5名信息化专业技术人员，已选 " + picks.size() + " 名");
      }
      if (tier == Tier.IMPORTANT && (picks.isEmpty() || picks.size() > Panel.SIZE)) {
        throw new InvalidInputException("internalMembers", "重要项目须选择1至5名院内专家，其余由科教处抽取院外专家，已选 " + picks.size() + " 名");
      }
      task.setVariable("internalMembers", picks);
      task.setVariable("externalCount", Panel.externalNeeded(tier, picks.size()));
    };
  }

  /** 科教处's draw from expert-external: seeded, recorded for audit and replay (pool, seed, time, who). */
  @Bean
  public TaskListener tianjinPanelDraw() {
    return task -> {
      Inputs.requireTrue("drawConfirmed", "抽取确认", Boolean.TRUE.equals(task.getVariable("drawConfirmed")), "须勾选后才能抽取");
      IdentityService identity = task.getProcessEngineServices().getIdentityService();
      Set<String> excluded = members(identity, Values.text(task.getVariable("requestingDepartment")));
      List<String> pool = identity.createUserQuery().memberOfGroup("expert-external").orderByUserId().asc().list()
          .stream().map(User::getId).filter(id -> !excluded.contains(id)).toList();
      int count = Values.integer(task.getVariable("externalCount"), 0);
      long seed = SEEDS.nextLong();
      List<String> drawn = Panel.draw(pool, count, seed);
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("pool", pool);
      record.put("count", count);
      record.put("seed", Long.toString(seed));
      record.put("drawnAt", ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime().toString());
      record.put("drawnBy", task.getAssignee());
      record.put("drawn", drawn);
      task.setVariable("panelDraw", record);
      task.setVariable("externalExperts", drawn);
    };
  }

  /** The five as CONTRACT.md's `panel`, checked against 000 §11.1; the chair is named. */
  @Bean
  public JavaDelegate tianjinPanelCompose() {
    return execution -> {
      Tier tier = Tier.valueOf(Values.text(execution.getVariable("tier")));
      IdentityService identity = execution.getProcessEngineServices().getIdentityService();
      List<Member> panel = Panel.compose(tier, strings(execution.getVariable("internalMembers")),
          Inputs.optionalText(execution.getVariable("itDivisionExpert")), Inputs.optionalText(execution.getVariable("officeExpert")),
          strings(execution.getVariable("externalExperts")), members(identity, Values.text(execution.getVariable("requestingDepartment"))));
      execution.setVariable("panel", Panel.toJson(panel));
      execution.setVariable("panelMembers", panel.stream().map(Member::userId).toList());
      execution.setVariable("panelChair", Panel.chair(panel));
      execution.setVariable("panelText", panel.stream().map(m -> name(identity, m.userId()) + "（" + m.source().label() + "）")
          .collect(Collectors.joining("、")) + "；专家组长：" + name(identity, Panel.chair(panel)));
    };
  }

  /** One member's review: an outcome and a written opinion, kept per member. */
  @Bean
  public TaskListener tianjinPanelReview() {
    return task -> {
      Outcome outcome = Inputs.requireEnum("decision", "评审结论", task.getVariable("decision"), Outcome.class);
      String opinion = Inputs.requireText("opinion", "书面评审意见", task.getVariable("opinion"));
      task.getExecution().getProcessInstance().setVariable("review_" + task.getAssignee(),
          Map.of("userId", task.getAssignee(), "decision", outcome.name(), "opinion", opinion));
    };
  }

  /** 000 §11.2: the verdict stands only if unanimous; the five opinions form the 《技术评价结果》. */
  @Bean
  public JavaDelegate tianjinPanelVerdict() {
    return execution -> {
      IdentityService identity = execution.getProcessEngineServices().getIdentityService();
      Map<String, Outcome> votes = new LinkedHashMap<>();
      StringBuilder evaluation = new StringBuilder("《智慧医院网络安全与信息化建设项目技术评价结果》\n");
      for (String member : strings(execution.getVariable("panelMembers"))) {
        Map<String, Object> review = Values.record(execution.getVariable("review_" + member));
        Outcome outcome = Outcome.valueOf(Values.text(review.get("decision")));
        votes.put(member, outcome);
        evaluation.append("· ").append(name(identity, member)).append("：").append(outcome.label()).append(" — ")
            .append(review.get("opinion")).append('\n');
      }
      Outcome verdict = Panel.unanimous(votes);
      execution.setVariable("panelSplit", verdict == null);
      if (verdict != null) {
        execution.setVariable("reviewOutcome", verdict.name());
        evaluation.append("结论（一致意见）：").append(verdict.label());
      } else {
        evaluation.append("意见存在分歧，由专家组长组织讨论。");
      }
      execution.setVariable("technicalEvaluation", evaluation.toString());
    };
  }

  /** The chair's reconciliation: the outcome, its legal and technical basis, and the dissent not adopted. */
  @Bean
  public TaskListener tianjinPanelReconcile() {
    return task -> {
      Outcome outcome = Inputs.requireEnum("decision", "专家组结论", task.getVariable("decision"), Outcome.class);
      String basis = Inputs.requireText("reconciliationBasis", "依据的法规与技术标准", task.getVariable("reconciliationBasis"));
      String dissent = Inputs.requireText("dissentRecord", "未采纳意见及理由（记录留痕）", task.getVariable("dissentRecord"));
      task.setVariable("reviewOutcome", outcome.name());
      task.setVariable("technicalEvaluation", task.getVariable("technicalEvaluation") + "\n专家组长组织讨论后的结论："
          + outcome.label() + "；依据：" + basis + "\n未采纳的意见（记录留痕）：" + dissent);
    };
  }

  /** Every member signs the 《技术评价结果》. */
  @Bean
  public TaskListener tianjinPanelSign() {
    return task -> Inputs.requireTrue("signed", "签署《技术评价结果》", Boolean.TRUE.equals(task.getVariable("signed")),
        "须勾选确认签署");
  }

  private static Set<String> members(IdentityService identity, String group) {
    return identity.createUserQuery().memberOfGroup(group).list().stream().map(User::getId).collect(Collectors.toSet());
  }

  private static String name(IdentityService identity, String userId) {
    User u = identity.createUserQuery().userId(userId).singleResult();
    return u == null ? userId : u.getFirstName();
  }

  private static Set<String> poolIds(VariableScope scope) {
    return strings(scope.getVariable("internalPool")).stream().collect(Collectors.toSet());
  }

  private static void inPool(Set<String> pool, String field, List<String> picks) {
    for (String pick : picks) {
      if (!pool.contains(pick)) {
        throw new InvalidInputException(field, "“" + pick + "”不在可选的院内专家库中（需求部门人员不能参与评审）");
      }
    }
  }

  /**
   * A list of user ids from a JSON list variable (as Tasklist submits a taglist), a Java list, a
   * comma-separated text, or the pool's {label, value} entries.
   */
  @SuppressWarnings("unchecked")
  static List<String> strings(Object value) {
    if (value == null) {
      return new ArrayList<>();
    }
    if (value instanceof Collection<?> c) {
      List<String> out = new ArrayList<>();
      for (Object o : c) {
        out.add(o instanceof Map<?, ?> m ? String.valueOf(m.get("value")) : String.valueOf(o));
      }
      return out;
    }
    String text = value.toString().trim();
    if (text.startsWith("[")) {
      try {
        return strings(JSON.readValue(text, new TypeReference<List<Object>>() {}));
      } catch (Exception e) {
        throw new InvalidInputException("internalMembers", "专家名单格式无效：" + text);
      }
    }
    List<String> out = new ArrayList<>();
    for (String part : text.split("[,，、\\s]+")) {
      if (!part.isBlank()) {
        out.add(part);
      }
    }
    return out;
  }
}
