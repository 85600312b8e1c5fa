package cn.healthit.approval.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ActiveProfilesResolver;

/**
 * The whole platform in one Spring context, shared by every test that carries this annotation:
 * engine, REST, webapps on a random port, demo organisation, all models deployed. Profiles come
 * from {@code spring.profiles.active} (the pom sets {@code test}, or {@code test,postgres-test}).
 * The job executor is off: tests execute jobs and timers themselves. Mail goes to an in-process
 * SMTP server ({@link TestMailServer}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = PlatformTest.Profiles.class)
@Import({TestMailServer.class, FlakyIntegration.class, CompletionProbe.class})
public @interface PlatformTest {

  class Profiles implements ActiveProfilesResolver {
    @Override
    public String[] resolve(Class<?> testClass) {
      String active = System.getProperty("spring.profiles.active");
      return (active == null || active.isBlank() ? "test" : active).split(",");
    }
  }
}
