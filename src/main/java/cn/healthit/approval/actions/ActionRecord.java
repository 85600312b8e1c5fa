package cn.healthit.approval.actions;

import java.util.Arrays;

/**
 * The typed entries of a project's record: every comment on a project is one of these, told by the mark it
 * starts with (a decision's opinion has none). Tasklist's 审批意见 tab and the 审批单 show the kind's name.
 */
public final class ActionRecord {

  private ActionRecord() {}

  public enum Kind {
    OPINION("审批", null), RETURN("退回", "【退回】"), WITHDRAW("撤回", "【撤回】"), TRANSFER("转办", "【转办】"), DELEGATE("委派", "【委派】"),
    CONSULT("征求意见", "【征求意见】"),
    REMINDER("催办", "【催办】"), MATERIAL("材料", "上传材料：");

    public final String label;
    public final String mark;

    Kind(String label, String mark) {
      this.label = label;
      this.mark = mark;
    }
  }

  /** The kind of a comment by its mark; a decision's opinion otherwise. */
  public static Kind kind(String message) {
    return message == null ? Kind.OPINION : Arrays.stream(Kind.values())
        .filter(k -> k.mark != null && message.startsWith(k.mark)).findFirst().orElse(Kind.OPINION);
  }
}
