package cn.healthit.approval.support;

import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A test delegate standing for a system outside the engine that is down for a while: it fails as
 * many times as it is told to, with a Chinese message, then succeeds. Part of the shared test
 * context ({@link PlatformTest} imports it) as bean {@code flakyIntegration}.
 */
@Component("flakyIntegration")
public class FlakyIntegration implements JavaDelegate {

  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();

  public void failNextTimes(int times) {
    failuresLeft.set(times);
    calls.set(0);
  }

  public int calls() {
    return calls.get();
  }

  @Override
  public void execute(DelegateExecution execution) {
    int call = calls.incrementAndGet();
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("外部系统（院内 HIS 接口）暂时不可用，第 " + call + " 次调用失败");
    }
    execution.setVariable("delivered", true);
  }
}
