package dev.parkedge.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short soak in {@code mvn verify} (3 minutes, reference at 1 minute; {@code -Dsoak.minutes} and
 * {@code -Dsoak.reference} make it longer): the same run as the two-hour one, same load and checks.
 */
class SoakIT {

  @TempDir Path dir;

  @Test
  void memory_threads_and_descriptors_stay_flat_under_ten_times_the_average_load()
      throws Exception {
    long minutes = Long.getLong("soak.minutes", 3);
    long reference = Long.getLong("soak.reference", 1);
    long seed = Long.getLong("soak.seed", System.nanoTime());
    Soak.Result result =
        new Soak(
                dir,
                new Soak.Settings(
                    Duration.ofMinutes(minutes),
                    Duration.ofMinutes(reference),
                    4000,
                    1000,
                    10,
                    seed),
                Path.of("target", "SoakIT-report.txt"))
            .run();

    String verdict = Soak.verdict(result);
    java.nio.file.Files.writeString(
        Path.of("target", "SoakIT-report.txt"),
        verdict + System.lineSeparator(),
        java.nio.file.StandardOpenOption.APPEND);
    assertThat(verdict).as("seed %d", seed).startsWith("PASS");
  }
}
