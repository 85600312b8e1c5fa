package cn.healthit.approval.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The platform in a JVM of its own (the test's class path, the {@code postgres} profile, job
 * executor on), as an operator runs a node: for crash and cluster tests that must kill a process
 * with SIGKILL or run two nodes on one database. Output goes to target/nodes/&lt;name&gt;.log.
 */
public final class Node implements AutoCloseable {

  private final String name;
  private final String databaseUrl;
  private final int port;
  private final Map<String, String> extra;
  private Process process;

  public Node(String name, String databaseUrl, Map<String, String> extra) {
    this.name = name;
    this.databaseUrl = databaseUrl;
    this.port = freePort();
    this.extra = extra;
  }

  public int port() {
    return port;
  }

  public String name() {
    return name;
  }

  /**
   * Starts the JVM and waits (at most three minutes) until a demo reviewer sees a deployed model: the
   * web server answers a little before the start-up deployment and the organisation's seeding finish.
   */
  public Node start() throws IOException, InterruptedException {
    Path log = Path.of("target", "nodes", name + ".log");
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Dfile.encoding=UTF-8", "-Duser.timezone=Asia/Shanghai",
        "-cp", System.getProperty("java.class.path"),
        "cn.healthit.approval.ApprovalPlatformApplication",
        "--spring.profiles.active=postgres",
        "--server.port=" + port,
        "--spring.datasource.url=" + databaseUrl,
        "--camunda.bpm.generic-properties.properties.hostname=" + name,
        "--camunda.bpm.generic-properties.properties.login-delay-base=0",
        // the readiness probe below asks as zh-unit before the organisation is seeded (401 each time): the login
        // throttle would lock the probe's source out of zh-unit after five tries
        "--platform.login.max-failures-per-account=1000000", "--platform.login.max-failures-per-source=1000000",
        "--logging.level.org.camunda.bpm.engine.context=OFF"));
    extra.forEach((key, value) -> command.add("--" + key + "=" + value));
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    HttpClient client = HttpClient.newHttpClient();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node " + name + " exited with " + process.exitValue() + ", see " + log);
      }
      try {
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/engine-rest/process-definition/key/zhuhai-project"))
            .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("zh-unit:demo".getBytes()))
            .build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("node " + name + " did not answer within three minutes, see " + log);
  }

  /** SIGKILL: no shutdown hook, no flushing, exactly what a power cut or the OOM killer does. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM: Spring's orderly shutdown. */
  public void stop() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  /** The JVM's thread dump ({@code jcmd Thread.print}), also written to target/nodes/&lt;name&gt;-threads.txt; for failure reports. */
  public String threadDump() {
    try {
      Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
          String.valueOf(process.pid()), "Thread.print").redirectErrorStream(true).start();
      String dump = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      jcmd.waitFor();
      Files.writeString(Path.of("target", "nodes", name + "-threads.txt"), dump);
      return dump;
    } catch (IOException | InterruptedException e) {
      return "no thread dump: " + e;
    }
  }

  public long pid() {
    return process.pid();
  }

  public Rest as(String user) {
    return Rest.as(port, user);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  /** A fresh, empty PostgreSQL database beside the one the suite uses; returns its JDBC URL. */
  public static String freshDatabase(String database) throws SQLException {
    String suiteUrl = System.getenv().getOrDefault("PLATFORM_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/approval_test");
    String server = suiteUrl.substring(0, suiteUrl.lastIndexOf('/') + 1);
    try (Connection c = DriverManager.getConnection(server + "postgres", System.getenv().getOrDefault("PLATFORM_DB_USER", "postgres"),
        System.getenv().getOrDefault("PLATFORM_DB_PASSWORD", ""));
         Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0");
    }
    return server + database;
  }

  /** Whether this run is the PostgreSQL one ({@code -Ppostgres}). */
  public static boolean onPostgres() {
    return String.valueOf(System.getProperty("spring.profiles.active")).contains("postgres");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

}
