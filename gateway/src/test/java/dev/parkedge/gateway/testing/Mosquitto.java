package dev.parkedge.gateway.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Mosquitto broker of its own on a free loopback port, for the MQTT integration tests. Fails
 * (never skips) when mosquitto is missing: CI installs it. Sessions live in the broker's memory, so
 * they survive the gateway's restarts as long as the broker runs.
 */
public final class Mosquitto implements AutoCloseable {

  private static final long START_TIMEOUT_MS = 10_000;

  private final int port;
  private final Process process;
  private final Path config;
  private final Path log;

  private Mosquitto(int port, Process process, Path config, Path log) {
    this.port = port;
    this.process = process;
    this.config = config;
    this.log = log;
  }

  /**
   * Starts a broker with its configuration and log in {@code dir}.
   *
   * @param maxInflight QoS 1 messages the broker sends a client before it waits for acks
   */
  public static Mosquitto start(Path dir, int maxInflight)
      throws IOException, InterruptedException {
    Path executable = find("mosquitto");
    int port = freePort();
    Path config = dir.resolve("mosquitto.conf");
    Path log = dir.resolve("mosquitto.log");
    List<String> lines =
        new java.util.ArrayList<>(
            List.of(
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence false",
                "max_inflight_messages " + maxInflight,
                "max_queued_messages 0",
                "log_dest stderr",
                "log_type error",
                "log_type warning"));
    if ("root".equals(System.getProperty("user.name"))) {
      lines.add("user root");
    }
    Files.write(config, lines);
    return launch(executable, port, config, log);
  }

  private static Mosquitto launch(Path executable, int port, Path config, Path log)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(executable.toString(), "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Mosquitto broker = new Mosquitto(port, process, config, log);
    broker.awaitListening();
    return broker;
  }

  /**
   * Another broker with this one's configuration on its port, after {@link #close}: a broker that
   * went away and came back (its sessions and queued messages are gone, as persistence is off).
   */
  public Mosquitto startAgain() throws IOException, InterruptedException {
    return launch(find("mosquitto"), port, config, log);
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("mosquitto exited at start: " + Files.readString(log));
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    fail("mosquitto did not listen on " + port + " within " + START_TIMEOUT_MS + " ms");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** An executable on the PATH or in /usr/sbin (where Debian puts mosquitto). */
  static Path find(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
    Optional<Path> found =
        Stream.of(path.split(File.pathSeparator))
            .filter(dir -> !dir.isEmpty())
            .map(dir -> Path.of(dir, name))
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isEmpty()) {
      fail(
          name
              + " is not installed: these tests need a real MQTT broker. Install it (apt-get"
              + " install mosquitto); .ci/run does.");
    }
    return found.get();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
