package cn.healthit.approval.support;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * A dry run for task completions, for tests that send requests meant to be refused: while {@link #armed},
 * a completion (or resolve) that the platform lets through is rolled back at the very end of its
 * transaction — after every listener, the flow to the next wait state and any synchronous delegate — and
 * counted in {@link #accepted}. So a hostile request that gets through is seen (and reported) without
 * moving the instance on, and the same instance serves the next request. Dormant otherwise (one volatile
 * read per task event). Part of the shared test context ({@link PlatformTest} imports it).
 */
@Component
public class CompletionProbe implements cn.healthit.approval.engine.EngineCustomizer {

  /** Set only around one request the test thread is waiting for; the engine sees it on the server's thread. */
  public static volatile boolean armed;
  /** Requests that passed every check and would have been stored (rolled back instead). */
  public static final AtomicInteger accepted = new AtomicInteger();

  /** What rolls the dry run back; its message marks it in a response. */
  public static final class DryRunRollback extends RuntimeException {
    public DryRunRollback() {
      super("dry run: accepted and rolled back by the test's CompletionProbe");
    }
  }

  @Override
  public void customize(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        for (String event : new String[] {TaskListener.EVENTNAME_COMPLETE, TaskListener.EVENTNAME_ASSIGNMENT,
            TaskListener.EVENTNAME_UPDATE}) {
          definition.addTaskListener(event, CompletionProbe::onTaskEvent);
        }
      }
    });
  }

  private static void onTaskEvent(DelegateTask task) {
    if (!armed) {
      return;
    }
    // one listener per task event; the first to run at commit rolls the whole transaction back
    Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTING, ignored -> {
      accepted.incrementAndGet();
      throw new DryRunRollback();
    });
  }
}
