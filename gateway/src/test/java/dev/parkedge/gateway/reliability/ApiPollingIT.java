package dev.parkedge.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.testing.ApiProbe;
import dev.parkedge.gateway.testing.DaemonProcess;
import dev.parkedge.gateway.testing.GeneratedSite;
import dev.parkedge.gateway.testing.PtyPair;
import dev.parkedge.gateway.testing.ShippedJvm;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local client that polls the API as fast as it answers (a dashboard, a monitoring script, a
 * test) must not exhaust the daemon's heap: the daemon runs with the shipped 48 MB heap and a
 * 5,000-space site, whose space list is about half a megabyte, sent block by block.
 */
class ApiPollingIT {

  @TempDir Path dir;

  @Test
  void polling_the_spaces_of_a_5000_space_site_as_fast_as_they_come_keeps_the_daemon_alive()
      throws Exception {
    try (PtyPair pty = PtyPair.start(dir);
        DaemonProcess daemon = new DaemonProcess(dir, "ApiPollingIT", ShippedJvm.OPTIONS)) {
      int apiPort = GeneratedSite.write(dir, pty.a(), 5000, 50, "4h");
      daemon.start();
      int polls = 0;
      long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < end && daemon.alive()) {
        // a client of its own each time, as each `parkedge spaces` run is (a new UDP port)
        try (ApiProbe api = new ApiProbe(apiPort)) {
          assertThat(api.spaces()).hasSize(5000);
        }
        polls++;
      }
      assertThat(daemon.alive()).as("alive after %d polls: %s", polls, daemon.log()).isTrue();
      try (ApiProbe api = new ApiProbe(apiPort)) {
        assertThat(api.status().get("spaces").get("unknown").asLong()).isEqualTo(5000);
      }
      System.err.printf(
          "ApiPollingIT: %d polls of /spaces in 20 s, daemon RSS %d MB%n",
          polls, daemon.stats().rssMb());
    }
  }
}
