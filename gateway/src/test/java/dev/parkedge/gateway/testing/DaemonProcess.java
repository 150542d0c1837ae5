package dev.parkedge.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real daemon jar run as an installer runs it ({@code parkedge run -c gateway.yaml}), its log
 * in the test's folder, and the CLI against it.
 */
public final class DaemonProcess implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final String name;
  private final List<String> jvmOptions;
  private final java.util.Map<String, String> environment = new java.util.HashMap<>();
  private Process process;
  private int starts;

  /**
   * @param name names the log kept in target/ after the test
   */
  public DaemonProcess(Path dir, String name) {
    this(dir, name, List.of());
  }

  /**
   * A daemon run with these JVM options ({@link ShippedJvm#OPTIONS} and its environment, as the
   * package runs it, or none for the JVM's defaults).
   */
  public DaemonProcess(Path dir, String name, List<String> jvmOptions) {
    this.dir = dir;
    this.name = name;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  /** Sets an environment variable for the daemon's next starts (e.g. LD_PRELOAD). */
  public DaemonProcess environment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Starts the daemon and waits until it says it is ready. */
  public void start() throws IOException {
    startTimed();
  }

  /** Starts the daemon; returns the milliseconds from starting the process to its ready line. */
  public long startTimed() throws IOException {
    long started = System.nanoTime();
    Path log = launch();
    Eventually.await(
        "the daemon logs 'parkedge ready' (" + log + ")",
        java.time.Duration.ofSeconds(60),
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError("the daemon exited at start: " + read(log));
          }
          return read(log).contains("parkedge ready");
        });
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }

  /** Starts the daemon's process and returns at once (to kill it while it starts). */
  public void startNoWait() throws IOException {
    launch();
  }

  private Path launch() throws IOException {
    Path log = dir.resolve("daemon-" + ++starts + ".log");
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar().toString(), "run", "-c", gatewayYaml().toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    if (ShippedJvm.isShipped(jvmOptions)) {
      builder.environment().putAll(ShippedJvm.ENVIRONMENT);
    }
    builder.environment().putAll(environment);
    process = builder.start();
    return log;
  }

  /** The running daemon's process id. */
  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  /** Resident memory, threads, file descriptors and bytes written of the running daemon. */
  public ProcessStats stats() {
    return ProcessStats.of(process.pid());
  }

  /** The gateway.yaml the daemon runs with. */
  public Path gatewayYaml() {
    return dir.resolve("gateway.yaml");
  }

  /** The log of the current (or last) run. */
  public String log() {
    return read(dir.resolve("daemon-" + starts + ".log"));
  }

  /** {@code kill -9}: no shutdown hook runs, nothing is flushed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM, and waits for the clean stop. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Runs {@code parkedge ARGS -c gateway.yaml}, expects exit 0, and parses its JSON output. */
  public JsonNode cli(String... args) {
    List<String> command = new ArrayList<>(List.of("java", "-jar", jar().toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("-c", gatewayYaml().toString()));
    try {
      Process cli = new ProcessBuilder(command).start();
      String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(cli.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(cli.waitFor()).as("exit of %s: %s %s", command, out, err).isZero();
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The runnable jar under test ({@code -Dparkedge.jar}, else target/parkedge.jar). */
  public static Path jar() {
    Path jar = Path.of(System.getProperty("parkedge.jar", "target/parkedge.jar")).toAbsolutePath();
    assertThat(jar).as("the runnable jar is built before integration tests").exists();
    return jar;
  }

  /** Kills the daemon if it still runs and keeps the logs of its runs in target/. */
  @Override
  public void close() throws Exception {
    if (process != null) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    for (int run = 1; run <= starts; run++) {
      Path log = dir.resolve("daemon-" + run + ".log");
      if (Files.exists(log)) {
        Files.copy(
            log,
            Path.of("target", name + "-run" + run + ".log"),
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
