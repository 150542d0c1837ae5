package dev.parkedge.gateway.transport.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import dev.parkedge.gateway.config.GpioConfig;
import dev.parkedge.gateway.config.GpioConfig.OutputKind;
import dev.parkedge.gateway.display.DisplayDriver;
import dev.parkedge.gateway.sensing.FrameSource;
import dev.parkedge.gateway.session.LaneGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The box's own GPIO header, opened through Pi4J from gateway.yaml's gpio section: its inputs as a
 * {@link FrameSource}, its lamps as a {@link DisplayDriver}, its barrier relays as a {@link
 * LaneGate}. On a box without GPIO (a PC, CI) the board is absent: it says so once, lamps are
 * counted as failed display commands, and {@link LaneGate#pulseOpen} answers false.
 */
public final class GpioBoard implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GpioBoard.class);

  private final GpioConfig config;
  private final Context context;
  private final GpioFrameSource source;
  private final DisplayDriver displays;
  private final LaneGate gates;
  private final GpioTimer outputTimer;
  private final List<OutputPin> outputs;
  private boolean closed;

  private GpioBoard(
      GpioConfig config,
      Context context,
      GpioFrameSource source,
      DisplayDriver displays,
      LaneGate gates,
      GpioTimer outputTimer,
      List<OutputPin> outputs) {
    this.config = config;
    this.context = context;
    this.source = source;
    this.displays = displays;
    this.gates = gates;
    this.outputTimer = outputTimer;
    this.outputs = outputs;
  }

  /** Opens the pins of {@code config} on this box's GPIO (libgpiod through Pi4J). */
  public static GpioBoard start(GpioConfig config) {
    return start(
        config,
        () -> whyNoGpio(Path.of("/dev"), System.getProperty("os.arch")),
        () -> gpiodContext());
  }

  /**
   * Opens the pins, unless {@code probe} names a reason there is no GPIO here or opening fails:
   * then the board is absent and one WARN says why.
   */
  static GpioBoard start(
      GpioConfig config, Supplier<Optional<String>> probe, Supplier<Context> contexts) {
    Optional<String> missing = probe.get();
    if (missing.isPresent()) {
      return absent(config, missing.get());
    }
    Context context;
    try {
      context = contexts.get();
    } catch (RuntimeException | LinkageError e) {
      return absent(config, "Pi4J could not open it: " + e);
    }
    ThreadGpioTimer inputTimer = new ThreadGpioTimer("gpio-inputs");
    ThreadGpioTimer outputTimer = new ThreadGpioTimer("gpio-outputs");
    try {
      GpioBoard board = open(config, context, inputTimer, outputTimer);
      log.info(
          "gpio {}: {} inputs, {} outputs on the GPIO header",
          config.bus(),
          config.inputs().size(),
          config.outputs().size());
      return board;
    } catch (RuntimeException | LinkageError e) {
      inputTimer.close();
      outputTimer.close();
      shutdownQuietly(context);
      log.error(
          "gpio {}: the pins in gateway.yaml could not be opened ({}); inputs and outputs in"
              + " gateway.yaml are not driven",
          config.bus(),
          e.toString());
      return absentQuietly(config);
    }
  }

  /**
   * Opens every pin of {@code config} on {@code context} (the mock platform in tests).
   *
   * @throws RuntimeException when a pin cannot be opened; the caller shuts the context down
   */
  static GpioBoard open(
      GpioConfig config, Context context, GpioTimer inputTimer, GpioTimer outputTimer) {
    List<WatchedInput> inputs = new ArrayList<>();
    for (GpioConfig.Input input : config.inputs()) {
      inputs.add(new WatchedInput(input, openInput(context, input)));
    }
    List<OutputPin> outputs = new ArrayList<>();
    List<Lamp> lamps = new ArrayList<>();
    List<OutputPin> relays = new ArrayList<>();
    for (GpioConfig.Output output : config.outputs()) {
      OutputPin pin = new OutputPin(output, openOutput(context, output));
      outputs.add(pin);
      if (output.kind() == OutputKind.RELAY) {
        relays.add(pin);
      } else {
        lamps.add(new Lamp(pin, outputTimer));
      }
    }
    return new GpioBoard(
        config,
        context,
        new GpioFrameSource(config.bus(), inputs, inputTimer),
        new GpioDisplayDriver(config.bus(), lamps, outputTimer),
        new GpioLaneGate(relays, outputTimer),
        outputTimer,
        outputs);
  }

  private static DigitalInput openInput(Context context, GpioConfig.Input input) {
    return context.create(
        DigitalInput.newConfigBuilder(context)
            .id("bcm" + input.pin())
            .name(input.name())
            .address(input.pin())
            .pull(pull(input.pull()))
            // Debounced here, with the gateway's own clock: the same in tests and on every box.
            .debounce(0L));
  }

  private static DigitalOutput openOutput(Context context, GpioConfig.Output output) {
    return context.create(
        DigitalOutput.newConfigBuilder(context)
            .id("bcm" + output.pin())
            .name(output.name())
            .address(output.pin())
            .initial(OutputPin.offLevel(output))
            .shutdown(OutputPin.offLevel(output)));
  }

  private static PullResistance pull(GpioConfig.Pull pull) {
    return switch (pull) {
      case UP -> PullResistance.PULL_UP;
      case DOWN -> PullResistance.PULL_DOWN;
      case OFF -> PullResistance.OFF;
    };
  }

  /** A Pi4J context with the libgpiod providers only: no platform guessing, no shutdown hook. */
  private static Context gpiodContext() {
    return Pi4J.newContextBuilder()
        .noAutoDetect()
        .disableShutdownHook()
        .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
        .build();
  }

  /**
   * Why this box has no GPIO that Pi4J's libgpiod provider can drive, or empty when it may have.
   * Checked before Pi4J is touched, so that a PC does not log Pi4J's own native-library errors.
   */
  static Optional<String> whyNoGpio(Path dev, String osArch) {
    try (Stream<Path> files = Files.list(dev)) {
      if (files.noneMatch(f -> f.getFileName().toString().startsWith("gpiochip"))) {
        return Optional.of("no " + dev.resolve("gpiochip*"));
      }
    } catch (IOException e) {
      return Optional.of("cannot list " + dev + ": " + e.getMessage());
    }
    String arch = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
    if (!List.of("arm", "aarch64", "arm64").contains(arch)) {
      return Optional.of("Pi4J's libgpiod provider runs on ARM boards only; this is " + osArch);
    }
    return Optional.empty();
  }

  private static GpioBoard absent(GpioConfig config, String reason) {
    log.warn(
        "gpio: no GPIO on this box ({}); inputs and outputs in gateway.yaml are not driven",
        reason);
    return absentQuietly(config);
  }

  private static GpioBoard absentQuietly(GpioConfig config) {
    return new GpioBoard(
        config, null, null, new UndrivenGpioDisplays(config), lane -> false, null, List.of());
  }

  /** Whether the pins are driven. */
  public boolean available() {
    return context != null;
  }

  /** The input pins as a frame source; empty when the board is absent. */
  public Optional<FrameSource> source() {
    return Optional.ofNullable(source);
  }

  /** The lamps. Present even when the board is absent, so lamps are not reported as unreachable. */
  public DisplayDriver displays() {
    return displays;
  }

  /** The barrier relays, by lane. */
  public LaneGate gates() {
    return gates;
  }

  /** Stops the inputs, switches every output off and releases the pins. */
  @Override
  public synchronized void close() {
    if (context == null || closed) {
      return;
    }
    closed = true;
    source.close();
    outputTimer.close();
    for (OutputPin output : outputs) {
      try {
        output.set(false);
      } catch (RuntimeException e) {
        log.warn(
            "gpio {}: {} could not be switched off: {}", config.bus(), output.config, e.toString());
      }
    }
    shutdownQuietly(context);
    log.info("gpio {}: pins released", config.bus());
  }

  private static void shutdownQuietly(Context context) {
    try {
      context.shutdown();
    } catch (RuntimeException e) {
      log.warn("gpio: Pi4J shutdown failed: {}", e.toString());
    }
  }
}
