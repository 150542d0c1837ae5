package dev.parkedge.gateway.transport.gpio;

/** A lamp on an output pin and the mode it shows. Used on the output timer's thread only. */
final class Lamp {

  final OutputPin pin;
  private final GpioTimer timer;
  private LampMode mode;
  private int generation;

  Lamp(OutputPin pin, GpioTimer timer) {
    this.pin = pin;
    this.timer = timer;
  }

  /**
   * Shows {@code next}. The same blinking mode again keeps its rhythm (displays are re-sent their
   * state periodically); a steady mode is written again, which heals a pin changed behind our back.
   */
  void show(LampMode next) {
    if (next == mode && next.half != null) {
      return;
    }
    mode = next;
    int current = ++generation;
    pin.set(next != LampMode.OFF);
    if (next.half != null) {
      timer.schedule(next.half, () -> toggle(current, false));
    }
  }

  private void toggle(int expected, boolean on) {
    if (expected != generation) {
      return;
    }
    pin.set(on);
    timer.schedule(mode.half, () -> toggle(expected, !on));
  }

  LampMode mode() {
    return mode;
  }
}
