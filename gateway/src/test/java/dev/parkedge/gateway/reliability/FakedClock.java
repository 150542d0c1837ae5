package dev.parkedge.gateway.reliability;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The wall clock of a real process set from outside, without privileges: libfaketime preloaded,
 * reading its offset from a file at every call ({@code FAKETIME_NO_CACHE}), monotonic time left
 * alone. Fails, never skips, without libfaketime (Debian's {@code faketime}; .ci/run installs it).
 */
final class FakedClock {

  private final Path library;
  private final Path offsetFile;
  private volatile Duration offset = Duration.ZERO;

  private FakedClock(Path library, Path offsetFile) {
    this.library = library;
    this.offsetFile = offsetFile;
  }

  static FakedClock in(Path dir) throws IOException {
    FakedClock clock = new FakedClock(library(), dir.resolve("faketime.rc"));
    clock.set(Duration.ZERO);
    return clock;
  }

  /** The variables that make a process read this clock. */
  java.util.Map<String, String> environment() {
    return java.util.Map.of(
        "LD_PRELOAD",
        library.toString(),
        "FAKETIME_TIMESTAMP_FILE",
        offsetFile.toString(),
        "FAKETIME_NO_CACHE",
        "1",
        "FAKETIME_DONT_FAKE_MONOTONIC",
        "1");
  }

  /** Sets the process's wall clock to the real one plus {@code by}. */
  void set(Duration by) throws IOException {
    Path next = offsetFile.resolveSibling("faketime.rc.next");
    Files.writeString(next, String.format(Locale.ROOT, "%+d%n", by.toSeconds()));
    Files.move(next, offsetFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    offset = by;
  }

  /** What the process's wall clock reads now. */
  Instant now() {
    return Instant.now().plus(offset);
  }

  private static Path library() throws IOException {
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(Path.of("/usr/lib"))) {
      for (Path folder : folders) {
        Path candidate = folder.resolve("faketime").resolve("libfaketime.so.1");
        if (Files.isReadable(candidate)) {
          return candidate;
        }
      }
    }
    fail(
        "libfaketime is not installed: the daemon clock test needs it to set a real process's"
            + " wall clock. Install it (apt-get install faketime); .ci/run does.");
    throw new AssertionError("unreachable");
  }
}
