package cn.healthit.approval.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A reviewer's whole job in the Chinese Tasklist, in headless Chromium: find the task, claim it,
 * fill its Camunda Form, attach a file, complete it — and the next group finds it with the material
 * and the opinions; the administrator finds the instance in Cockpit; the approval record prints.
 * Run with {@code ./mvnw verify -Pbrowser}; screenshots in target/browser-screenshots.
 */
@Tag("browser")
@PlatformTest
class ReviewerJourneyBrowserTest extends BrowserTest {

  private ProcessInstance zhuhaiProject() {
    return processes.start("zhuhai-project", Processes.uniqueKey("ZH-E2E"),
        Map.of("projectName", "区域检验结果互认平台", "unitName", "香洲区人民医院", "amount", "120000.00"));
  }

  @Test
  void aReviewerClaimsFillsAttachesAndCompletesAndTheNextGroupReceivesIt() throws Exception {
    ProcessInstance p = zhuhaiProject();
    Task declare = processes.task(p, "Task_Declare");

    browser.login("tasklist", "zh-unit");
    browser.openFromGroupFilter(declare);
    browser.screenshot("01-task-found");
    browser.clickable(Browser.text("button", "认领")).click();
    browser.visible(Browser.containing("button", "完成"));

    browser.tab("材料");
    Path file = Files.createTempFile("需求书", ".pdf");
    Files.writeString(file, "%PDF-1.7\n需求书（浏览器测试）\n", StandardCharsets.UTF_8);
    new Select(browser.visible(By.cssSelector(".approval-tab select[name='category']"))).selectByVisibleText("需求书");
    browser.driver.findElement(By.cssSelector(".approval-tab input[type='file']")).sendKeys(file.toString());
    browser.click(Browser.text("button", "上传"));
    browser.waitForText(By.cssSelector(".approval-tab .ok"), "已上传");
    browser.waitForText(By.cssSelector(".approval-tab table.materials"), file.getFileName().toString());
    browser.screenshot("02-material-attached");

    browser.tab("表单");
    browser.formField("执行的国家、行业或地方信息标准").sendKeys("WS 363 卫生信息数据元目录");
    browser.formField("网络规划与建设方案").sendKeys("卫生专网 VPN 接入");
    browser.choose("信息系统安全保护等级", "第三级");
    browser.formField("应用软件建设内容").sendKeys("检验结果互认接口");
    browser.screenshot("03-form-filled");

    browser.click(Browser.containing("button", "完成"));
    browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(
        By.cssSelector(".tasks-list .task [href*='#/?task=" + declare.getId() + "']")));
    browser.screenshot("04-completed");
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(declare.getId()).singleResult()
        .getEndTime()).isNotNull();

    Task review = processes.task(p, "Task_OfficeReview");
    browser.login("tasklist", "zh-office");
    browser.openFromGroupFilter(review);
    browser.tab("材料");
    browser.waitForText(By.cssSelector(".approval-tab table.materials"), file.getFileName().toString());
    assertThat(browser.driver.findElement(By.cssSelector(".approval-tab table.materials")).getText()).contains("需求书", "朱建华");
    assertThat(browser.driver.findElement(By.cssSelector(".approval-tab")).getText()).contains("认领此任务后可上传材料");
    browser.screenshot("05-next-group-sees-material");
    browser.tab("审批意见");
    browser.waitForText(By.cssSelector(".approval-tab table.opinions"), "上传材料：需求书");
    browser.screenshot("06-opinions");
  }

  @Test
  void earlierOpinionsShowOnTheLaterTaskAndTheApprovalRecordPrintsToA4() throws Exception {
    ProcessInstance p = zhuhaiProject();
    processes.complete(p, "Task_Declare", "zh-unit", Map.of("standards", "WS 363", "selfDefinedCode", false,
        "networkPlan", "卫生专网", "securityLevel", "LEVEL_3", "softwareScope", "互认接口"));
    processes.complete(p, "Task_OfficeReview", "zh-office", Map.of("decision", "RETURN", "opinion", "请补充网络安全方案"));
    Task again = processes.task(p, "Task_Declare");

    browser.login("tasklist", "zh-unit");
    browser.openFromGroupFilter(again);
    browser.tab("审批意见");
    browser.waitForText(By.cssSelector(".approval-tab table.opinions"), "领导小组办公室审核：退回 — 请补充网络安全方案");
    assertThat(browser.driver.findElement(By.cssSelector(".approval-tab table.opinions")).getText()).contains("梁志远");
    browser.screenshot("07-earlier-opinion-on-later-task");

    browser.visible(By.cssSelector(".approval-tab input[name='reminder']")).sendKeys("请领导小组办公室本周内复核");
    browser.click(Browser.text("button", "催办"));
    browser.waitForText(By.cssSelector(".approval-tab .ok"), "已催办");
    browser.waitForText(By.cssSelector(".approval-tab table.opinions"), "请领导小组办公室本周内复核");
    assertThat(engine.getTaskService().getTaskComments(again.getId())).extracting(c -> c.getUserId()).contains("zh-unit");

    String tasklist = browser.driver.getWindowHandle();
    browser.clickable(Browser.text("a", "打印审批单")).click();
    browser.wait.until(d -> d.getWindowHandles().size() == 2);
    browser.driver.getWindowHandles().stream().filter(h -> !h.equals(tasklist)).findFirst()
        .ifPresent(h -> browser.driver.switchTo().window(h));
    browser.waitForText(By.tagName("h1"), "审批单");
    assertThat(browser.driver.findElement(By.tagName("body")).getText())
        .contains(p.getBusinessKey(), "领导小组办公室审核", "退回 — 请补充网络安全方案", "梁志远");
    browser.screenshot("08-approval-record");
    Path pdf = browser.printToA4("approval-record");
    assertThat(new String(Files.readAllBytes(pdf), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
  }

  @Test
  void aUnitStartsAProjectFromTasklistWithItsProjectNumber() {
    String number = Processes.uniqueKey("ZH-TL");
    browser.login("tasklist", "zh-unit");
    browser.click(Browser.containing("a", "发起流程"));
    browser.click(Browser.containing("a", "珠海市卫生信息化建设项目审批"));
    browser.visible(Browser.containing("label", "项目编号（业务编号）"));
    browser.formField("项目名称").sendKeys("区域影像云");
    browser.formField("建设单位").sendKeys("金湾区人民医院");
    assertThat(browser.driver.findElement(By.cssSelector(".modal-content")).getText()).doesNotContain("Select");
    browser.formField("项目金额").sendKeys("99999.99");
    browser.click(Browser.text("button", "开始"));
    browser.waitForText(By.cssSelector(".fjs-form-field-error"), "此项为必填项");
    browser.screenshot("11-start-without-number");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("zhuhai-project")
        .variableValueEquals("projectName", "区域影像云").count()).as("the browser does not submit without a number").isZero();

    // leave the field, as a person does before reaching 开始: Camunda Forms re-validates a field it flagged on blur,
    // and Tasklist keeps 开始 disabled until then (with Chromium 156.0.8078.79 here, typing alone did not re-validate it)
    browser.formField("项目编号（业务编号）").sendKeys(number, Keys.TAB);
    browser.screenshot("12-start-form");
    browser.click(Browser.text("button", "开始"));
    browser.wait.until(d -> engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(number).count() == 1);
    ProcessInstance started = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
    assertThat(processes.variable(started, "leadingGroupApprovalRequired")).isEqualTo(false);
    browser.openFromGroupFilter(processes.task(started, "Task_Declare"));
    browser.screenshot("13-started-task-in-group-filter");

    // the same number again: the server's Chinese refusal reaches the dialog
    browser.click(Browser.containing("a", "发起流程"));
    browser.click(Browser.containing("a", "珠海市卫生信息化建设项目审批"));
    browser.formField("项目编号（业务编号）").sendKeys(number);
    browser.formField("项目名称").sendKeys("重复申报");
    browser.formField("建设单位").sendKeys("金湾区人民医院");
    browser.formField("项目金额").sendKeys("1000.00");
    browser.click(Browser.text("button", "开始"));
    browser.waitForText(By.cssSelector(".modal-content"), "已有进行中的流程实例，不能重复发起");
    browser.screenshot("14-duplicate-number-refused");
  }

  @Test
  void theAdministratorFindsTheInstanceInTheChineseCockpit() {
    ProcessInstance p = zhuhaiProject();
    browser.login("cockpit", "admin");
    browser.open("/camunda/app/cockpit/default/#/process-instance/" + p.getId() + "/runtime");
    browser.waitForText(By.tagName("body"), p.getBusinessKey());
    // the top level shows the phases; the project waits in 申报与审批 (Task_Declare is drawn inside it)
    browser.visible(By.cssSelector("[data-element-id='SubProcess_Approval']"));
    assertThat(browser.driver.findElement(By.tagName("body")).getText()).contains("珠海", "业务键");
    browser.screenshot("09-cockpit-instance");

    browser.open("/camunda/app/cockpit/default/#/processes");
    browser.waitForText(By.tagName("body"), "珠海");
    browser.screenshot("10-cockpit-processes");
  }
}
