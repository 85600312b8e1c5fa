package cn.healthit.approval;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** One Spring Boot application: the engine, Tasklist, Cockpit, Admin, /engine-rest and /api. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ApprovalPlatformApplication {

  public static void main(String[] args) {
    SpringApplication.run(ApprovalPlatformApplication.class, args);
  }
}
