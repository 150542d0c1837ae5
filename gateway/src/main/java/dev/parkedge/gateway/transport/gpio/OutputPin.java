package dev.parkedge.gateway.transport.gpio;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import dev.parkedge.gateway.config.GpioConfig;

/** One output pin, switched on and off in terms of its active level. */
final class OutputPin {

  final GpioConfig.Output config;
  private final DigitalOutput pin;

  OutputPin(GpioConfig.Output config, DigitalOutput pin) {
    this.config = config;
    this.pin = pin;
  }

  /** The level that switches the lamp or relay off: the pin's level at start and at shutdown. */
  static DigitalState offLevel(GpioConfig.Output config) {
    return config.activeHigh() ? DigitalState.LOW : DigitalState.HIGH;
  }

  void set(boolean on) {
    pin.state(on == config.activeHigh() ? DigitalState.HIGH : DigitalState.LOW);
  }

  boolean on() {
    return pin.state().isHigh() == config.activeHigh();
  }
}
