package cn.healthit.approval.support;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A reviewer logged in to the webapps the way Tasklist logs in (session cookie and CSRF token), for
 * tests of what the Tasklist tabs call with that session.
 */
public final class WebSession {

  private final int port;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client;

  private WebSession(int port) {
    this.port = port;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
  }

  /** Opens Tasklist, then logs in as {@code user} with the demo password; fails unless the login succeeds. */
  public static WebSession login(int port, String user) {
    WebSession session = new WebSession(port);
    session.get("/camunda/app/tasklist/default/");
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo";
    Rest.Response login = session.send(session.request("/camunda/api/admin/auth/user/default/login/tasklist")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", session.csrfToken())
        .POST(HttpRequest.BodyPublishers.ofString(form)));
    if (login.status() != 200) {
      throw new IllegalStateException("login of " + user + " failed: " + login.status() + " " + login.body());
    }
    session.get("/camunda/api/admin/auth/user/default"); // refreshes the CSRF cookie for the new session
    return session;
  }

  public String csrfToken() {
    return cookies.getCookieStore().get(URI.create("http://localhost:" + port + "/")).stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElse("");
  }

  public Rest.Response get(String path) {
    return send(request(path).GET());
  }

  /** A multipart upload with the session, with or without the CSRF header. */
  public Rest.Response postMaterial(String path, Map<String, String> fields, String fileName, byte[] content, boolean withCsrf) {
    Rest.Multipart body = Rest.Multipart.of(fields, fileName, content);
    HttpRequest.Builder builder = request(path).header("Content-Type", body.contentType());
    if (withCsrf) {
      builder.header("X-XSRF-TOKEN", csrfToken());
    }
    return send(builder.POST(body.publisher()));
  }

  /** A JSON request with the session and its CSRF header, as Tasklist sends one. */
  public Rest.Response postJson(String path, Object body) {
    try {
      return send(request(path).header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrfToken())
          .POST(HttpRequest.BodyPublishers.ofString(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
  }

  private Rest.Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Rest.Response(response.statusCode(), response.body());
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
