package dev.parkedge.gateway.transport.serial;

import static dev.parkedge.gateway.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fazecast.jSerialComm.SerialPort;
import dev.parkedge.gateway.config.SerialBusConfig;
import dev.parkedge.gateway.config.SerialBusConfig.BusProtocol;
import dev.parkedge.gateway.config.SerialBusConfig.Parity;
import dev.parkedge.gateway.runtime.Backoff;
import dev.parkedge.gateway.testing.PtyPair;
import dev.parkedge.gateway.testing.RecordingFrameSink;
import dev.parkedge.proto.psp.FrameError;
import dev.parkedge.proto.psp.PspCodec;
import dev.parkedge.proto.psp.PspDeframer;
import dev.parkedge.proto.psp.PspMessage;
import dev.parkedge.proto.psp.PspMessage.Arrow;
import dev.parkedge.proto.psp.PspMessage.Color;
import dev.parkedge.proto.psp.PspMessage.SpaceState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class SerialPspBusIT {

  private static final Logger log = LoggerFactory.getLogger(SerialPspBusIT.class);
  private static final Duration SOON = Duration.ofSeconds(5);

  @TempDir Path dir;
  private PtyPair pty;
  private SerialPspBus bus;
  private SerialPort peer;
  private final RecordingFrameSink sink = new RecordingFrameSink();

  @BeforeEach
  void plugInTheCable() throws Exception {
    pty = PtyPair.start(dir);
    bus = new SerialPspBus(config(pty.a()));
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (peer != null) {
      peer.closePort();
    }
    bus.close();
    pty.close();
  }

  @Test
  void opens_the_port_behind_a_symlink_and_reads_on_its_own_named_thread() throws Exception {
    bus.start(sink);
    await("the bus is connected", SOON, bus::connected);
    openPeer();

    write(PspCodec.encodeFrame(occupancy(1)));

    await("one message arrived", SOON, () -> sink.messages().size() == 1);
    assertThat(sink.messages()).containsExactly(occupancy(1));
    assertThat(sink.threads()).containsOnly("serial-bus1-reader");
  }

  @Test
  void decodes_frames_split_across_writes_several_in_one_write_and_garbage_between()
      throws Exception {
    bus.start(sink);
    await("the bus is connected", SOON, bus::connected);
    openPeer();
    byte[] first = PspCodec.encodeFrame(occupancy(1));

    write(Arrays.copyOfRange(first, 0, 5));
    Thread.sleep(50);
    write(Arrays.copyOfRange(first, 5, first.length));
    write(concat(PspCodec.encodeFrame(occupancy(2)), PspCodec.encodeFrame(occupancy(3))));
    write(concat("noise".getBytes(StandardCharsets.US_ASCII), new byte[] {0}));
    write(PspCodec.encodeFrame(occupancy(4)));

    await("four messages arrived", SOON, () -> sink.messages().size() == 4);
    assertThat(sink.messages())
        .containsExactly(occupancy(1), occupancy(2), occupancy(3), occupancy(4));
    assertThat(sink.rejected()).hasSize(1);
    SerialBusStats stats = bus.stats();
    assertThat(stats.frames()).isEqualTo(4);
    assertThat(stats.rejectedTotal()).isEqualTo(1);
    assertThat(stats.rejected().get(sink.rejected().get(0))).isEqualTo(1);
    assertThat(stats.bytesRead()).isGreaterThanOrEqualTo(4L * first.length + 6);
  }

  @Test
  void writes_queued_frames_the_far_end_can_deframe() throws Exception {
    openPeer();
    List<PspMessage> sent = List.of(counter(1, 42), counter(2, 0), counter(3, 9999));
    sent.forEach(bus::send);

    bus.start(sink);

    assertThat(readFromPeer(sent.size())).containsExactlyElementsOf(sent);
    await("all three counted as written", SOON, () -> bus.stats().framesWritten() == 3);
  }

  @Test
  void drops_the_oldest_queued_frames_when_the_queue_is_full_without_blocking() {
    SerialPspBus small = new SerialPspBus(config(pty.a()), System::nanoTime, quickBackoff(), 2);
    try {
      for (int seq = 1; seq <= 5; seq++) {
        small.send(counter(seq, seq));
      }
      assertThat(small.stats().writeDrops()).isEqualTo(3);
    } finally {
      small.close();
    }
  }

  @Test
  void reconnects_by_itself_after_the_adapter_is_unplugged_and_plugged_back_in() throws Exception {
    bus.start(sink);
    await("the bus is connected", SOON, bus::connected);
    openPeer();
    write(PspCodec.encodeFrame(occupancy(1)));
    await("the first message arrived", SOON, () -> sink.messages().size() == 1);

    closePeer();
    pty.unplug();
    Duration noticed = await("the bus saw the port go", SOON, () -> !bus.connected());
    long sendStart = System.nanoTime();
    bus.send(counter(7, 7));
    assertThat(Duration.ofNanos(System.nanoTime() - sendStart)).isLessThan(Duration.ofMillis(50));

    pty.plugIn();
    Duration reconnect = await("the bus reopened the port", Duration.ofSeconds(15), bus::connected);
    log.info(
        "port loss noticed after {} ms; reconnected {} ms after socat restarted",
        noticed.toMillis(),
        reconnect.toMillis());
    openPeer();
    write(PspCodec.encodeFrame(occupancy(2)));

    await("a message arrived after the reconnect", SOON, () -> sink.messages().size() == 2);
    assertThat(sink.messages()).containsExactly(occupancy(1), occupancy(2));
    bus.send(counter(8, 8));
    assertThat(readFromPeer(1)).last().isEqualTo(counter(8, 8));
    assertThat(bus.stats().reopenAttempts()).isPositive();
  }

  @Test
  void keeps_trying_until_a_port_that_is_missing_at_start_appears() throws Exception {
    pty.unplug();
    bus.start(sink);
    Thread.sleep(300);
    assertThat(bus.connected()).isFalse();

    pty.plugIn();

    await("the bus opened the port", Duration.ofSeconds(10), bus::connected);
    assertThat(bus.stats().reopenAttempts()).isPositive();
  }

  @Test
  void close_stops_both_threads_and_the_port_within_a_second() throws Exception {
    bus.start(sink);
    await("the bus is connected", SOON, bus::connected);
    assertThat(threadNames()).contains("serial-bus1-reader", "serial-bus1-writer");

    long start = System.nanoTime();
    bus.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(bus.connected()).isFalse();
    assertThat(threadNames()).doesNotContain("serial-bus1-reader", "serial-bus1-writer");
  }

  // ---- helpers

  private static SerialBusConfig config(Path port) {
    return new SerialBusConfig("bus1", port.toString(), 115200, BusProtocol.PSP, 8, Parity.NONE, 1);
  }

  private static Backoff quickBackoff() {
    return new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 0, () -> 0.5);
  }

  private static PspMessage occupancy(int seq) {
    return new PspMessage.Occupancy(0x70B3D57ED0000001L, seq, SpaceState.OCCUPIED, 3600, 21);
  }

  private static PspMessage counter(int seq, int value) {
    return new PspMessage.Counter(0x70B3D57ED0000100L, seq, value, Arrow.LEFT, Color.GREEN);
  }

  private void openPeer() {
    peer = SerialPort.getCommPort(pty.b().toString());
    peer.setComPortParameters(115200, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    peer.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
    assertThat(peer.openPort(0)).as("the test opens " + pty.b()).isTrue();
  }

  private void closePeer() {
    peer.closePort();
    peer = null;
  }

  private void write(byte[] bytes) {
    assertThat(peer.writeBytes(bytes, bytes.length)).isEqualTo(bytes.length);
  }

  private List<PspMessage> readFromPeer(int count) {
    List<PspMessage> received = new ArrayList<>();
    PspDeframer deframer =
        new PspDeframer(
            new PspDeframer.Listener() {
              @Override
              public void onMessage(PspMessage message) {
                received.add(message);
              }

              @Override
              public void onError(FrameError error, String detail) {
                received.add(null);
              }
            });
    byte[] buffer = new byte[1024];
    long deadline = System.nanoTime() + SOON.toNanos();
    while (received.size() < count && System.nanoTime() < deadline) {
      int n = peer.readBytes(buffer, buffer.length);
      if (n > 0) {
        deframer.feed(buffer, 0, n);
      }
    }
    return received;
  }

  private static byte[] concat(byte[] first, byte[] second) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(first);
    out.writeBytes(second);
    return out.toByteArray();
  }

  private static List<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
  }
}
