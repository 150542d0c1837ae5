package dev.parkedge.gateway.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Two linked pseudo-terminals made by socat, reached through stable symlinks {@code a} and {@code
 * b}: what one end writes the other reads, like two devices on a cable. {@link #unplug} ends socat,
 * so both terminals vanish as a USB adapter's do; {@link #plugIn} makes them again at the same
 * links. Fails (never skips) when socat is missing: CI installs it.
 */
public final class PtyPair implements AutoCloseable {

  private static final long LINK_TIMEOUT_MS = 5_000;

  private final Path a;
  private final Path b;
  private final Path log;
  private Process socat;

  private PtyPair(Path dir) {
    this.a = dir.resolve("a");
    this.b = dir.resolve("b");
    this.log = dir.resolve("socat.log");
  }

  /** Starts socat with its links in {@code dir} and waits until both terminals exist. */
  public static PtyPair start(Path dir) throws IOException, InterruptedException {
    requireSocat();
    PtyPair pair = new PtyPair(dir);
    pair.plugIn();
    return pair;
  }

  public Path a() {
    return a;
  }

  public Path b() {
    return b;
  }

  public boolean pluggedIn() {
    return socat != null && socat.isAlive();
  }

  /** (Re)starts socat at the same links and waits until both terminals exist. */
  public void plugIn() throws IOException, InterruptedException {
    if (pluggedIn()) {
      throw new IllegalStateException("socat is already running");
    }
    socat =
        new ProcessBuilder(
                "socat", "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINK_TIMEOUT_MS);
    while (!(Files.exists(a) && Files.exists(b))) {
      if (!socat.isAlive() || System.nanoTime() > deadline) {
        unplug();
        fail("socat did not make " + a + " and " + b + ": " + Files.readString(log));
      }
      Thread.sleep(10);
    }
  }

  /** Ends socat: both terminals vanish, as when a USB adapter is pulled out. */
  public void unplug() throws InterruptedException, IOException {
    if (socat == null) {
      return;
    }
    socat.destroy();
    if (!socat.waitFor(2, TimeUnit.SECONDS)) {
      socat.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
    }
    socat = null;
    Files.deleteIfExists(a);
    Files.deleteIfExists(b);
  }

  @Override
  public void close() throws IOException {
    try {
      unplug();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping socat", e);
    }
  }

  private static void requireSocat() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "socat"))) {
        return;
      }
    }
    fail(
        "socat is not on the PATH: these tests need real pseudo-terminals. Install it"
            + " (apt-get install socat); .ci/run does.");
  }
}
