package cn.healthit.approval.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform's name in the webapps (title, header, login page): {@code platform.name} in application.yaml, by
 * default 「医院信息化项目审批平台」. Each app's {@code scripts/config.js} ({@code app.vendor}) and Chinese
 * {@code locales/zh.json} (the login heading) are the platform's own files on the class path and carry the default
 * name; served from here, the configured name takes its place. Everything else of the webapps is Camunda's,
 * served as Camunda serves it (docs/webapps-zh.md "Name and look").
 */
@RestController
public class BrandingController {

  public static final String DEFAULT_NAME = "医院信息化项目审批平台";
  private static final String APPS = "{app:tasklist|cockpit|admin|welcome}";

  private final String name;
  private final Map<String, String> files = new ConcurrentHashMap<>();

  public BrandingController(@Value("${platform.name:" + DEFAULT_NAME + "}") String name) {
    this.name = name == null || name.isBlank() ? DEFAULT_NAME : name.strip();
  }

  @GetMapping(value = "/camunda/app/" + APPS + "/scripts/config.js")
  public ResponseEntity<String> config(@PathVariable String app) {
    // a JavaScript string literal in single quotes
    String quoted = name.replace("\\", "\\\\").replace("'", "\\'").replace("\n", " ");
    return answer(MediaType.valueOf("text/javascript;charset=UTF-8"),
        file(app + "/scripts/config.js").replace("'" + DEFAULT_NAME + "'", "'" + quoted + "'"));
  }

  @GetMapping(value = "/camunda/app/" + APPS + "/locales/zh.json")
  public ResponseEntity<String> translation(@PathVariable String app) {
    // inside JSON strings; Camunda renders some texts as HTML, so no markup either
    String safe = name.replace("\\", "").replace("\"", "").replace("<", "").replace(">", "").replace("\n", " ");
    return answer(MediaType.valueOf("application/json;charset=UTF-8"), file(app + "/locales/zh.json").replace(DEFAULT_NAME, safe));
  }

  /** One stylesheet for the four apps (Camunda's logo replaced by the favicon, no Camunda 8 banner). */
  @GetMapping(value = "/camunda/app/" + APPS + "/styles/user-styles.css")
  public ResponseEntity<String> styles(@PathVariable String app) {
    return answer(MediaType.valueOf("text/css;charset=UTF-8"), files.computeIfAbsent("user-styles.css",
        p -> read(new ClassPathResource("webapps/user-styles.css"))));
  }

  private static ResponseEntity<String> answer(MediaType type, String body) {
    return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.noCache()).body(body);
  }

  private String file(String path) {
    return files.computeIfAbsent(path, p -> read(new ClassPathResource("META-INF/resources/webjars/camunda/app/" + p)));
  }

  private static String read(ClassPathResource resource) {
    try (InputStream in = resource.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
