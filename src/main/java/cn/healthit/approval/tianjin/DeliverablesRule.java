package cn.healthit.approval.tianjin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * 000 §16(四): final acceptance needs the trial-run user report and a complete deliverables
 * catalogue (hardware: barcodes and matching site photos; software: ownership statement, code,
 * manual, data-structure and database docs, data-security and interface standards). 智医办 refuses
 * an application while anything is missing.
 */
public final class DeliverablesRule {

  /** Software items: variable name → 中文. Always required. */
  public static final Map<String, String> SOFTWARE = new LinkedHashMap<>();
  /** Hardware items: required when the project delivered hardware ({@code hasHardware}). */
  public static final Map<String, String> HARDWARE = new LinkedHashMap<>();

  static {
    SOFTWARE.put("deliverableOwnershipStatement", "软件产权声明");
    SOFTWARE.put("deliverableSourceCode", "软件代码");
    SOFTWARE.put("deliverableUserManual", "使用说明");
    SOFTWARE.put("deliverableDataStructureDocs", "数据结构与数据库说明");
    SOFTWARE.put("deliverableSecurityInterfaceStandards", "数据安全与接口标准");
    HARDWARE.put("deliverableHardwareBarcodes", "硬件产品条形码");
    HARDWARE.put("deliverableSitePhotos", "与条形码对应的现场图片");
  }

  private DeliverablesRule() {}

  /** The Chinese names of what is missing; empty when the application is complete. */
  public static List<String> missing(Function<String, Object> variables) {
    List<String> missing = new ArrayList<>();
    Object report = variables.apply("trialRunUserReport");
    if (report == null || report.toString().isBlank()) {
      missing.add("试运行用户报告");
    }
    SOFTWARE.forEach((key, label) -> {
      if (!Boolean.TRUE.equals(asBoolean(variables.apply(key)))) {
        missing.add(label);
      }
    });
    if (Boolean.TRUE.equals(asBoolean(variables.apply("hasHardware")))) {
      HARDWARE.forEach((key, label) -> {
        if (!Boolean.TRUE.equals(asBoolean(variables.apply(key)))) {
          missing.add(label);
        }
      });
    }
    return missing;
  }

  private static Boolean asBoolean(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    return value != null && "true".equalsIgnoreCase(value.toString());
  }
}
