package dev.parkedge.gateway.config;

import dev.parkedge.proto.psp.Eui64;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Pins of the box's own GPIO header (the {@code gpio} section of gateway.yaml). Each pin is a
 * device with an EUI-64 on the GPIO bus, so site.yaml refers to a lamp exactly as to a PSP/1
 * indicator, and a loop detector's edges arrive as PSP/1 {@code Loop} messages.
 *
 * @param bus the bus name GPIO devices appear on (default {@code gpio})
 */
public record GpioConfig(String bus, List<Input> inputs, List<Output> outputs) {

  public static final String DEFAULT_BUS = "gpio";

  /** BCM GPIO numbers on the 40-pin header. */
  public static final int MIN_PIN = 0;

  public static final int MAX_PIN = 27;

  /** No gpio section: nothing to drive. */
  public static final GpioConfig NONE = new GpioConfig(DEFAULT_BUS, List.of(), List.of());

  public GpioConfig {
    Objects.requireNonNull(bus, "bus");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** Whether no pin is configured. */
  public boolean isEmpty() {
    return inputs.isEmpty() && outputs.isEmpty();
  }

  /** The output with this device EUI. */
  public Optional<Output> output(long device) {
    return outputs.stream().filter(o -> o.device() == device).findFirst();
  }

  /** Whether any pin, input or output, has this device EUI. */
  public boolean hasDevice(long device) {
    return Stream.concat(inputs.stream().map(Input::device), outputs.stream().map(Output::device))
        .anyMatch(d -> d == device);
  }

  /** What drives an input pin. */
  public enum InputKind {
    /** An inductive-loop detector's output: active while a vehicle is over the loop. */
    LOOP,
    /** A push button: each press is one event. */
    BUTTON;

    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What an output pin drives. */
  public enum OutputKind {
    /** A lamp above a space: on while the space is not free. */
    LIGHT,
    /** A "FULL" lamp at an entrance, standing for a count sign: on at 0 free. */
    FULL_LAMP,
    /** A relay module that opens a barrier when pulsed. */
    RELAY;

    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The pin's internal bias resistor. */
  public enum Pull {
    UP,
    DOWN,
    OFF;

    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * An input pin.
   *
   * @param pin the BCM GPIO number
   * @param device the EUI-64 its messages carry
   * @param lane the lane its {@code Loop} messages name, 0..255
   * @param debounce how long a level must hold before it counts
   * @param activeHigh whether a vehicle (or a press) reads as a high level
   */
  public record Input(
      String name,
      int pin,
      long device,
      int lane,
      InputKind kind,
      Duration debounce,
      boolean activeHigh,
      Pull pull) {
    public Input {
      Objects.requireNonNull(name, "name");
      checkPin(pin);
      checkLane(lane);
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(debounce, "debounce");
      if (debounce.isNegative()) {
        throw new IllegalArgumentException("debounce must be 0 or more, got " + debounce);
      }
      Objects.requireNonNull(pull, "pull");
    }

    @Override
    public String toString() {
      return name + " (pin " + pin + ", " + Eui64.format(device) + ")";
    }
  }

  /**
   * An output pin.
   *
   * @param pin the BCM GPIO number
   * @param device the EUI-64 site.yaml names it by
   * @param activeHigh whether "on" drives the pin high
   * @param lane the lane a relay's barrier stands at, 0..255; {@link #NO_LANE} for a lamp
   * @param pulse how long a relay is held on per opening; zero for a lamp
   */
  public record Output(
      String name,
      int pin,
      long device,
      OutputKind kind,
      boolean activeHigh,
      int lane,
      Duration pulse) {

    public static final int NO_LANE = -1;

    public Output {
      Objects.requireNonNull(name, "name");
      checkPin(pin);
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(pulse, "pulse");
      if (kind == OutputKind.RELAY) {
        checkLane(lane);
        if (pulse.isZero() || pulse.isNegative()) {
          throw new IllegalArgumentException("a relay needs a pulse above 0, got " + pulse);
        }
      } else if (lane != NO_LANE || !pulse.isZero()) {
        throw new IllegalArgumentException("only a relay has a lane and a pulse");
      }
    }

    /** A lamp (light or FULL lamp). */
    public static Output lamp(
        String name, int pin, long device, OutputKind kind, boolean activeHigh) {
      return new Output(name, pin, device, kind, activeHigh, NO_LANE, Duration.ZERO);
    }

    @Override
    public String toString() {
      return name + " (pin " + pin + ", " + Eui64.format(device) + ")";
    }
  }

  private static void checkPin(int pin) {
    if (pin < MIN_PIN || pin > MAX_PIN) {
      throw new IllegalArgumentException(
          "a BCM GPIO number is " + MIN_PIN + ".." + MAX_PIN + ", got " + pin);
    }
  }

  private static void checkLane(int lane) {
    if (lane < 0 || lane > 255) {
      throw new IllegalArgumentException("a lane is 0..255, got " + lane);
    }
  }
}
