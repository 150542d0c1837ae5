package dev.parkedge.gateway.runtime;

import static dev.parkedge.gateway.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.testing.ApiProbe;
import dev.parkedge.gateway.testing.DaemonProcess;
import dev.parkedge.gateway.testing.GeneratedSite;
import dev.parkedge.gateway.testing.PtyPair;
import dev.parkedge.gateway.testing.ShippedJvm;
import dev.parkedge.gateway.testing.SiteDevices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's resident memory is budgeted (README, "Resident memory"), and jackson-databind is
 * ~400 classes and several MB of it. A daemon on a serial site that starts, ingests frames, drives
 * its lights and signs and answers status and spaces must not load one of them: only a request that
 * needs databind (a parking request) may. The real jar with the shipped JVM options, and the JVM's
 * own class-load log as the witness.
 */
class DaemonWithoutDatabindIT {

  private static final int SPACES = 100;
  private static final int PER_ZONE = 50;
  private static final String DATABIND = "com.fasterxml.jackson.databind.";

  @TempDir Path dir;

  @Test
  void a_serial_daemon_that_ingests_frames_and_answers_status_and_spaces_never_loads_databind()
      throws Exception {
    Path classLog = dir.resolve("class-load.log");
    List<String> options = new ArrayList<>(ShippedJvm.OPTIONS);
    options.add("-Xlog:class+load=info:file=" + classLog);
    try (PtyPair pty = PtyPair.start(dir);
        DaemonProcess daemon = new DaemonProcess(dir, "DaemonWithoutDatabindIT", options)) {
      int apiPort = GeneratedSite.write(dir, pty.a(), SPACES, PER_ZONE, "4h");
      ShippedJvm.ENVIRONMENT.forEach(daemon::environment);
      daemon.start();
      try (SiteDevices devices = SiteDevices.open(pty.b(), null, SPACES, 0);
          ApiProbe api = new ApiProbe(apiPort)) {
        for (int i = 0; i < SPACES; i++) {
          devices.serial(i, i % 3 == 0);
        }
        awaitEverySpaceFollowsItsSensor(devices, api);
        for (int i = 0; i < SPACES; i += 7) {
          devices.serial(i, !devices.serialOccupied(i));
        }
        awaitEverySpaceFollowsItsSensor(devices, api);
        assertThat(api.status().get("spaces").get("unknown").asLong()).isZero();
      }
      daemon.stop();
    }

    Path kept = Path.of("target", "DaemonWithoutDatabindIT-class-load.log");
    Files.copy(classLog, kept, StandardCopyOption.REPLACE_EXISTING);
    List<String> loaded = loadedClasses(kept);
    assertThat(loaded).as("classes in %s", kept).hasSizeGreaterThan(1000);
    int first = firstDatabindClass(loaded);
    assertThat(first)
        .as(
            "the daemon loaded %d jackson-databind classes; the first, %s, right after %s (the"
                + " last ParkEdge class before it: %s; all in %s)",
            loaded.stream().filter(name -> name.startsWith(DATABIND)).count(),
            first < 0 ? null : loaded.get(first),
            first < 1 ? null : loaded.get(first - 1),
            first < 0 ? null : lastParkEdgeClass(loaded, first),
            kept)
        .isNegative();
  }

  /** Every light shows its sensor's state and the API's spaces say the same. */
  private static void awaitEverySpaceFollowsItsSensor(SiteDevices devices, ApiProbe api) {
    eventually(
        () -> {
          Map<String, String> shown = api.states();
          for (int i = 0; i < SPACES; i++) {
            String expected = devices.serialOccupied(i) ? "occupied" : "free";
            String id = String.format(Locale.ROOT, "P%05d", i);
            assertThat(shown.get(id)).as("state of %s", id).isEqualTo(expected);
            assertThat(devices.light(i))
                .as("light of %s", id)
                .isEqualTo(SiteDevices.lightFor(expected));
          }
        });
  }

  /** The class names of {@code -Xlog:class+load} lines, in the order they were loaded. */
  private static List<String> loadedClasses(Path log) throws Exception {
    List<String> names = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      int tags = line.indexOf("[class,load] ");
      if (tags >= 0) {
        String rest = line.substring(tags + "[class,load] ".length());
        int space = rest.indexOf(' ');
        names.add(space < 0 ? rest : rest.substring(0, space));
      }
    }
    return names;
  }

  /** The class that most likely asked for databind: ours, loaded last before {@code index}. */
  private static String lastParkEdgeClass(List<String> loaded, int index) {
    for (int i = index - 1; i >= 0; i--) {
      if (loaded.get(i).startsWith("dev.parkedge.")) {
        return loaded.get(i);
      }
    }
    return null;
  }

  private static int firstDatabindClass(List<String> loaded) {
    for (int i = 0; i < loaded.size(); i++) {
      if (loaded.get(i).startsWith(DATABIND)) {
        return i;
      }
    }
    return -1;
  }
}
