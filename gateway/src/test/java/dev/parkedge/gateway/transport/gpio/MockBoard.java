package dev.parkedge.gateway.transport.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import dev.parkedge.gateway.config.GpioConfig;

/**
 * A {@link GpioBoard} on Pi4J's mock platform (built explicitly, never auto-detected) with manual
 * timers, and the mock pins to drive and read.
 */
final class MockBoard implements AutoCloseable {

  final Context context;
  final ManualGpioTimer inputs = new ManualGpioTimer();
  final ManualGpioTimer outputs = new ManualGpioTimer();
  final GpioBoard board;

  MockBoard(GpioConfig config) {
    this.context = mockContext();
    this.board = GpioBoard.open(config, context, inputs, outputs);
  }

  static Context mockContext() {
    return Pi4J.newContextBuilder()
        .noAutoDetect()
        .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
        .build();
  }

  MockDigitalInput input(int pin) {
    return context.registry().get("bcm" + pin, MockDigitalInput.class);
  }

  MockDigitalOutput output(int pin) {
    return context.registry().get("bcm" + pin, MockDigitalOutput.class);
  }

  /** The pin's level: "high" or "low". */
  String level(int pin) {
    return output(pin).state() == DigitalState.HIGH ? "high" : "low";
  }

  void set(int pin, boolean high) {
    input(pin).mockState(high ? DigitalState.HIGH : DigitalState.LOW);
  }

  @Override
  public void close() {
    board.close();
  }
}
