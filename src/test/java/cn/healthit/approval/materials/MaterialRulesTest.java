package cn.healthit.approval.materials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.healthit.approval.input.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaterialRulesTest {

  static final long MAX = 20L * 1024 * 1024;
  static final byte[] PDF = "%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1);
  static final byte[] ZIP = {'P', 'K', 3, 4, 0, 0};
  static final byte[] OLE = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0};
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A};
  static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};

  private static InvalidInputException refusal(Runnable check) {
    try {
      check.run();
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("expected a refusal");
  }

  @Test
  void aFileOfExactlyTheLimitIsAcceptedOneByteMoreIsRefused() {
    assertThat(MaterialRules.check("REQUIREMENTS", "需求书.pdf", MAX, PDF, MAX).mimeType()).isEqualTo("application/pdf");
    assertThat(MaterialRules.check("REQUIREMENTS", "需求书.pdf", MAX - 1, PDF, MAX).fileName()).isEqualTo("需求书.pdf");
    InvalidInputException over = refusal(() -> MaterialRules.check("REQUIREMENTS", "需求书.pdf", MAX + 1, PDF, MAX));
    assertThat(over.getField()).isEqualTo("file");
    assertThat(over.getMessage()).contains("需求书.pdf", "超过单个文件上限 20.0 MB");
  }

  @Test
  void anEmptyFileIsRefused() {
    assertThat(refusal(() -> MaterialRules.check("OTHER", "空.pdf", 0, new byte[0], MAX)).getMessage()).contains("空文件");
  }

  @Test
  void theCategoryMustBeOneOfTheList() {
    for (String category : new String[] {null, "", "requirements", "INVOICE"}) {
      InvalidInputException e = refusal(() -> MaterialRules.check(category, "a.pdf", 10, PDF, MAX));
      assertThat(e.getField()).isEqualTo("category");
      assertThat(e.getMessage()).contains("需求书", "PoC 测试报告", "交付物");
    }
    assertThat(MaterialRules.check("POC_REPORT", "a.pdf", 10, PDF, MAX).categoryLabel()).isEqualTo("PoC 测试报告");
  }

  @ParameterizedTest
  @CsvSource({"可研报告.PDF,pdf", "合同.docx,zip", "报价.xlsx,zip", "汇报.pptx,zip", "公文.ofd,zip", "旧合同.doc,ole",
      "预算.xls,ole", "方案.wps,ole", "截图.png,png", "现场.JPG,jpeg", "现场.jpeg,jpeg", "交付物.zip,zip", "说明.txt,text"})
  void officeImageAndArchiveTypesAreAcceptedWhenTheirContentAgrees(String name, String content) {
    byte[] head = switch (content) {
      case "pdf" -> PDF;
      case "zip" -> ZIP;
      case "ole" -> OLE;
      case "png" -> PNG;
      case "jpeg" -> JPEG;
      default -> "纯文本说明".getBytes(StandardCharsets.UTF_8);
    };
    assertThat(MaterialRules.check("OTHER", name, 100, head, MAX).fileName()).isEqualTo(name);
  }

  @ParameterizedTest
  @CsvSource({"setup.exe", "run.sh", "page.html", "image.svg", "noextension", "archive.7z", "script.js"})
  void otherTypesAreRefusedNamingWhatIsAllowed(String name) {
    InvalidInputException e = refusal(() -> MaterialRules.check("OTHER", name, 100, PDF, MAX));
    assertThat(e.getField()).isEqualTo("file");
    assertThat(e.getMessage()).contains("不支持的文件类型", name, "PDF、OFD、Word");
  }

  @Test
  void aFileWhoseContentContradictsItsExtensionIsRefused() {
    assertThat(refusal(() -> MaterialRules.check("OTHER", "伪装.pdf", 100, ZIP, MAX)).getMessage())
        .contains("伪装.pdf", "不是 .pdf 文件");
    assertThat(refusal(() -> MaterialRules.check("OTHER", "伪装.docx", 100, PDF, MAX)).getMessage()).contains("不是 .docx");
    assertThat(refusal(() -> MaterialRules.check("OTHER", "短.png", 2, new byte[] {(byte) 0x89, 'P'}, MAX)).getMessage())
        .contains("不是 .png");
    assertThat(refusal(() -> MaterialRules.check("OTHER", "二进制.txt", 6, OLE, MAX)).getMessage()).contains("不是文本文件");
  }

  @Test
  void theFileNameLosesAnyPathAndControlCharactersAndIsBounded() {
    assertThat(MaterialRules.check("OTHER", "C:\\Users\\张\\需求书.pdf", 10, PDF, MAX).fileName()).isEqualTo("需求书.pdf");
    assertThat(MaterialRules.check("OTHER", "../../etc/需求\u0000书.pdf", 10, PDF, MAX).fileName()).isEqualTo("需求书.pdf");
    String name200 = "需".repeat(196) + ".pdf";
    assertThat(MaterialRules.check("OTHER", name200, 10, PDF, MAX).fileName()).hasSize(200);
    assertThatThrownBy(() -> MaterialRules.check("OTHER", "需" + name200, 10, PDF, MAX))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("200");
    assertThat(refusal(() -> MaterialRules.check("OTHER", " / ", 10, PDF, MAX)).getMessage()).contains("请选择要上传的文件");
  }

  @Test
  void theDescriptionRecordsCategoryAndUploaderAndReadsBack() {
    MaterialRules.Label label = new MaterialRules.Label("需求书", "zh-unit");
    assertThat(MaterialRules.Label.of(label.describe())).isEqualTo(label);
    assertThat(MaterialRules.Label.of("旧附件说明")).isEqualTo(new MaterialRules.Label("旧附件说明", null));
    assertThat(MaterialRules.Label.of(null)).isEqualTo(new MaterialRules.Label("", null));
  }
}
