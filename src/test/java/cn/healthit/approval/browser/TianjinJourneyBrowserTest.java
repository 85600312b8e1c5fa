package cn.healthit.approval.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.support.PlatformTest;
import cn.healthit.approval.support.Processes;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A Tianjin project in the Chinese Tasklist as its real groups work it (issue 18): 医务处 files it from
 * 发起流程, writes the 需求书 and the 市场调研 in their forms, and after the IT division's and the office's
 * steps an expert of the five-person panel reviews it. At every task opened: the card names the project
 * (number, name, amount, department) with its time left, the form and the 审批单 show no raw id or enum
 * constant, and the diagram tab shows the whole diagram. Screenshots of each step in target/browser-screenshots.
 */
@Tag("browser")
@PlatformTest
class TianjinJourneyBrowserTest extends BrowserTest {

  /** An enum constant as the models store them (SPECIALIZED, PURCHASE_SOFTWARE, …). */
  private static final Pattern ENUM = Pattern.compile("\\b[A-Z]{3,}(_[A-Z]+)*\\b");

  /** Upper-case words a Chinese page legitimately shows (system types, standards). */
  private static final List<String> ALLOWED_UPPER = List.of("HIS", "EMR", "LIS", "PACS", "PDF", "POC", "VPN", "IT", "WS");

  @Autowired IdentityService identityService;

  /** Whether the project waits at the task, after running its async continuations (the job executor is off in tests). */
  private boolean waiting(ProcessInstance project, String taskKey) {
    processes.runAsyncContinuations(project.getBusinessKey());
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(project.getBusinessKey())
        .taskDefinitionKey(taskKey).count() == 1;
  }

  /** Ticks a form-js checkbox (its input, under or before its label) until it is ticked. */
  private void check(String label) {
    By box = By.xpath("//label[contains(normalize-space(), '" + label + "')]//input[@type='checkbox']"
        + " | //label[contains(normalize-space(), '" + label + "')]/preceding-sibling::input[@type='checkbox']");
    for (int attempt = 0; attempt < 3 && !browser.visible(box).isSelected(); attempt++) {
      browser.click(box);
    }
    assertThat(browser.visible(box).isSelected()).as("%s ticked", label).isTrue();
  }

  private void tab(String label) {
    browser.click(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='" + label + "']"));
  }

  /** The card of the task in the list: project number, name, amount and department, from the card plugin. */
  /** The page's visible text holds no enum constant and no group id of the organisation. */
  private void assertOnlyLabels(String where, String text) {
    Matcher m = ENUM.matcher(text);
    while (m.find()) {
      assertThat(ALLOWED_UPPER).as("%s shows the enum constant %s:%n%s", where, m.group(), text).contains(m.group());
    }
    for (Group group : identityService.createGroupQuery().list()) {
      if (group.getId().contains("-")) {
        assertThat(text).as("%s shows the group id %s", where, group.getId()).doesNotContain(group.getId());
      }
    }
  }

  /**
   * The diagram tab shows the plane where the project stands (a phase drawn as a collapsed sub-process opens
   * on its own plane), and that plane is at most 1,280 px wide at scale 1: it fits a 1,280-px screen with
   * Tasklist's list columns folded away, and fits Cockpit's diagram as it is.
   */
  private void assertDiagramFits(String step) {
    tab("流程图");
    browser.visible(By.cssSelector(".djs-container svg .djs-element"));
    browser.wait.until(d -> Boolean.TRUE.equals(browser.driver.executeScript(
        "var g = document.querySelector('.djs-container svg .viewport'); return !!g && g.getBoundingClientRect().width > 0;")));
    @SuppressWarnings("unchecked")
    Map<String, Object> fit = (Map<String, Object>) browser.driver.executeScript(
        "var g = document.querySelector('.djs-container svg .viewport');"
            + "var m = g.transform.baseVal.consolidate(); var scale = m ? m.matrix.a : 1;"
            + "var b = g.getBBox(); return {width: b.width, height: b.height, scale: scale,"
            + " active: document.querySelectorAll('.djs-container .highlight, .djs-container [class*=\"marker\"]').length};");
    browser.screenshot("tianjin-" + step + "-diagram");
    assertThat(((Number) fit.get("width")).doubleValue()).as("%s: the plane where the project stands fits 1,280 px (%s)", step, fit)
        .isLessThanOrEqualTo(1280);
    tab("表单");
  }

  @Test
  void aTianjinProjectFromFilingThroughThePanelReviewAsItsRealGroups() {
    String number = Processes.uniqueKey("TJ-E2E");

    // 发起: a member of 医务处 files the project; the department is left empty and becomes her own
    browser.login("tasklist", "yiwu");
    browser.click(Browser.containing("a", "发起流程"));
    browser.click(Browser.containing("a", "天津"));
    browser.formField("项目编号（业务编号）").sendKeys(number);
    browser.formField("项目名称").sendKeys("手术麻醉信息系统");
    browser.formField("项目预算").sendKeys("300000");
    browser.choose("项目类别", "专用类");
    browser.screenshot("tianjin-01-start-form");
    assertOnlyLabels("the start form", browser.driver.findElement(By.cssSelector(".modal-content")).getText());
    browser.formField("项目名称").sendKeys(Keys.TAB);
    browser.click(Browser.text("button", "开始"));
    browser.wait.until(d -> engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(number).count() == 1);
    ProcessInstance project = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
    processes.runAsyncContinuations(number); // the job executor is off in tests
    assertThat(engine.getRuntimeService().getVariable(project.getId(), "requestingDepartment")).isEqualTo("dept-medical-affairs");

    // 需求: the department's task card names the project; its form shows only labels
    Task requirement = processes.task(project, "Task_Requirement");
    browser.open("/camunda/app/tasklist/default/");
    browser.openTask("我组的待办", requirement);
    assertThat(browser.card(requirement)).contains(number, "手术麻醉信息系统", "300,000.00 元（30 万元）", "医务处");
    assertThat(browser.driver.getCurrentUrl()).as("listed by due date unless the reviewer chose an order").contains("dueDate");
    browser.screenshot("tianjin-02-requirement-card");
    browser.click(Browser.text("button", "认领"));
    browser.visible(Browser.containing("button", "完成"));
    assertOnlyLabels("the requirement form", browser.driver.findElement(By.cssSelector(".task-details")).getText());
    assertThat(browser.driver.findElement(By.cssSelector(".task-details")).getText())
        .as("no field of a later phase before that phase").doesNotContain("技术评审结论", "技术评价结果");
    assertDiagramFits("02-requirement");
    browser.formField("承办人").sendKeys("王承办");
    browser.formField("责任人").sendKeys("李责任");
    browser.choose("系统类型", "电子病历（EMR）");
    browser.click(By.xpath("//label[contains(normalize-space(), '软件开发（同行专家评议）')]"));
    browser.formField("需求概要").sendKeys("手术麻醉全流程电子化");
    browser.screenshot("tianjin-03-requirement-filled");
    browser.click(Browser.containing("button", "完成"));
    browser.wait.until(d -> waiting(project, "Task_MarketResearch"));

    // 市场调研
    Task research = processes.task(project, "Task_MarketResearch");
    browser.open("/camunda/app/tasklist/default/");
    browser.openTask("我组的待办", research);
    assertThat(browser.card(research)).contains(number, "手术麻醉信息系统");
    browser.click(Browser.text("button", "认领"));
    browser.visible(Browser.containing("button", "完成"));
    assertOnlyLabels("the market research form", browser.driver.findElement(By.cssSelector(".task-details")).getText());
    browser.formField("调研厂商").sendKeys("甲、乙、丙三家");
    browser.formField("市场占有率与用户口碑").sendKeys("甲占有率最高");
    check("厂商具有清晰的知识产权");
    check("产品满足国家强制技术标准");
    browser.screenshot("tianjin-04-market-research-filled");
    browser.click(Browser.containing("button", "完成"));
    browser.wait.until(d -> waiting(project, "Task_PeerArgument"));

    // the IT division's peer argument, the submission and the office's pre-review, by their own users
    processes.complete(project, "Task_PeerArgument", "xinxi2", Map.of("peerExperts", "三位院外专家", "technicalPlan", "微服务",
        "procurementMethod", "公开招标", "argumentBudget", "290000.00"));
    processes.complete(project, "Task_PrepareSubmission", "yiwu", Map.of("submissionSummary", "可研报告与同行评议意见"));
    processes.complete(project, "Task_PreReview", "zhiyi", Map.of("decision", "APPROVED", "duplicateChecked", true));
    ProcessInstance review = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(project.getId())
        .processDefinitionKey("tianjin-technical-review").singleResult();
    @SuppressWarnings("unchecked")
    List<String> pool = ((List<Map<String, Object>>) engine.getRuntimeService().getVariable(review.getId(), "internalPool"))
        .stream().map(m -> (String) m.get("value")).toList();
    processes.complete(engine.getTaskService().createTaskQuery().processInstanceId(review.getId()).singleResult(), "xinxi",
        Map.of("internalMembers", pool.subList(0, 5)));

    // the panel: one expert reviews in Tasklist; the card of the called review names the lifecycle's project
    List<Task> reviews = engine.getTaskService().createTaskQuery().processInstanceId(review.getId())
        .taskDefinitionKey("Task_Review").list();
    assertThat(reviews).hasSize(5);
    Task mine = reviews.get(0);
    browser.login("tasklist", mine.getAssignee());
    browser.openTask("我的待办", mine);
    assertThat(browser.card(mine)).contains(number, "手术麻醉信息系统", "300,000.00 元（30 万元）", "医务处");
    browser.screenshot("tianjin-05-panel-review-card");
    assertOnlyLabels("the panel review form", browser.driver.findElement(By.cssSelector(".task-details")).getText());
    assertDiagramFits("05-panel-review");
    browser.choose("评审结论", "通过");
    browser.formField("书面评审意见").sendKeys("方案可行，同意建设");
    browser.screenshot("tianjin-06-panel-review-filled");
    browser.click(Browser.containing("button", "完成"));
    browser.wait.until(d -> engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(mine.getId()).finished().count() == 1);

    // the 审批单 so far: labels only
    browser.open("/api/projects/" + number + "/record");
    browser.waitForText(By.tagName("h1"), "审批单");
    String record = browser.driver.findElement(By.tagName("body")).getText();
    assertThat(record).contains(number, "手术麻醉信息系统", "医务处", "方案可行，同意建设");
    String readable = record.contains("技术信息") ? record.substring(0, record.indexOf("技术信息")) : record;
    assertOnlyLabels("the approval record", readable);
    browser.screenshot("tianjin-07-approval-record");
  }
}
