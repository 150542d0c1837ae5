package dev.parkedge.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JVM options and environment the daemon ships with (packaging/README.md: the package must
 * start it with exactly these). Benchmarks and the soak run the jar with them.
 */
public final class ShippedJvm {

  /**
   * The JVM options the package starts the daemon with: read from the package's own list ({@code
   * packaging/src/deb/jvm.options}), so the harness can never measure other options than the ones
   * shipped.
   */
  public static final List<String> OPTIONS = shippedOptions();

  private static List<String> shippedOptions() {
    Path list = Path.of("..", "packaging", "src", "deb", "jvm.options");
    try {
      return Files.readAllLines(list).stream()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the shipped JVM options from " + list.toAbsolutePath(), e);
    }
  }

  public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

  /**
   * The shipped options with the install's class-data sharing archive, as the package's launcher
   * adds it (java.sh).
   */
  public static List<String> withArchive(Path archive) {
    List<String> options = new ArrayList<>(OPTIONS);
    options.add("-XX:SharedArchiveFile=" + archive);
    options.add("-Xshare:auto");
    return List.copyOf(options);
  }

  /** Whether these are the shipped options, with or without the archive. */
  static boolean isShipped(List<String> options) {
    return options.size() >= OPTIONS.size() && options.subList(0, OPTIONS.size()).equals(OPTIONS);
  }

  private ShippedJvm() {}
}
