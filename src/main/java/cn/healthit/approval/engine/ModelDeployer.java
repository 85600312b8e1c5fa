package cn.healthit.approval.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys everything under the repository's {@code processes/} and {@code forms/} (packaged onto
 * the class path by the pom) as ONE deployment, so a user task's {@code camunda:formRef} with
 * deployment binding finds its form. Duplicate filtering makes a restart with unchanged files a
 * no-op; a changed file deploys the whole set again as new versions. On several nodes the
 * engine's deployment lock serialises concurrent starts.
 */
@Component
@Order(10)
public class ModelDeployer implements ApplicationRunner {

  public static final String DEPLOYMENT_NAME = "approval-platform";
  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);

  private final RepositoryService repositoryService;

  public ModelDeployer(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    Map<String, byte[]> resources = resources();
    if (resources.isEmpty()) {
      LOG.warn("No models or forms found on the class path under processes/ and forms/");
      return;
    }
    DeploymentBuilder builder = repositoryService.createDeployment()
        .name(DEPLOYMENT_NAME)
        .source("approval-platform")
        .enableDuplicateFiltering(false);
    resources.forEach((name, bytes) -> builder.addInputStream(name, new java.io.ByteArrayInputStream(bytes)));
    Deployment deployment = builder.deploy();
    LOG.info("Deployment {} ({} resources): {}", DEPLOYMENT_NAME, resources.size(), deployment.getId());
  }

  /** Resource name (e.g. {@code processes/tianjin/tianjin-project.bpmn}) to content, sorted. */
  public static Map<String, byte[]> resources() throws IOException {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    Map<String, byte[]> out = new TreeMap<>();
    for (String pattern : new String[] {"classpath*:processes/**/*.bpmn", "classpath*:forms/**/*.form"}) {
      for (Resource resource : resolver.getResources(pattern)) {
        String url = resource.getURL().toString();
        String root = pattern.startsWith("classpath*:processes") ? "processes/" : "forms/";
        String name = url.substring(url.lastIndexOf(root));
        try (InputStream in = resource.getInputStream()) {
          out.put(name, in.readAllBytes());
        }
      }
    }
    return out;
  }
}
