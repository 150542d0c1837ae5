package dev.parkedge.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What {@code /proc/PID} says about a process: resident memory ({@code VmRSS}), threads, open file
 * descriptors and bytes it caused to be written to storage ({@code write_bytes} of {@code io}).
 */
public record ProcessStats(long rssKb, int threads, int fds, long writeBytes) {

  public static ProcessStats of(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      long rss = -1;
      int threads = -1;
      for (String line : Files.readAllLines(proc.resolve("status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("\\D", ""));
        } else if (line.startsWith("Threads:")) {
          threads = Integer.parseInt(line.replaceAll("\\D", ""));
        }
      }
      int fds;
      try (Stream<Path> open = Files.list(proc.resolve("fd"))) {
        fds = (int) open.count();
      }
      long written = -1;
      for (String line : Files.readAllLines(proc.resolve("io"))) {
        if (line.startsWith("write_bytes:")) {
          written = Long.parseLong(line.substring("write_bytes:".length()).trim());
        }
      }
      if (rss < 0 || written < 0) {
        throw new IllegalStateException(
            "/proc/" + pid + " has no VmRSS in status or no write_bytes in io");
      }
      return new ProcessStats(rss, threads, fds, written);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/" + pid + " (has it exited?)", e);
    }
  }

  public long rssMb() {
    return rssKb / 1024;
  }

  /** Resident memory to a tenth of a MB, as the benchmarks report it: {@code 62.7 MB}. */
  public String rssText() {
    return String.format(Locale.ROOT, "%.1f MB", rssKb / 1024.0);
  }
}
