package cn.healthit.approval.browser;

import cn.healthit.approval.support.Processes;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every browser test sets up: the running platform's engine and port, the process helpers, and one headless
 * Chromium per test, closed after a last screenshot named after the test (target/browser-screenshots).
 */
abstract class BrowserTest {

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;
  Processes processes;
  Browser browser;
  private String testName;

  @BeforeEach
  void openBrowser(TestInfo info) {
    processes = Processes.init(engine);
    browser = new Browser(port);
    testName = info.getTestMethod().orElseThrow().getName();
  }

  @AfterEach
  void closeBrowser() {
    browser.screenshot(testName + "-last");
    browser.close();
  }
}
