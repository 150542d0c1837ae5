package dev.parkedge.gateway.transport.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.config.GpioConfig;
import dev.parkedge.gateway.config.GpioConfig.InputKind;
import dev.parkedge.gateway.config.GpioConfig.Pull;
import dev.parkedge.gateway.testing.RecordingFrameSink;
import dev.parkedge.proto.psp.PspMessage;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Input pins on Pi4J's mock platform become PSP/1 Loop messages, debounced on injected time. */
class GpioFrameSourceTest {

  private static final long LOOP = 0x00000000000a0001L;
  private static final long BUTTON = 0x00000000000a0002L;

  private static final GpioConfig.Input ENTRY_LOOP =
      new GpioConfig.Input(
          "entry-loop", 17, LOOP, 1, InputKind.LOOP, Duration.ofMillis(50), true, Pull.DOWN);
  private static final GpioConfig.Input EXIT_BUTTON =
      new GpioConfig.Input(
          "exit-button", 27, BUTTON, 2, InputKind.BUTTON, Duration.ofMillis(50), true, Pull.DOWN);

  private final RecordingFrameSink sink = new RecordingFrameSink();
  private MockBoard mock;

  @AfterEach
  void close() {
    if (mock != null) {
      mock.close();
    }
  }

  /** A step: after {@code afterMs}, the pin goes to {@code high}. */
  record Edge(int afterMs, boolean high) {}

  static Stream<Arguments> a_loop_detector_through_debounce() {
    return Stream.of(
        row("a vehicle arrives", List.of(new Edge(0, true)), List.of(true)),
        row(
            "a vehicle arrives and leaves",
            List.of(new Edge(0, true), new Edge(2000, false)),
            List.of(true, false)),
        row(
            "a bounce shorter than the debounce is nothing",
            List.of(new Edge(0, true), new Edge(30, false)),
            List.of()),
        row(
            "contacts chattering settle into one arrival",
            List.of(new Edge(0, true), new Edge(10, false), new Edge(10, true)),
            List.of(true)),
        row(
            "a level held exactly the debounce time counts",
            List.of(new Edge(0, true), new Edge(50, false)),
            List.of(true, false)),
        row(
            "a drop-out shorter than the debounce keeps the vehicle present",
            List.of(new Edge(0, true), new Edge(1000, false), new Edge(20, true)),
            List.of(true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void a_loop_detector_through_debounce(String name, List<Edge> edges, List<Boolean> present) {
    startWith(new GpioConfig("gpio", List.of(ENTRY_LOOP), List.of()));

    for (Edge edge : edges) {
      mock.inputs.advance(Duration.ofMillis(edge.afterMs()));
      mock.set(17, edge.high());
    }
    mock.inputs.advance(Duration.ofSeconds(1));

    assertThat(presentAfterStart()).as(name).isEqualTo(present);
  }

  @Test
  void a_mock_loop_detector_going_high_is_a_loop_message_with_its_device_and_lane() {
    startWith(new GpioConfig("gpio", List.of(ENTRY_LOOP), List.of()));

    mock.set(17, true);
    mock.inputs.advance(Duration.ofMillis(49));
    int beforeDebounce = sink.messages().size();
    mock.inputs.advance(Duration.ofMillis(1));

    assertThat(beforeDebounce).isEqualTo(1); // only the level at start
    assertThat(sink.messages())
        .containsExactly(
            new PspMessage.Loop(LOOP, 1, 1, false), new PspMessage.Loop(LOOP, 2, 1, true));
  }

  @Test
  void reports_the_loop_level_at_start_so_a_vehicle_standing_there_is_known() {
    MockBoard board = new MockBoard(new GpioConfig("gpio", List.of(ENTRY_LOOP), List.of()));
    mock = board;
    board.set(17, true);

    board.board.source().orElseThrow().start(sink);
    board.inputs.runDue();

    assertThat(sink.messages()).containsExactly(new PspMessage.Loop(LOOP, 1, 1, true));
  }

  @Test
  void a_button_press_is_present_then_not_present_and_its_release_is_nothing() {
    startWith(new GpioConfig("gpio", List.of(EXIT_BUTTON), List.of()));

    mock.set(27, true);
    mock.inputs.advance(Duration.ofMillis(300));
    mock.set(27, false);
    mock.inputs.advance(Duration.ofSeconds(1));

    assertThat(sink.messages())
        .containsExactly(
            new PspMessage.Loop(BUTTON, 1, 2, true), new PspMessage.Loop(BUTTON, 2, 2, false));
  }

  @Test
  void an_active_low_input_reads_a_low_level_as_present() {
    GpioConfig.Input activeLow =
        new GpioConfig.Input(
            "entry-loop", 17, LOOP, 1, InputKind.LOOP, Duration.ofMillis(50), false, Pull.UP);
    MockBoard board = new MockBoard(new GpioConfig("gpio", List.of(activeLow), List.of()));
    mock = board;
    board.set(17, true); // idle: pulled up, contact open
    board.board.source().orElseThrow().start(sink);
    board.inputs.runDue();

    board.set(17, false);
    board.inputs.advance(Duration.ofMillis(50));

    assertThat(sink.messages())
        .containsExactly(
            new PspMessage.Loop(LOOP, 1, 1, false), new PspMessage.Loop(LOOP, 2, 1, true));
  }

  @Test
  void each_input_counts_its_own_sequence_numbers() {
    startWith(new GpioConfig("gpio", List.of(ENTRY_LOOP, EXIT_BUTTON), List.of()));

    mock.set(17, true);
    mock.set(27, true);
    mock.inputs.advance(Duration.ofMillis(50));

    assertThat(sink.messages())
        .extracting(m -> Long.toHexString(m.device()) + "#" + m.seq())
        .containsExactly("a0001#1", "a0001#2", "a0002#1", "a0002#2");
  }

  @Test
  void with_no_debounce_an_edge_is_delivered_at_once_on_the_listener_thread() {
    GpioConfig.Input noDebounce =
        new GpioConfig.Input(
            "entry-loop", 17, LOOP, 1, InputKind.LOOP, Duration.ZERO, true, Pull.DOWN);
    startWith(new GpioConfig("gpio", List.of(noDebounce), List.of()));

    mock.set(17, true);

    assertThat(presentAfterStart()).containsExactly(true);
  }

  @Test
  void after_close_edges_are_ignored_and_the_source_is_not_connected() {
    startWith(new GpioConfig("gpio", List.of(ENTRY_LOOP), List.of()));
    GpioFrameSource source = (GpioFrameSource) mock.board.source().orElseThrow();

    source.close();
    mock.set(17, true);
    mock.inputs.advance(Duration.ofSeconds(1));

    assertThat(source.connected()).isFalse();
    assertThat(presentAfterStart()).isEmpty();
  }

  private void startWith(GpioConfig config) {
    mock = new MockBoard(config);
    mock.board.source().orElseThrow().start(sink);
    mock.inputs.runDue();
  }

  /** The present flags delivered after the level reported at start. */
  private List<Boolean> presentAfterStart() {
    List<PspMessage> messages = sink.messages();
    int skip = (int) messages.stream().filter(m -> m.seq() == 1 && m.device() == LOOP).count();
    return messages.stream().skip(skip).map(m -> ((PspMessage.Loop) m).present()).toList();
  }

  private static Arguments row(String name, List<Edge> edges, List<Boolean> present) {
    return Arguments.of(name, edges, present);
  }
}
