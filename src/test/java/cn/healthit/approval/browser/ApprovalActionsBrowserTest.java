package cn.healthit.approval.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * 退回, 转办 and 征求意见 from Tasklist's 「审批操作」 tab, as the real groups: 珠海's 领导小组办公室 sends a declaration back
 * to the unit that filed it, and asks the security authority first, which answers in its own Tasklist; 天津's 智医办主任
 * hands a pre-review to a colleague of the office. And 撤回 from the navbar's 「我的已办 · 撤回」: the unit takes its
 * declaration back before the office has touched it. Screenshots in
 * target/browser-screenshots (actions-*).
 */
@Tag("browser")
@PlatformTest
class ApprovalActionsBrowserTest extends BrowserTest {

  /** A 珠海 project whose unit has filed its declaration: the office's review is open. */
  private ProcessInstance declared(String prefix, String projectName, String amount) {
    ProcessInstance p = processes.start("zhuhai-project", Processes.uniqueKey(prefix),
        Map.of("projectName", projectName, "unitName", "香洲区人民医院", "amount", amount));
    processes.complete(p, "Task_Declare", "zh-unit", Map.of("standards", "WS 363", "selfDefinedCode", false,
        "networkPlan", "卫生专网", "securityLevel", "LEVEL_3", "softwareScope", "影像调阅"));
    return p;
  }

  @Test
  void theOfficeSendsTheDeclarationBackWithAnOpinionFromTasklist() {
    ProcessInstance p = declared("ZH-ACT", "区域检验结果互认平台", "120000.00");
    Task review = processes.task(p, "Task_OfficeReview");

    browser.login("tasklist", "zh-office");
    browser.openFromGroupFilter(review);
    browser.tab("审批操作");
    Select target = new Select(browser.visible(By.cssSelector(".approval-tab select[name='target']")));
    target.selectByVisibleText("填报项目申报材料（朱建华）");
    browser.click(Browser.text("button", "退回")); // without an opinion: the server's refusal is shown
    browser.waitForText(By.cssSelector(".approval-tab .error"), "请填写退回意见");
    browser.visible(By.cssSelector(".approval-tab input[name='returnOpinion']")).sendKeys("请补充网络安全方案");
    browser.screenshot("actions-01-return");
    browser.click(Browser.text("button", "退回"));
    browser.waitForText(By.cssSelector(".approval-tab .ok"), "已退回");
    browser.screenshot("actions-02-returned");

    Task again = processes.task(p, "Task_Declare");
    assertThat(again.getAssignee()).isEqualTo("zh-unit");
    assertThat(engine.getTaskService().getProcessInstanceComments(p.getId())).extracting(c -> c.getFullMessage())
        .contains("【退回】梁志远 将“领导小组办公室审核”退回至“填报项目申报材料”（朱建华）：请补充网络安全方案");
  }

  @Test
  void theOfficeHeadTransfersThePreReviewToAColleague() {
    ProcessInstance pi = processes.tianjinAtPreReview("TJ-ACT");
    Task pre = processes.task(pi, "Task_PreReview");

    browser.login("tasklist", "zhiyi");
    browser.openFromGroupFilter(pre);
    browser.tab("审批操作");
    Select transferTo = new Select(browser.visible(By.cssSelector(".approval-tab select[name='transferUser']"))); // loaded
    assertThat(browser.visible(By.cssSelector(".approval-tab")).getText()).contains("退回", "转办", "委派");
    transferTo.selectByValue("exp-in-3");
    browser.visible(By.cssSelector(".approval-tab input[name='transferOpinion']")).sendKeys("请张工办理");
    browser.screenshot("actions-03-transfer");
    browser.click(Browser.text("button", "转办"));
    browser.waitForText(By.cssSelector(".approval-tab .ok"), "已转办");
    assertThat(processes.task(pi, "Task_PreReview").getAssignee()).isEqualTo("exp-in-3");
  }

  @Test
  void theOfficeAsksTheSecurityAuthorityFirstWhichAnswersInItsOwnTasklist() {
    ProcessInstance p = declared("ZH-ASK", "区域影像云平台", "120000.00");
    Task review = processes.task(p, "Task_OfficeReview");

    browser.login("tasklist", "zh-office");
    browser.openFromGroupFilter(review);
    browser.tab("审批操作");
    Select who = new Select(browser.visible(By.cssSelector(".approval-tab select[name='consultUsers']")));
    browser.visible(By.cssSelector(".approval-tab input[name='consultSearch']")).sendKeys("等级保护"); // find them by post
    assertThat(browser.driver.executeScript("return Array.from(document.querySelectorAll(\".approval-tab select[name='consultUsers'] option\"))"
        + ".filter(o => !o.hidden).map(o => o.value)")).isEqualTo(java.util.List.of("zh-security"));
    who.selectByValue("zh-security");
    browser.visible(By.cssSelector(".approval-tab textarea[name='consultQuestion']")).sendKeys("网络方案是否满足等保三级？");
    browser.screenshot("actions-07-consult");
    browser.click(Browser.text("button", "征求意见"));
    browser.waitForText(By.cssSelector(".approval-tab table.consultations"), "待答复");

    // the security authority: the question is in its own list, its card names the project, it answers in the form
    Task question = engine.getTaskService().createTaskQuery().processDefinitionKey("approval-consultation")
        .taskAssignee("zh-security").singleResult();
    browser.login("tasklist", "zh-security");
    browser.openTask("我的待办", question);
    assertThat(browser.card(question)).contains(p.getBusinessKey(), "区域影像云平台");
    browser.wait.until(d -> browser.formField("征求人").getAttribute("value").contains("梁志远"));
    assertThat(browser.formField("征求意见的事项").getAttribute("value")).isEqualTo("网络方案是否满足等保三级？");
    browser.formField("您的意见").sendKeys("满足，建议补充日志审计");
    browser.screenshot("actions-08-answer");
    browser.click(Browser.containing("button", "完成"));
    browser.wait.until(d -> engine.getTaskService().createTaskQuery().taskId(question.getId()).count() == 0);

    // back with the office: the answer beside the question, and in 审批意见 as 征求意见
    browser.login("tasklist", "zh-office");
    browser.openFromGroupFilter(review);
    browser.tab("审批操作");
    browser.waitForText(By.cssSelector(".approval-tab table.consultations"), "满足，建议补充日志审计");
    org.openqa.selenium.WebElement table = browser.visible(By.cssSelector(".approval-tab table.consultations"));
    assertThat(table.getText()).contains("已答复");
    browser.driver.executeScript("arguments[0].scrollIntoView()", table);
    browser.screenshot("actions-09-answered");
    browser.tab("审批意见");
    browser.waitForText(By.cssSelector(".approval-tab"), "满足，建议补充日志审计");
    assertThat(browser.visible(By.cssSelector(".approval-tab")).getText()).contains("征求意见");
  }

  @Test
  void theUnitTakesItsDeclarationBackFromTheNavbarAndFindsItAgainInItsTasks() {
    ProcessInstance p = declared("ZH-WD", "区域影像共享平台", "80000.00");
    String declared = engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(p.getId())
        .taskDefinitionKey("Task_Declare").finished().singleResult().getId();
    By row = By.cssSelector(".approval-withdraw-dialog tr[data-task-id='" + declared + "']");

    browser.login("tasklist", "zh-unit");
    browser.clickable(Browser.containing("a", "我的待办")).click();
    browser.click(Browser.containing("a", "我的已办 · 撤回"));
    browser.waitForText(row, "区域影像共享平台");
    assertThat(browser.visible(row).getText()).contains(p.getBusinessKey(), "填报项目申报材料");
    browser.screenshot("actions-04-my-submissions");
    browser.click(By.cssSelector(".approval-withdraw-dialog button[data-task-id='" + declared + "']"));
    browser.visible(By.cssSelector(".approval-withdraw-dialog input[name='withdrawReason']")).sendKeys("网络方案附件传错");
    browser.click(Browser.text("button", "确认撤回"));
    browser.waitForText(By.cssSelector(".approval-withdraw-dialog .ok"), "已撤回，任务已回到您的待办");
    browser.waitForText(row, "已撤回过，不能再次撤回"); // the list is read again: the row now says why not
    browser.screenshot("actions-05-withdrawn");

    Task again = processes.task(p, "Task_Declare");
    assertThat(again.getAssignee()).isEqualTo("zh-unit");
    assertThat(engine.getTaskService().getProcessInstanceComments(p.getId())).extracting(c -> c.getFullMessage())
        .contains("【撤回】朱建华 撤回了“填报项目申报材料”：网络方案附件传错");
    browser.click(By.cssSelector(".approval-withdraw-dialog .head button"));
    browser.visible(By.cssSelector(".tasks-list .task [href*='#/?task=" + again.getId() + "']")); // Tasklist's list refreshed
    browser.screenshot("actions-06-back-in-my-tasks");
  }
}
