package cn.healthit.approval.engine;

import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * How long each process's history is kept after an instance ends, per process key
 * ({@code platform.retention.days.<process-key>: <days>}); processes not listed keep the engine's
 * default ({@code history-time-to-live} in application.yaml, 10 years). Applied after every start to
 * every version of the process, through the engine's public API, so an instance that ends gets its
 * removal time from it and the nightly history cleanup removes it then — and nothing earlier.
 */
@Component
@Order(20)
public class RetentionPolicy implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionPolicy.class);

  /** {@code platform.retention.days}: process key → days of history kept after an instance ends. */
  @ConfigurationProperties("platform.retention")
  public record Settings(Map<String, Integer> days) {
    public Settings {
      days = days == null ? Map.of() : new TreeMap<>(days);
    }
  }

  private final RepositoryService repositoryService;
  private final Settings settings;

  public RetentionPolicy(RepositoryService repositoryService, Settings settings) {
    this.repositoryService = repositoryService;
    this.settings = settings;
  }

  @Override
  public void run(ApplicationArguments args) {
    apply();
  }

  /** Sets each listed process's time to live on all its versions; refuses an unknown key or a bad number. */
  public void apply() {
    settings.days().forEach((key, days) -> {
      if (days == null || days < 1) {
        throw new IllegalStateException("platform.retention.days." + key + " 必须是至少 1 天：" + days
            + " (history must be kept at least one day)");
      }
      var definitions = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).list();
      if (definitions.isEmpty()) {
        throw new IllegalStateException("platform.retention.days." + key + "：没有这个流程（no process with key " + key + "）");
      }
      for (ProcessDefinition definition : definitions) {
        if (!days.equals(definition.getHistoryTimeToLive())) {
          repositoryService.updateProcessDefinitionHistoryTimeToLive(definition.getId(), days);
        }
      }
      LOG.info("History of {} kept {} days after an instance ends", key, days);
    });
  }
}
