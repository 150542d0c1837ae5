package dev.parkedge.gateway.reliability;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small filesystem of its own (a tmpfs of a few MB mounted on a folder), that a test fills up
 * with a ballast file until writes fail with ENOSPC, and empties again. Needs root with
 * CAP_SYS_ADMIN (CI runs as root in a privileged container); fails, never skips, without it.
 */
final class TinyDisk implements AutoCloseable {

  private final Path mountPoint;
  private final Path ballast;

  private TinyDisk(Path mountPoint) {
    this.mountPoint = mountPoint;
    this.ballast = mountPoint.resolve("ballast");
  }

  static TinyDisk mount(Path mountPoint, int megabytes) throws IOException, InterruptedException {
    Files.createDirectories(mountPoint);
    run(
        "mounting a " + megabytes + " MB tmpfs on " + mountPoint,
        List.of(
            "mount",
            "-t",
            "tmpfs",
            "-o",
            "size=" + megabytes + "m",
            "tmpfs",
            mountPoint.toString()));
    return new TinyDisk(mountPoint);
  }

  /** Writes the ballast until the filesystem refuses with ENOSPC; returns the bytes written. */
  long fill() throws IOException {
    byte[] chunk = new byte[16 * 1024];
    long written = 0;
    try (OutputStream out = Files.newOutputStream(ballast)) {
      while (true) {
        out.write(chunk);
        written += chunk.length;
      }
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("No space left on device")) {
        throw e;
      }
    }
    // the last chunk may have partly fitted: top up byte by byte-sized pieces
    try (OutputStream out =
        Files.newOutputStream(ballast, java.nio.file.StandardOpenOption.APPEND)) {
      while (true) {
        out.write(new byte[512]);
        out.flush();
        written += 512;
      }
    } catch (IOException full) {
      return written;
    }
  }

  long usableBytes() throws IOException {
    return Files.getFileStore(mountPoint).getUsableSpace();
  }

  /** Space returns: the ballast goes. */
  void empty() throws IOException {
    Files.deleteIfExists(ballast);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run("unmounting " + mountPoint, List.of("umount", "-l", mountPoint.toString()));
  }

  private static void run(String what, List<String> command)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
      fail(
          what
              + " failed ("
              + String.join(" ", command)
              + "): "
              + output.strip()
              + ". The full-disk test needs root with CAP_SYS_ADMIN to mount a tmpfs; run it as"
              + " .ci/run does (as root, in a privileged container).");
    }
  }
}
