package cn.healthit.approval.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** A tiny HTTP client for tests that go through /engine-rest and /api as a given user. */
public final class Rest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;
  private final String user;
  private final String password;

  private Rest(int port, String user, String password) {
    this.port = port;
    this.user = user;
    this.password = password;
  }

  public static Rest as(int port, String user) {
    return new Rest(port, user, "demo");
  }

  public static Rest as(int port, String user, String password) {
    return new Rest(port, user, password);
  }

  public static Rest anonymous(int port) {
    return new Rest(port, null, null);
  }

  /** The id of the Tasklist filter of that name this user may read (GET /engine-rest/filter), or null. */
  public String filterId(String name) {
    for (JsonNode filter : get("/engine-rest/filter").json()) {
      if (filter.get("name").asText().equals(name)) {
        return filter.get("id").asText();
      }
    }
    return null;
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response post(String path, Object body) {
    try {
      String json = body instanceof String s ? s : JSON.writeValueAsString(body);
      return send(request(path).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** POST with an Accept header, e.g. {@code application/hal+json} as Tasklist asks for its task list. */
  public Response post(String path, Object body, String accept) {
    return send(request(path).header("Content-Type", "application/json").header("Accept", accept)
        .POST(HttpRequest.BodyPublishers.ofString(json(body), StandardCharsets.UTF_8)));
  }

  public Response put(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json(body), StandardCharsets.UTF_8)));
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  private static String json(Object body) {
    try {
      return body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A multipart/form-data POST with one file part, as /engine-rest/deployment/create takes it. */
  public Response postFile(String path, String partName, String fileName, String content) {
    String boundary = "----platform" + System.nanoTime();
    String body = "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\nfrom-rest\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"" + partName + "\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
    return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  /** A multipart/form-data POST: text fields, then one binary file part named {@code file}. */
  public Response postMaterial(String path, Map<String, String> fields, String fileName, byte[] content) {
    Multipart body = Multipart.of(fields, fileName, content);
    return send(request(path).header("Content-Type", body.contentType()).POST(body.publisher()));
  }

  /** A multipart body as browsers send it. */
  public record Multipart(String contentType, byte[] bytes) {
    public static Multipart of(Map<String, String> fields, String fileName, byte[] content) {
      String boundary = "----platform" + System.nanoTime();
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      fields.forEach((name, value) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
          + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
      if (fileName != null) {
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return new Multipart("multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    public HttpRequest.BodyPublisher publisher() {
      return HttpRequest.BodyPublishers.ofByteArray(bytes);
    }
  }

  /** GET returning the raw bytes and headers (downloads). */
  public HttpResponse<byte[]> download(String path) {
    try {
      return CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (user != null) {
      String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      builder.header("Authorization", "Basic " + token);
    }
    return builder;
  }

  private Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.body());
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  public record Response(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("not JSON: " + body, e);
      }
    }
  }
}
