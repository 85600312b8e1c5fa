package cn.healthit.approval.engine;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/** A feature's own adjustment of the engine configuration (e.g. a business calendar), applied in preInit. */
public interface EngineCustomizer {

  void customize(ProcessEngineConfigurationImpl configuration);
}
