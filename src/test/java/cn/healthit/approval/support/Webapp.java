package cn.healthit.approval.support;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A browser-like client of the webapps: cookies kept, the CSRF token read from the XSRF-TOKEN cookie. */
public final class Webapp {
  private final int port;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client;
  private final List<String> setCookies = new ArrayList<>();

  /** Every Set-Cookie header the server sent so far. */
  public List<String> setCookies() {
    return List.copyOf(setCookies);
  }

  public Webapp(int port) {
    this.port = port;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
  }

  public HttpResponse<String> send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      setCookies.addAll(response.headers().allValues("Set-Cookie"));
      return response;
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
  }

  /** The newest token the server handed out (a login starts a new session with a new token). */
  public String token() {
    String token = "";
    for (String cookie : setCookies) {
      if (cookie.startsWith("XSRF-TOKEN=")) {
        token = cookie.substring("XSRF-TOKEN=".length()).split(";")[0];
      }
    }
    return token;
  }

  public Rest.Response get(String path) {
    HttpResponse<String> r = send(request(path).header("Accept", "application/json").GET());
    return new Rest.Response(r.statusCode(), r.body());
  }

  public HttpResponse<String> loginResponse(String user, String password) {
    send(request("/camunda/app/tasklist/default/").GET()); // a first page view hands out the XSRF-TOKEN cookie
    String form = "username=" + user + "&password=" + password;
    HttpResponse<String> login = send(request("/camunda/api/admin/auth/user/default/login/tasklist")
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token())
        .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(form)));
    send(request("/camunda/api/admin/auth/user/default").header("Accept", "application/json").GET()); // as Tasklist does next
    return login;
  }

  public Rest.Response login(String user, String password) {
    HttpResponse<String> r = loginResponse(user, password);
    return new Rest.Response(r.statusCode(), r.body());
  }

  public HttpResponse<String> post(String path, String json, boolean withToken) {
    return withToken ? postWithToken(path, json, token()) : send(request(path).header("Content-Type", "application/json")
        .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> postWithToken(String path, String json, String token) {
    return send(request(path).header("Content-Type", "application/json").header("Accept", "application/json")
        .header("X-XSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** POST with the CSRF token and an Accept header, e.g. {@code application/hal+json, application/json; q=0.5} as Tasklist's list. */
  public HttpResponse<String> post(String path, String json, String accept, boolean withToken) {
    HttpRequest.Builder builder = request(path).header("Content-Type", "application/json").header("Accept", accept);
    return send((withToken ? builder.header("X-XSRF-TOKEN", token()) : builder).POST(HttpRequest.BodyPublishers.ofString(json)));
  }
}
