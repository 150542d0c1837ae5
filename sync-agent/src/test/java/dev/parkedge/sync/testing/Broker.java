package dev.parkedge.sync.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Mosquitto of the test's own, TLS only, with a password file and the shipped example ACL
 * (examples/mosquitto/acl): certificates made by openssl, passwords by mosquitto_passwd. Can be
 * killed (SIGKILL) and started again on the same port. Fails, never skips, without mosquitto.
 */
public final class Broker implements AutoCloseable {
  public static final String PASSWORD = "secret-";

  private final Path dir;
  private final int port;
  private Process process;

  private Broker(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Users of the example ACL; each one's password is {@code secret-<user>}. */
  public static final List<String> USERS =
      List.of("acme.s1", "acme.s2", "other.s1", "hq-acme", "hq-other");

  public static Broker start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    certificates(dir);
    Path passwd = dir.resolve("passwd");
    Files.deleteIfExists(passwd);
    Files.createFile(passwd);
    for (String user : USERS) {
      run(dir, find("mosquitto_passwd").toString(), "-b", passwd.toString(), user, PASSWORD + user);
    }
    Files.copy(
        Path.of("examples/mosquitto/acl"),
        dir.resolve("acl"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> lines =
        new ArrayList<>(
            List.of(
                "per_listener_settings false",
                "listener " + port + " 127.0.0.1",
                "cafile " + dir.resolve("ca.crt"),
                "certfile " + dir.resolve("server.crt"),
                "keyfile " + dir.resolve("server.key"),
                "allow_anonymous false",
                "password_file " + passwd,
                "acl_file " + dir.resolve("acl"),
                "persistence false",
                "max_inflight_messages 100",
                "max_queued_messages 10000",
                "log_dest stderr",
                "log_type error",
                "log_type warning"));
    if ("root".equals(System.getProperty("user.name"))) {
      lines.add("user root");
    }
    Files.write(dir.resolve("mosquitto.conf"), lines);
    Broker broker = new Broker(dir, port);
    broker.launch();
    return broker;
  }

  public String url() {
    return "ssl://127.0.0.1:" + port;
  }

  public Path ca() {
    return dir.resolve("ca.crt");
  }

  public Path dir() {
    return dir;
  }

  /** SIGKILL: no clean disconnects, sessions and queued messages gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  public void restart() throws IOException, InterruptedException {
    launch();
  }

  private void launch() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                find("mosquitto").toString(), "-c", dir.resolve("mosquitto.conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log")));
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    fail("mosquitto did not listen on " + port);
  }

  private static void certificates(Path dir) throws IOException, InterruptedException {
    if (Files.exists(dir.resolve("server.crt"))) {
      return;
    }
    String openssl = find("openssl").toString();
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    run(
        dir,
        openssl,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "2",
        "-subj",
        "/CN=parkedge-test-ca");
    run(
        dir,
        openssl,
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=localhost");
    run(
        dir,
        openssl,
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.crt",
        "-days",
        "2",
        "-extfile",
        "san.ext");
  }

  static void run(Path dir, String... command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      fail(String.join(" ", command) + " failed: " + output);
    }
  }

  static Path find(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
    Optional<Path> found =
        Stream.of(path.split(File.pathSeparator))
            .filter(d -> !d.isEmpty())
            .map(d -> Path.of(d, name))
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isEmpty()) {
      fail(
          name
              + " is not installed: these tests need it (apt-get install mosquitto openssl; .ci/run does)");
    }
    return found.get();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
