package cn.healthit.approval;

import static org.assertj.core.api.Assertions.assertThat;

import cn.healthit.approval.engine.ModelDeployer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The default run keeps its data in a file-based H2 database: a restart keeps every instance and
 * deploys no new versions of unchanged models. Two real application starts on one database file.
 */
class RestartTest {

  @Test
  void aRestartKeepsEveryInstanceAndCreatesNoNewVersions() throws Exception {
    Path dir = Files.createTempDirectory("restart-test");
    String url = "--spring.datasource.url=jdbc:h2:file:" + new File(dir.toFile(), "db").getAbsolutePath();
    // its own engine name: closing these contexts must not unregister the shared test context's "default" engine
    String[] args = {url, "--server.port=0", "--camunda.bpm.job-execution.enabled=false", "--spring.profiles.active=default",
        "--camunda.bpm.process-engine-name=restart-test"};
    String instanceId;
    long deployments;
    try (ConfigurableApplicationContext first = SpringApplication.run(ApprovalPlatformApplication.class, args)) {
      ProcessEngine engine = first.getBean(ProcessEngine.class);
      engine.getRepositoryService().createDeployment().name("restart-test")
          .addClasspathResource("test-models/two-groups.bpmn").deploy();
      instanceId = engine.getRuntimeService().startProcessInstanceByKey("foundation-two-groups", "RESTART-1").getId();
      deployments = engine.getRepositoryService().createDeploymentQuery().count();
    }
    try (ConfigurableApplicationContext second = SpringApplication.run(ApprovalPlatformApplication.class, args)) {
      ProcessEngine engine = second.getBean(ProcessEngine.class);
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instanceId).singleResult())
          .isNotNull().extracting(p -> p.getBusinessKey()).isEqualTo("RESTART-1");
      assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instanceId).singleResult().getName())
          .isEqualTo("信息处审核");
      assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
      assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME).count())
          .isLessThanOrEqualTo(1);
      assertThat(engine.getIdentityService().createUserQuery().userId("xinxi").count()).isEqualTo(1);
    } finally {
      FileSystemUtils.deleteRecursively(dir);
    }
  }
}
