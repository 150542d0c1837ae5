package dev.parkedge.gateway.display.psp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.parkedge.gateway.display.DisplayService;
import dev.parkedge.gateway.display.PspLink;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.sensing.SpaceState;
import dev.parkedge.proto.psp.PspMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Each display counts its own seqs, whichever address object names it. */
class PspDisplayDriverTest {

  private static final long FIRST = 0x70b3d57ed0002001L;
  private static final long SECOND = 0x70b3d57ed0002002L;

  @Test
  void seqs_count_per_display_also_when_an_equal_address_comes_from_a_reloaded_layout()
      throws Exception {
    List<PspMessage> sent = new CopyOnWriteArrayList<>();
    PspLink link =
        new PspLink() {
          @Override
          public String bus() {
            return "bus1";
          }

          @Override
          public void send(PspMessage message) {
            sent.add(message);
          }
        };
    try (PspDisplayDriver driver = new PspDisplayDriver(link, 0)) {
      driver.show(DeviceAddress.psp(FIRST, "bus1"), DisplayService.light(SpaceState.FREE));
      awaitSent(sent, 1);
      driver.show(DeviceAddress.psp(SECOND, "bus1"), DisplayService.light(SpaceState.FREE));
      awaitSent(sent, 2);
      driver.show(DeviceAddress.psp(FIRST, "bus1"), DisplayService.light(SpaceState.OCCUPIED));
      awaitSent(sent, 3);
    }

    assertThat(sent)
        .extracting(PspMessage::device, PspMessage::seq)
        .containsExactly(tuple(FIRST, 1), tuple(SECOND, 1), tuple(FIRST, 2));
  }

  private static void awaitSent(List<PspMessage> sent, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (sent.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(sent).hasSize(count);
  }
}
