package dev.parkedge.gateway.transport.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.parkedge.gateway.config.ConfigLoader;
import dev.parkedge.gateway.config.GatewayConfig;
import dev.parkedge.gateway.config.GpioConfig;
import dev.parkedge.gateway.config.GpioConfig.OutputKind;
import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.testing.Eventually;
import dev.parkedge.gateway.testing.RecordingFrameSink;
import dev.parkedge.proto.psp.PspMessage;
import dev.parkedge.proto.psp.PspMessage.Color;
import dev.parkedge.proto.psp.PspMessage.Pattern;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The board as the daemon opens it: from gateway.yaml, or absent on a box without GPIO. */
class GpioBoardTest {

  private static final String GATEWAY_YAML =
      """
      gpio:
        bus: gpio
        inputs:
          - { name: entry-loop, pin: 17, device: 00000000000a0001, lane: 1, kind: loop, debounce: 50ms, active: high, pull: down }
          - { name: exit-button, pin: 27, device: 00000000000a0002, lane: 2, kind: button }
        outputs:
          - { name: space-a1-light, pin: 22, device: 00000000000b0001, kind: light, active: high }
          - { name: full-lamp, pin: 23, device: 00000000000b0002, kind: full_lamp }
          - { name: entry-barrier, pin: 24, device: 00000000000c0001, kind: relay, lane: 1, pulse: 1s }
      """;

  private static final GpioConfig ONE_LAMP =
      new GpioConfig(
          "gpio",
          List.of(),
          List.of(GpioConfig.Output.lamp("lamp", 22, 0xb0001L, OutputKind.LIGHT, true)));

  @TempDir Path dir;

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(GpioBoard.class);

  @BeforeEach
  void listen() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(logged);
  }

  @Test
  void a_mock_loop_detector_and_relay_behave_as_configured() throws Exception {
    Files.writeString(dir.resolve("gateway.yaml"), GATEWAY_YAML);
    GatewayConfig config = ConfigLoader.loadGateway(dir.resolve("gateway.yaml"));
    RecordingFrameSink sink = new RecordingFrameSink();
    try (MockBoard mock = new MockBoard(config.gpio())) {
      mock.board.source().orElseThrow().start(sink);
      mock.inputs.runDue();

      mock.set(17, true);
      mock.inputs.advance(Duration.ofMillis(50));
      mock.board.gates().pulseOpen(1);
      mock.outputs.runDue();
      String relayDuringPulse = mock.level(24);
      mock.outputs.advance(Duration.ofSeconds(1));

      assertThat(sink.messages())
          .containsExactly(
              new PspMessage.Loop(0xa0001L, 1, 1, false),
              new PspMessage.Loop(0xa0001L, 2, 1, true));
      assertThat(relayDuringPulse).isEqualTo("high");
      assertThat(mock.level(24)).isEqualTo("low");
    }
  }

  @Test
  void delivers_on_the_input_thread_never_the_callers() throws Exception {
    Files.writeString(dir.resolve("gateway.yaml"), GATEWAY_YAML);
    GatewayConfig config = ConfigLoader.loadGateway(dir.resolve("gateway.yaml"));
    RecordingFrameSink sink = new RecordingFrameSink();
    var context = MockBoard.mockContext();
    GpioBoard board = GpioBoard.start(config.gpio(), Optional::empty, () -> context);
    try {
      board.source().orElseThrow().start(sink);
      Eventually.await(
          "the loop reports its level at start",
          Duration.ofSeconds(5),
          () -> sink.messages().size() == 1);
      context
          .registry()
          .get("bcm17", com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput.class)
          .mockState(com.pi4j.io.gpio.digital.DigitalState.HIGH);

      Eventually.await(
          "the loop reports a vehicle", Duration.ofSeconds(5), () -> sink.messages().size() == 2);
      assertThat(sink.threads()).containsOnly("gpio-inputs");
    } finally {
      board.close();
    }
  }

  @Test
  void without_gpio_the_board_is_absent_and_says_so_once() throws IOException {
    Path emptyDev = Files.createDirectory(dir.resolve("dev"));
    GpioConfig config =
        new GpioConfig(
            "gpio",
            List.of(),
            List.of(
                GpioConfig.Output.lamp("a", 22, 0xb0001L, OutputKind.LIGHT, true),
                GpioConfig.Output.lamp("b", 23, 0xb0002L, OutputKind.LIGHT, true)));

    GpioBoard board =
        GpioBoard.start(
            config,
            () -> GpioBoard.whyNoGpio(emptyDev, "amd64"),
            () -> {
              throw new AssertionError("Pi4J must not be touched without GPIO");
            });
    DeviceAddress lamp = DeviceAddress.psp(0xb0001L, "gpio");
    board.displays().show(lamp, new DisplayState.Light(Color.RED, Pattern.SOLID));
    board.displays().show(lamp, new DisplayState.Light(Color.GREEN, Pattern.SOLID));
    board.close();

    assertThat(board.available()).isFalse();
    assertThat(board.source()).isEmpty();
    assertThat(board.gates().pulseOpen(1)).isFalse();
    assertThat(board.displays().drives(lamp)).isTrue(); // so no "no driver reaches" per lamp
    assertThat(board.displays().stats().failed()).isEqualTo(2);
    assertThat(logged.list)
        .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Level.WARN,
                "gpio: no GPIO on this box (no "
                    + emptyDev.resolve("gpiochip*")
                    + "); inputs and outputs in gateway.yaml are not driven"));
  }

  @Test
  void a_pi4j_context_that_cannot_open_means_no_gpio_too() {
    GpioBoard board =
        GpioBoard.start(
            ONE_LAMP,
            Optional::empty,
            () -> {
              throw new ExceptionInInitializerError("no libgpiod");
            });

    assertThat(board.available()).isFalse();
    assertThat(logged.list).hasSize(1);
    assertThat(logged.list.get(0).getFormattedMessage())
        .startsWith("gpio: no GPIO on this box (Pi4J could not open it: ")
        .contains("no libgpiod");
  }

  @Test
  void gpio_is_looked_for_as_gpiochip_devices_on_an_arm_box() throws IOException {
    Path dev = Files.createDirectory(dir.resolve("dev"));
    Path withChip = Files.createDirectory(dir.resolve("dev-pi"));
    Files.createFile(withChip.resolve("gpiochip0"));

    assertThat(GpioBoard.whyNoGpio(dev, "aarch64")).contains("no " + dev.resolve("gpiochip*"));
    assertThat(GpioBoard.whyNoGpio(withChip, "amd64"))
        .contains("Pi4J's libgpiod provider runs on ARM boards only; this is amd64");
    assertThat(GpioBoard.whyNoGpio(withChip, "aarch64")).isEmpty();
    assertThat(GpioBoard.whyNoGpio(withChip, "arm")).isEmpty();
  }
}
