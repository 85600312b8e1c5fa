package cn.healthit.approval.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (paths overridable with
 * CHROMIUM_PATH / CHROMEDRIVER_PATH), with the flags this closed network needs. Screenshots go to
 * target/browser-screenshots.
 */
final class Browser implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

  final ChromeDriver driver;
  final WebDriverWait wait;
  private final int port;

  Browser(int port) {
    this.port = port;
    String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
    String chromedriver = System.getenv().getOrDefault("CHROMEDRIVER_PATH", "/usr/bin/chromedriver");
    ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments("--headless=new", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--window-size=1440,1000", "--lang=zh-CN", "--accept-lang=zh-CN,zh");
    // a reviewer's browser prefers Chinese; headless Chromium ignores --lang for navigator.languages
    options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "zh-CN,zh"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(chromedriver).toFile())
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  void open(String path) {
    driver.get("http://localhost:" + port + path);
  }

  /** Logs in to a webapp (tasklist, cockpit, admin) through its Chinese login page. */
  void login(String app, String user) {
    driver.manage().deleteAllCookies();
    open("/camunda/app/" + app + "/default/");
    WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
    WebElement button = driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']"));
    if (!button.getText().contains("登录")) {
      throw new AssertionError("the login page is not in Chinese: " + button.getText());
    }
    name.sendKeys(user);
    driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("demo");
    button.click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form[name='signinForm']")));
  }

  WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  WebElement clickable(By by) {
    return wait.until(ExpectedConditions.elementToBeClickable(by));
  }

  /** Scrolls the element to the middle of the window (clear of the fixed footer) and clicks it. */
  void click(By by) {
    WebElement element = clickable(by);
    driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    clickable(by).click();
  }

  void waitForText(By by, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  /** Opens the task from the reviewer's 「我组的待办」 filter. */
  void openFromGroupFilter(org.camunda.bpm.engine.task.Task task) {
    openTask("我组的待办", task);
  }

  /** Opens the task from one of the reviewer's filters (我的待办, 我组的待办, …). */
  void openTask(String filter, org.camunda.bpm.engine.task.Task task) {
    clickable(containing("a", filter)).click();
    clickable(By.cssSelector(".tasks-list .task [href*='#/?task=" + task.getId() + "']")).click();
    waitForText(By.cssSelector(".task-details"), task.getName());
  }

  /** The text of the task's card in the list, once the platform's card facts have arrived. */
  String card(org.camunda.bpm.engine.task.Task task) {
    By card = By.xpath("//li[contains(@class,'task')][.//a[contains(@href,'task=" + task.getId() + "')]]");
    wait.until(ExpectedConditions.presenceOfNestedElementLocatedBy(card, By.cssSelector(".approval-card .fact-cardNumber")));
    return driver.findElement(card).getText();
  }

  /** A form-js select: open its dropdown under the label, click the option. */
  void choose(String label, String option) {
    click(By.xpath("//label[contains(normalize-space(), '" + label + "')]/following::*[contains(@class,'fjs-input-group')][1]"));
    click(By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and normalize-space()='" + option + "']"));
  }

  /** The open form's input or text area under the label. */
  WebElement formField(String label) {
    return visible(By.xpath("//label[contains(normalize-space(), '" + label + "')]/following::*[self::input or self::textarea or self::select][1]"));
  }

  /** Opens one of the task's tabs (表单, 审批操作, 审批意见, 材料, 流程图, …). */
  void tab(String label) {
    clickable(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='" + label + "']")).click();
  }

  static By text(String tag, String text) {
    return By.xpath("//" + tag + "[normalize-space()='" + text + "']");
  }

  static By containing(String tag, String text) {
    return By.xpath("//" + tag + "[contains(normalize-space(), '" + text + "')]");
  }

  List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The current page printed by Chromium to A4, as the browser's print dialog would. */
  Path printToA4(String name) {
    PrintOptions options = new PrintOptions();
    options.setPageSize(new PageSize(29.7, 21.0));
    options.setBackground(true);
    Pdf pdf = driver.print(options);
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".pdf");
      Files.write(file, Base64.getDecoder().decode(pdf.getContent()));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
