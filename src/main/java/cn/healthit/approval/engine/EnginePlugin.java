package cn.healthit.approval.engine;

import cn.healthit.approval.input.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The platform's hooks into the engine. This is one of the few places that touches Camunda's
 * {@code impl} packages: engine plugins, pre-deployers and parse listeners have no public API.
 * <ul>
 *   <li>expressions reach only delegate beans ({@link DelegateBeans});</li>
 *   <li>every deployment passes {@link ModelSafetyCheck} and {@link ModelReferenceCheck} before the engine parses it
 *   (whoever sends it: Modeler, REST, Cockpit, {@link ModelDeployer}); a refusal deploys nothing;</li>
 *   <li>{@link BusinessKeyParseListener} guards every process start;</li>
 *   <li>{@link ContractServices} put {@link TaskContract} in front of every request that carries variables in:
 *   the deployed form is the step's contract;</li>
 *   <li>{@link OpinionCommentParseListener} keeps every decision and opinion as a task comment;</li>
 *   <li>{@link DisplayLabelParseListener} gives every user task's form names and formatted amounts to show;</li>
 *   <li>{@link ConsultationParseListener} closes a step's unanswered 征求意见 when the step ends;</li>
 *   <li>{@link DirectResubmissionParseListener} keeps {@code resubmitTo} defined where a model allows direct resubmission;</li>
 *   <li>{@link EngineCustomizer}s (such as the working-day calendar) are applied.</li>
 * </ul>
 */
@Component
public class EnginePlugin implements ProcessEnginePlugin {

  private final ApplicationContext context;
  private final ObjectProvider<EngineCustomizer> customizers;

  private final ProjectNumbers projectNumbers;

  public EnginePlugin(ApplicationContext context, ObjectProvider<EngineCustomizer> customizers, ProjectNumbers projectNumbers) {
    this.context = context;
    this.customizers = customizers;
    this.projectNumbers = projectNumbers;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DelegateBeans beans = new DelegateBeans(context);
    configuration.setBeans(beans);
    configuration.setExpressionManager(new SpringExpressionManager(context, beans));

    if (configuration.getCustomPreDeployers() == null) {
      configuration.setCustomPreDeployers(new ArrayList<>());
    }
    EnginePlatform platform = new EnginePlatform(configuration, beans);
    configuration.getCustomPreDeployers().add(deployment -> {
      if (!deployment.isNew()) {
        // the engine re-parses a stored model into its cache (another node, a restart, an evicted entry) with only the
        // model's own resources: it was checked when it was deployed, and a refusal here would make it unusable
        return;
      }
      Map<String, byte[]> resources = new LinkedHashMap<>();
      for (ResourceEntity resource : deployment.getResources().values()) {
        String name = resource.getName();
        if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
          ModelSafetyCheck.check(name, resource.getBytes());
        }
        resources.put(name, resource.getBytes());
      }
      platform.carryForwardUnchangedForms(deployment, ModelReferenceCheck.missingDeploymentBoundForms(resources))
          .forEach(resources::put);
      List<String> problems = ModelReferenceCheck.problems(resources, platform);
      if (!problems.isEmpty()) {
        throw new InvalidInputException("deployment", ModelReferenceCheck.message(problems));
      }
    });

    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new BusinessKeyParseListener(projectNumbers));
    configuration.getCustomPostBPMNParseListeners().add(new OpinionCommentParseListener());
    configuration.getCustomPostBPMNParseListeners().add(new DisplayLabelParseListener(context));
    configuration.getCustomPostBPMNParseListeners().add(new ConsultationParseListener(context));
    configuration.getCustomPostBPMNParseListeners().add(new DirectResubmissionParseListener());
    ContractServices.install(configuration);
    customizers.orderedStream().forEach(customizer -> customizer.customize(configuration));
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {}

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {}

  /** What exists, as the pre-deployer sees it inside the deployment's own command. */
  static final class EnginePlatform implements ModelReferenceCheck.Platform {
    private final ProcessEngineConfigurationImpl configuration;
    private final DelegateBeans beans;
    private volatile Map<String, String> formFiles; // the platform's forms (forms/ on the class path): id → file
    private volatile Set<String> fieldKeys;

    EnginePlatform(ProcessEngineConfigurationImpl configuration, DelegateBeans beans) {
      this.configuration = configuration;
      this.beans = beans;
    }

    /**
     * Camunda Modeler deploys with {@code deploy-changed-only=true}: a form the analyst attached but did not change
     * since the last deployment of the same name is left out, and the new diagram's deployment-bound formRef would find
     * nothing. Such a form — its latest version belongs to an earlier deployment of this name — is added to this
     * deployment again, so the new version has all its forms. Returns what was added (file name → content).
     */
    Map<String, byte[]> carryForwardUnchangedForms(DeploymentEntity deployment, Set<String> formIds) {
      Map<String, byte[]> added = new LinkedHashMap<>();
      if (formIds.isEmpty() || deployment.getName() == null) {
        return added;
      }
      CommandContext context = Context.getCommandContext();
      for (String formId : formIds) {
        var form = context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(formId);
        if (form == null || form.getDeploymentId().equals(deployment.getId()) || deployment.getResources() == null
            || deployment.getResources().values().stream().anyMatch(r -> r.getName().equals(form.getResourceName()))) {
          continue; // in this deployment already (a restarted node's deployment sees its own forms here)
        }
        var previous = context.getDeploymentManager().findDeploymentById(form.getDeploymentId());
        if (previous == null || !deployment.getName().equals(previous.getName())) {
          continue;
        }
        ResourceEntity old = context.getResourceManager()
            .findResourceByDeploymentIdAndResourceName(previous.getId(), form.getResourceName());
        ResourceEntity copy = new ResourceEntity();
        copy.setName(old.getName());
        copy.setBytes(old.getBytes());
        copy.setDeploymentId(deployment.getId());
        copy.setType(org.camunda.bpm.engine.repository.ResourceTypes.REPOSITORY.getValue());
        copy.setCreateTime(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime());
        context.getResourceManager().insertResource(copy);
        deployment.addResource(copy);
        added.put(copy.getName(), copy.getBytes());
      }
      return added;
    }

    @Override
    public boolean isBean(String name) {
      return beans.containsKey(name);
    }

    @Override
    public Set<String> missingGroups(Set<String> groupIds) {
      CommandContext context = Context.getCommandContext();
      boolean checking = context.isAuthorizationCheckEnabled();
      context.disableAuthorizationCheck(); // the deployer may deploy; whether a group exists is no secret to them
      try {
        Set<String> missing = new HashSet<>(groupIds);
        configuration.getIdentityService().createGroupQuery().groupIdIn(groupIds.toArray(String[]::new)).list()
            .forEach(group -> missing.remove(group.getId()));
        return missing;
      } finally {
        if (checking) {
          context.enableAuthorizationCheck();
        }
      }
    }

    @Override
    public boolean formDeployed(String formId, Integer version) {
      var forms = Context.getCommandContext().getCamundaFormDefinitionManager();
      return (version == null ? forms.findLatestDefinitionByKey(formId)
          : forms.findDefinitionByKeyVersionAndTenantId(formId, version, null)) != null;
    }

    @Override
    public Set<String> fieldKeys() {
      load();
      return fieldKeys;
    }

    @Override
    public Optional<String> formFile(String formId) {
      load();
      return Optional.ofNullable(formFiles.get(formId));
    }

    private void load() {
      if (formFiles != null) {
        return;
      }
      Map<String, String> files = new HashMap<>();
      Set<String> keys = new HashSet<>();
      try {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (Map.Entry<String, byte[]> resource : ModelDeployer.resources().entrySet()) {
          if (resource.getKey().endsWith(".form")) {
            var form = json.readTree(new String(resource.getValue(), StandardCharsets.UTF_8));
            files.put(form.path("id").asText(), resource.getKey());
            form.findValues("key").forEach(k -> keys.add(k.asText()));
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the platform's forms", e);
      }
      fieldKeys = Set.copyOf(keys);
      formFiles = Map.copyOf(files);
    }
  }
}
