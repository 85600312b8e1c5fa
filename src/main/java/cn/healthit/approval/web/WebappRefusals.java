package cn.healthit.approval.web;

import jakarta.servlet.ServletRegistration;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The webapps' own engine API ({@code /camunda/api/engine}, what Tasklist calls) answers the platform's refusals
 * as /engine-rest does — HTTP 400 with the field and the Chinese message (409 for a lost race) — instead of
 * Camunda's 500. Camunda's webapp initializer registers that API as the Jersey servlet 「Engine Api」; this adds
 * the refusal-aware exception handlers of {@link EngineRestConfig} to it before it starts.
 */
@Component
public class WebappRefusals implements ServletContextInitializer, Ordered {

  static final String ENGINE_API = "Engine Api";

  private final String applicationPath;

  public WebappRefusals(@org.springframework.beans.factory.annotation.Value("${camunda.bpm.webapp.application-path:/camunda}")
      String applicationPath) {
    this.applicationPath = applicationPath;
  }

  @Override
  public void onStartup(jakarta.servlet.ServletContext servletContext) {
    String providers = String.join(",", EngineRestConfig.RefusalHandler.class.getName(),
        EngineRestConfig.RefusalAwareRestExceptionHandler.class.getName(),
        EngineRestConfig.RefusalAwareProcessEngineExceptionHandler.class.getName(),
        EngineRestConfig.RefusalAwareExceptionHandler.class.getName(), TaskPageRequestFilter.class.getName());
    ServletRegistration engineApi = servletContext.getServletRegistration(ENGINE_API);
    if (engineApi == null) {
      // first: register it as Camunda's initializer would, which then keeps this registration
      engineApi = servletContext.addServlet(ENGINE_API, org.glassfish.jersey.servlet.ServletContainer.class);
      engineApi.addMapping(applicationPath + "/api/engine/*");
      engineApi.setInitParameter("jakarta.ws.rs.Application", org.camunda.bpm.webapp.impl.engine.EngineRestApplication.class.getName());
    }
    engineApi.setInitParameter("jersey.config.server.provider.classnames", providers);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE; // before Camunda's webapp initializer, which keeps a registration it finds
  }
}
