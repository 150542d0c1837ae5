package dev.parkedge.gateway.cli;

import dev.parkedge.gateway.config.Durations;
import dev.parkedge.gateway.demo.Demo;
import dev.parkedge.gateway.storage.sqlite.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the real gateway pipeline on a simulated lot, with a live terminal view. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the real gateway pipeline on a simulated lot, with a live terminal view.",
      "",
      "Cars arrive and leave, a sensor goes silent, most of one zone goes silent (its sign",
      "blanks), an orphan sensor appears; the lot map, the signs and device health update",
      "live. Needs nothing but this jar."
    })
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--duration",
      paramLabel = "TIME",
      description =
          "Stop after this long with a summary (e.g. 30s, 5m); default: run until Ctrl-C.")
  String duration;

  @Option(
      names = "--levels",
      defaultValue = "3",
      description = "Levels (default ${DEFAULT-VALUE}).")
  int levels;

  @Option(
      names = "--spaces-per-zone",
      defaultValue = "20",
      description = "Spaces in each of a level's two zones (default ${DEFAULT-VALUE}).")
  int spacesPerZone;

  @Option(
      names = "--rate",
      defaultValue = "20",
      description = "Cars arriving or leaving per second (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where the demo's SQLite journal goes (default: a new temporary folder).")
  Path dataDir;

  @Option(names = "--plain", description = "No colours or screen redraws (for logs and pipes).")
  boolean plain;

  @Override
  public Integer call() throws IOException, StorageException {
    if (levels < 1 || levels > 9) {
      throw new UserError("--levels must be 1..9, got " + levels);
    }
    if (spacesPerZone < 1 || spacesPerZone > 999) {
      throw new UserError("--spaces-per-zone must be 1..999, got " + spacesPerZone);
    }
    if (rate <= 0 || rate > 100_000) {
      throw new UserError("--rate must be above 0 and at most 100000, got " + rate);
    }
    Duration limit = null;
    if (duration != null) {
      try {
        limit = Durations.parse(duration);
      } catch (IllegalArgumentException e) {
        throw new UserError("--duration: " + e.getMessage());
      }
    }
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("parkedge-demo-");
    boolean ansi = !plain && System.console() != null;
    return Demo.run(
        new Demo.Options(levels, spacesPerZone, rate, limit, Duration.ofSeconds(15), dir, ansi),
        spec.commandLine().getOut());
  }
}
