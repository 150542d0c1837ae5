package dev.parkedge.gateway.cli;

import dev.parkedge.gateway.config.Durations;
import dev.parkedge.gateway.demo.Demo;
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
      "Run the whole system in one process on a simulated garage, with a live terminal view.",
      "",
      "A day at the site (07:00 to 19:00) passes in --duration. Sensors and displays speak",
      "PSP/1 bytes: cars arrive and leave, a sensor goes silent, most of one zone goes silent",
      "(its sign blanks), an orphan sensor appears. At the lanes, kiosk and pay station, on the",
      "demo tariff: bookings (one checked in and overstaying until enforcement raises a",
      "violation, one a no-show), drive-ins paying at the pay station. A sync-agent drains the",
      "journal to the head-office collector through an MQTT broker embedded in the demo. The",
      "end prints the gateway's day report and head office's, and whether they agree.",
      "Needs nothing but this jar."
    })
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--duration",
      paramLabel = "TIME",
      description =
          "The simulated day lasts this long, then the demo stops with both day reports (e.g. 30s,"
              + " 5m); default: a day a minute, until Ctrl-C.")
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
  public Integer call() throws Exception {
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
