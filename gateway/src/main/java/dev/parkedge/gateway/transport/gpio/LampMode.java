package dev.parkedge.gateway.transport.gpio;

import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.proto.psp.PspMessage.Color;
import java.time.Duration;

/**
 * What a single lamp on an output pin does. A light above a space is on while the space is not free
 * to park in (occupied, reserved, maintenance) and blinks as the state's pattern says (slow for an
 * unknown state); a FULL lamp is on while its sign would show 0.
 */
enum LampMode {
  OFF(null),
  ON(null),
  SLOW_BLINK(Duration.ofMillis(500)),
  FAST_BLINK(Duration.ofMillis(125));

  /** How long the lamp stays on, and then off, while blinking; null for a steady lamp. */
  final Duration half;

  LampMode(Duration half) {
    this.half = half;
  }

  /** Green (free) and off are dark; every other colour lights the lamp in the state's pattern. */
  static LampMode of(DisplayState.Light light) {
    if (light.color() == Color.OFF || light.color() == Color.GREEN) {
      return OFF;
    }
    return switch (light.pattern()) {
      case SOLID -> ON;
      case SLOW_BLINK -> SLOW_BLINK;
      case FAST_BLINK -> FAST_BLINK;
    };
  }

  /** On at 0 free; off for any other count and for a blank sign (the count is not known). */
  static LampMode of(DisplayState.Count count) {
    return !count.blank() && count.free() == 0 ? ON : OFF;
  }
}
