package bench.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The yardstick for start-up time and memory: a bare Camunda Spring Boot webapp (engine, REST,
 * Tasklist, Cockpit, Admin) of the same versions, compiled in the same build, with none of the
 * platform's beans (it scans only this package) and its own configuration (bare.yaml).
 * Started by {@code PlatformBenchmark} as a JVM of its own.
 */
@SpringBootApplication
public class BareCamundaApp {

  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(BareCamundaApp.class);
    application.setDefaultProperties(java.util.Map.of("spring.config.name", "bare"));
    application.run(args);
  }
}
