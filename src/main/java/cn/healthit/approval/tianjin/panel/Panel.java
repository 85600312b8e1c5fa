package cn.healthit.approval.tianjin.panel;

import cn.healthit.approval.input.InvalidInputException;
import cn.healthit.approval.tianjin.Tier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** The five-person technical working group of 000 §11.1–§11.2: who sits on it, the draw, the verdict. */
public final class Panel {

  public static final int SIZE = 5;

  private Panel() {}

  /** Where a member comes from (CONTRACT.md `panel[].source`). */
  public enum Source {
    IT_DIVISION("信息处推荐"), SMART_HOSPITAL_OFFICE("智医办推荐"), INTERNAL_STAFF("院内信息化专业技术人员"), EXTERNAL("院外专家（科教处抽取）");

    private final String label;

    Source(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public enum Outcome {
    APPROVED("通过"), APPROVED_AFTER_SUPPLEMENT("补充后通过"), REJECTED("不通过");

    private final String label;

    Outcome(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public record Member(String userId, Source source) {}

  /**
   * 000 §11.1(1): 50万元以下 — 「由信息处或智医办依据项目分类组织」 five internal staff. Reading: for 公共基础设施类
   * 信息处 is itself the requester (000 §3), so 智医办 convenes; for 专用类 信息处 convenes.
   */
  public static String generalConvenor(String category) {
    return "PUBLIC_INFRASTRUCTURE".equals(category) ? "smart-hospital-office" : "it-division";
  }

  /**
   * The panel from the picks and the draw, checked against 000 §11.1 for the tier: MAJOR = 1 recommended by
   * 信息处 + 1 by 智医办 + 3 external; IMPORTANT = internal picks by 智医办 and 信息处 jointly, external drawn
   * by 科教处 when needed, five in all; GENERAL = five internal. Five distinct people, none from the
   * requesting department (the pools exclude them; this checks again).
   */
  public static List<Member> compose(Tier tier, List<String> internal, String itDivisionPick, String officePick,
      List<String> external, Set<String> requestingDepartmentMembers) {
    List<Member> panel = new ArrayList<>();
    switch (tier) {
      case MAJOR -> {
        require(itDivisionPick != null, "itDivisionExpert", "重大项目须由信息处推荐1名专家");
        require(officePick != null, "officeExpert", "重大项目须由智医办推荐1名专家");
        require(external.size() == 3, "externalExperts", "重大项目须由科教处抽取院外3名信息化专家，实际 " + external.size() + " 名");
        panel.add(new Member(itDivisionPick, Source.IT_DIVISION));
        panel.add(new Member(officePick, Source.SMART_HOSPITAL_OFFICE));
      }
      case IMPORTANT -> require(!internal.isEmpty() && internal.size() + external.size() == SIZE, "internalMembers",
          "重要项目由智医办和信息处联合组建5人工作组（院内 " + internal.size() + " 人，院外 " + external.size() + " 人）");
      case GENERAL -> require(internal.size() == SIZE && external.isEmpty(), "internalMembers",
          "一般项目须由院内5名信息化专业技术人员组成工作组，实际 " + internal.size() + " 人");
    }
    if (tier != Tier.MAJOR) {
      internal.forEach(id -> panel.add(new Member(id, Source.INTERNAL_STAFF)));
    }
    external.forEach(id -> panel.add(new Member(id, Source.EXTERNAL)));
    Set<String> seen = new HashSet<>();
    for (Member m : panel) {
      require(seen.add(m.userId()), "panel", "工作组成员不能重复：" + m.userId());
      require(!requestingDepartmentMembers.contains(m.userId()), "panel",
          "需求部门的人员不能担任本项目评审专家：" + m.userId());
    }
    require(panel.size() == SIZE, "panel", "工作组须为5人，实际 " + panel.size() + " 人");
    return panel;
  }

  /** How many external experts 科教处 must draw for the tier and the internal picks. */
  public static int externalNeeded(Tier tier, int internalPicks) {
    return switch (tier) {
      case MAJOR -> 3;
      case IMPORTANT -> Math.max(0, SIZE - internalPicks);
      case GENERAL -> 0;
    };
  }

  /** A draw that anyone can replay: the sorted pool shuffled with the recorded seed, the first {@code count} taken. */
  public static List<String> draw(List<String> pool, int count, long seed) {
    List<String> sorted = new ArrayList<>(pool);
    Collections.sort(sorted);
    if (sorted.size() < count) {
      throw new InvalidInputException("externalExperts",
          "院外专家库可抽取的专家不足：需要 " + count + " 名，库中符合条件的只有 " + sorted.size() + " 名");
    }
    Collections.shuffle(sorted, new Random(seed));
    return List.copyOf(sorted.subList(0, count));
  }

  /**
   * 000 §11.2: 「小组对所评估事项作出科学、一致的意见方为有效」 — the verdict stands only when all five agree;
   * otherwise {@code null} (the chair reconciles).
   */
  public static Outcome unanimous(Map<String, Outcome> votes) {
    require(votes.size() == SIZE, "reviews", "须有5名专家的评审意见，实际 " + votes.size() + " 份");
    Set<Outcome> distinct = new HashSet<>(votes.values());
    return distinct.size() == 1 ? distinct.iterator().next() : null;
  }

  /** The chair (专家组长): the first external expert if any, else the first member (a reading; the seed does not say). */
  public static String chair(List<Member> panel) {
    return panel.stream().filter(m -> m.source() == Source.EXTERNAL).map(Member::userId).findFirst()
        .orElse(panel.get(0).userId());
  }

  /** CONTRACT.md's `panel`: a JSON array of five {userId, source}. */
  public static List<Map<String, Object>> toJson(List<Member> panel) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Member m : panel) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("userId", m.userId());
      entry.put("source", m.source().name());
      out.add(entry);
    }
    return out;
  }

  private static void require(boolean condition, String field, String message) {
    if (!condition) {
      throw new InvalidInputException(field, message);
    }
  }
}
