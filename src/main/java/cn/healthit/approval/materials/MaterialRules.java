package cn.healthit.approval.materials;

import cn.healthit.approval.input.InvalidInputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a project's materials may be (需求书, PoC 测试报告, 可研, 交付物 …): a named category, a file of an
 * office or image type whose first bytes agree with its extension, not empty and not over the size
 * limit. A file at exactly the limit is accepted, one byte over is refused. Plain Java; the
 * controller applies it before anything is stored.
 */
public final class MaterialRules {

  /** Categories reviewers choose from, value → Chinese label. */
  public static final Map<String, String> CATEGORIES = new LinkedHashMap<>();

  static {
    CATEGORIES.put("REQUIREMENTS", "需求书");
    CATEGORIES.put("POC_REPORT", "PoC 测试报告");
    CATEGORIES.put("FEASIBILITY", "可行性研究报告");
    CATEGORIES.put("PLAN", "实施方案／设计文件");
    CATEGORIES.put("CONTRACT", "合同及招采文件");
    CATEGORIES.put("DELIVERABLE", "交付物");
    CATEGORIES.put("ACCEPTANCE", "验收材料");
    CATEGORIES.put("OTHER", "其他");
  }

  /** A file kind: the extensions it goes by, its MIME type, and how its content starts. */
  enum Kind {
    PDF("application/pdf", bytes("%PDF"), "pdf"),
    OFD("application/ofd", bytes("PK\u0003\u0004"), "ofd"),
    OOXML("application/vnd.openxmlformats-officedocument", bytes("PK\u0003\u0004"), "docx", "xlsx", "pptx"),
    LEGACY_OFFICE("application/msword", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}, "doc", "xls", "ppt", "wps", "et"),
    PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "png"),
    JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, "jpg", "jpeg"),
    ZIP("application/zip", bytes("PK\u0003\u0004"), "zip"),
    TEXT("text/plain", null, "txt");

    final String mimeType;
    final byte[] magic;
    final String[] extensions;

    Kind(String mimeType, byte[] magic, String... extensions) {
      this.mimeType = mimeType;
      this.magic = magic;
      this.extensions = extensions;
    }

    private static byte[] bytes(String ascii) {
      return ascii.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  /** What the upload form tells reviewers. */
  public static final String ALLOWED_TYPES_TEXT = "PDF、OFD、Word、Excel、PowerPoint、WPS、JPG、PNG、ZIP、TXT";
  public static final int MAX_NAME_LENGTH = 200;

  private MaterialRules() {}

  /** Between the category label and the uploader in an attachment's description. */
  static final String UPLOADER_SEPARATOR = "｜";

  /** What an attachment's description records: 「类别｜上传人」. */
  public record Label(String category, String uploader) {
    public String describe() {
      return category + UPLOADER_SEPARATOR + uploader;
    }

    /** Reads a description back; one without an uploader is all category. */
    public static Label of(String description) {
      String text = description == null ? "" : description;
      int separator = text.lastIndexOf(UPLOADER_SEPARATOR);
      return separator < 0 ? new Label(text, null) : new Label(text.substring(0, separator), text.substring(separator + 1));
    }
  }

  /** An accepted material: its category, cleaned file name and MIME type. */
  public record Accepted(String category, String categoryLabel, String fileName, String mimeType) {}

  /**
   * Checks one upload. {@code head} is at least the first 8 bytes of the content (fewer only when
   * the file is shorter).
   */
  public static Accepted check(String category, String fileName, long size, byte[] head, long maxBytes) {
    if (category == null || !CATEGORIES.containsKey(category)) {
      throw new InvalidInputException("category", "请选择材料类别（category），可选：" + String.join("、", CATEGORIES.values()));
    }
    String name = cleanName(fileName);
    if (size <= 0) {
      throw new InvalidInputException("file", "文件《" + name + "》是空文件");
    }
    if (size > maxBytes) {
      throw new InvalidInputException("file", "文件《" + name + "》大小为 " + megabytes(size) + "，超过单个文件上限 "
          + megabytes(maxBytes));
    }
    String extension = extension(name);
    Kind kind = Arrays.stream(Kind.values()).filter(k -> Arrays.asList(k.extensions).contains(extension)).findFirst()
        .orElseThrow(() -> new InvalidInputException("file", "不支持的文件类型“." + extension + "”（《" + name + "》），可上传："
            + ALLOWED_TYPES_TEXT));
    if (kind.magic != null && !startsWith(head, kind.magic)) {
      throw new InvalidInputException("file", "文件《" + name + "》的内容不是 ." + extension + " 文件，请检查后重新上传");
    }
    if (kind == Kind.TEXT && containsNul(head)) {
      throw new InvalidInputException("file", "文件《" + name + "》不是文本文件");
    }
    return new Accepted(category, CATEGORIES.get(category), name, kind.mimeType);
  }

  /** The file name without any path, control characters trimmed, at most 200 characters. */
  static String cleanName(String fileName) {
    String name = fileName == null ? "" : fileName.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
    if (name.isEmpty()) {
      throw new InvalidInputException("file", "请选择要上传的文件（file）");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new InvalidInputException("file", "文件名不能超过 " + MAX_NAME_LENGTH + " 个字符");
    }
    return name;
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static boolean startsWith(byte[] head, byte[] magic) {
    if (head == null || head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsNul(byte[] head) {
    for (byte b : head) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }
}
