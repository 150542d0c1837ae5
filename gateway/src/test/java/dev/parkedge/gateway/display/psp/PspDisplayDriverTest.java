package dev.parkedge.gateway.display.psp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.parkedge.gateway.display.DisplayService;
import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.gateway.display.PspLink;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.sensing.SpaceState;
import dev.parkedge.proto.psp.PspMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each display counts its own seqs, whichever address object names it. */
class PspDisplayDriverTest {

  private static final long FIRST = 0x70b3d57ed0002001L;
  private static final long SECOND = 0x70b3d57ed0002002L;

  @Test
  void seqs_count_per_display_also_when_an_equal_address_comes_from_a_reloaded_layout()
      throws Exception {
    List<PspMessage> sent = new CopyOnWriteArrayList<>();
    try (PspDisplayDriver driver = new PspDisplayDriver(link(sent::add), 0)) {
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

  @Test
  void each_display_counts_its_own_seqs_from_1_to_65535_then_on_from_0() throws Exception {
    int perDisplay = 65_537;
    int displays = 40;
    Map<Long, List<Integer>> seqs = new ConcurrentHashMap<>();
    AtomicReference<PspDisplayDriver> driver = new AtomicReference<>();
    // the link asks for the next message to the same display as soon as one is sent
    PspLink link =
        link(
            message -> {
              List<Integer> sent = seqs.computeIfAbsent(message.device(), k -> new ArrayList<>());
              sent.add(message.seq());
              if (sent.size() < perDisplay) {
                driver.get().show(DeviceAddress.psp(message.device(), "bus1"), light());
              }
            });
    try (PspDisplayDriver d = new PspDisplayDriver(link, 0)) {
      driver.set(d);
      for (int i = 0; i < displays; i++) {
        d.show(DeviceAddress.psp(FIRST + i * 0x1_0000_0000L, "bus1"), light());
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (d.stats().sent() < (long) perDisplay * displays && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    }

    List<Integer> expected = new ArrayList<>();
    for (int seq = 1; seq <= 65_535; seq++) {
      expected.add(seq);
    }
    expected.add(0);
    expected.add(1);
    assertThat(seqs).hasSize(displays);
    assertThat(seqs.values()).allSatisfy(sent -> assertThat(sent).isEqualTo(expected));
  }

  /** A link on bus1 that hands every message to {@code send}. */
  private static PspLink link(Consumer<PspMessage> send) {
    return new PspLink() {
      @Override
      public String bus() {
        return "bus1";
      }

      @Override
      public void send(PspMessage message) {
        send.accept(message);
      }
    };
  }

  private static DisplayState light() {
    return DisplayService.light(SpaceState.FREE);
  }

  private static void awaitSent(List<PspMessage> sent, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (sent.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(sent).hasSize(count);
  }
}
