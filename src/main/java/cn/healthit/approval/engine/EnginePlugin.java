package cn.healthit.approval.engine;

import java.util.ArrayList;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
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
 *   <li>every deployment passes {@link ModelSafetyCheck} before the engine parses it;</li>
 *   <li>{@link BusinessKeyParseListener} guards every process start;</li>
 *   <li>{@link ContractServices} put {@link TaskContract} in front of every request that carries variables in:
 *   the deployed form is the step's contract;</li>
 *   <li>{@link OpinionCommentParseListener} keeps every decision and opinion as a task comment;</li>
 *   <li>{@link DisplayLabelParseListener} gives every user task's form names and formatted amounts to show;</li>
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
    configuration.getCustomPreDeployers().add(deployment -> {
      for (ResourceEntity resource : deployment.getResources().values()) {
        String name = resource.getName();
        if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
          ModelSafetyCheck.check(name, resource.getBytes());
        }
      }
    });

    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new BusinessKeyParseListener(projectNumbers));
    configuration.getCustomPostBPMNParseListeners().add(new OpinionCommentParseListener());
    configuration.getCustomPostBPMNParseListeners().add(new DisplayLabelParseListener(context));
    ContractServices.install(configuration);
    customizers.orderedStream().forEach(customizer -> customizer.customize(configuration));
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {}

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {}
}
