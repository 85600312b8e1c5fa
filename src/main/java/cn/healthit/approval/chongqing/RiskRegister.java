package cn.healthit.approval.chongqing;

import cn.healthit.approval.input.Values;
import cn.healthit.approval.input.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 002 (七) 项目实施风险告知: the seven risks with probability, impact, level and response, kept with the
 * rollout as a JSON list of maps and reviewed at each monthly summary.
 */
public final class RiskRegister {

  private RiskRegister() {}

  public enum Level {
    HIGH("高"), MEDIUM("中"), LOW("低");

    private final String label;

    Level(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private static Map<String, Object> risk(int no, String type, String content, Level probability, Level impact,
      Level level, String response) {
    Map<String, Object> risk = new LinkedHashMap<>();
    risk.put("no", no);
    risk.put("type", type);
    risk.put("content", content);
    risk.put("probability", probability.name());
    risk.put("impact", impact.name());
    risk.put("level", level.name());
    risk.put("response", response);
    return risk;
  }

  /** The seed's table, as the vendor handed it over. */
  public static List<Map<String, Object>> initial() {
    List<Map<String, Object>> risks = new ArrayList<>();
    risks.add(risk(1, "医院管理", "各科室不予配合、协调困难，导致系统实施严重滞后甚至项目暂停离场", Level.HIGH, Level.HIGH, Level.HIGH,
        "院方做好内部通报，定期召开信息化建设专题会议"));
    risks.add(risk(2, "医院管理", "医院领导及相关部门负责人重视度不够、协调性差，导致整体进度滞后", Level.HIGH, Level.HIGH, Level.MEDIUM,
        "成立可执行的院方项目组，定期召开工作总结会议"));
    risks.add(risk(3, "数据安全", "院方修改、调整、删除基础数据时造成数据丢失或篡改", Level.MEDIUM, Level.HIGH, Level.HIGH,
        "事先告知厂商技术人员，避免误操作导致系统或统计出错"));
    risks.add(risk(4, "资源配置", "信息科参与力度不够，后期不能胜任系统维护", Level.HIGH, Level.HIGH, Level.MEDIUM,
        "信息科技术人员全程参与项目实施，提高后期自身维护能力"));
    risks.add(risk(5, "人员培训", "培训效果不佳、人员不到位，上线后操作问题多", Level.HIGH, Level.HIGH, Level.HIGH,
        "院方建立培训考核机制，专人督促考勤并设置奖惩"));
    risks.add(risk(6, "内部宣传", "宣传不够、沟通不到位，上线后操作不熟悉导致就诊流程混乱", Level.HIGH, Level.HIGH, Level.MEDIUM,
        "正式上线前必须试运行，全院相关人员参加"));
    risks.add(risk(7, "数据录入", "基础数据初始化缓慢，影响实施进度", Level.HIGH, Level.HIGH, Level.MEDIUM,
        "院方成立基础数据初始化小组，严格监督并及时通报"));
    return risks;
  }

  /** Updates one risk's level and response at the monthly summary; refuses an unknown number or level. */
  public static List<Map<String, Object>> update(List<Map<String, Object>> register, int no, String level, String response) {
    Level newLevel;
    try {
      newLevel = Level.valueOf(level);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidInputException("riskLevel", "风险等级（riskLevel）只能是 HIGH、MEDIUM 或 LOW：" + level);
    }
    if (response == null || response.isBlank()) {
      throw new InvalidInputException("riskResponse", "调整风险时须填写应对策略（riskResponse）");
    }
    List<Map<String, Object>> updated = new ArrayList<>();
    boolean found = false;
    for (Map<String, Object> risk : register) {
      Map<String, Object> copy = new LinkedHashMap<>(risk);
      if (Values.integer(risk.get("no"), -1) == no) {
        copy.put("level", newLevel.name());
        copy.put("response", response.trim());
        found = true;
      }
      updated.add(copy);
    }
    if (!found) {
      throw new InvalidInputException("riskNo", "风险登记册中没有序号为 " + no + " 的风险");
    }
    return updated;
  }

  /** The register as Chinese text for forms: one line a risk. */
  public static String text(List<Map<String, Object>> register) {
    StringBuilder out = new StringBuilder();
    for (Map<String, Object> r : register) {
      out.append(r.get("no")).append(". [").append(r.get("type")).append("] ").append(r.get("content"))
          .append(" — 概率").append(Level.valueOf((String) r.get("probability")).label())
          .append("／影响").append(Level.valueOf((String) r.get("impact")).label())
          .append("／等级").append(Level.valueOf((String) r.get("level")).label())
          .append("；应对：").append(r.get("response")).append('\n');
    }
    return out.toString().trim();
  }
}
