package dev.parkedge.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demo, shortened: a whole day of the demo garage in 8 s, with the sync-agent draining
 * to the head-office collector through the embedded broker; both day reports agree.
 */
class DemoIT {

  @TempDir Path dir;

  @Test
  void a_short_demo_day_ends_with_both_reports_agreeing_and_sync_drained() throws Exception {
    StringWriter text = new StringWriter();
    Demo.Outcome outcome =
        Demo.play(
            new Demo.Options(3, 20, 20, Duration.ofSeconds(8), Duration.ofSeconds(15), dir, false),
            new PrintWriter(text));

    assertThat(outcome.gatewayRevenue()).as(text.toString()).isPositive();
    assertThat(outcome.headOfficeRevenue()).isEqualTo(outcome.gatewayRevenue());
    assertThat(outcome.sessionsOpened()).as("14 drive-ins and one check-in").isEqualTo(15);
    // Every drive-in leaves before the day ends, unless a loaded machine squeezes the last exit of
    // this 8 s day past its end: at most that one car may still be parked.
    assertThat(outcome.sessionsOpen()).isLessThanOrEqualTo(1);
    assertThat(outcome.violations()).containsEntry("overstay", 1);
    assertThat(outcome.reservations()).containsEntry("no_show", 1).containsEntry("completed", 1);
    assertThat(outcome.drained()).isTrue();
    assertThat(outcome.acked()).isEqualTo(outcome.journalHead());
    assertThat(outcome.eventsHeld()).as("every journal entry").isEqualTo(outcome.journalHead());
    assertThat(text.toString())
        .contains("== the gateway's own day report ==")
        .contains("== the head-office report")
        .contains("revenue agrees")
        .contains("sync drained: backlog 0");
  }
}
