package dev.parkedge.gateway.transport.gpio;

import dev.parkedge.gateway.session.LaneGate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Barrier relays on output pins. {@link #pulseOpen} switches the lane's relay on for its configured
 * pulse; a second opening during a pulse extends it. Relays are switched on the output timer's
 * thread, which nothing else blocks: a busy domain never holds a relay on.
 */
public final class GpioLaneGate implements LaneGate {

  private static final Logger log = LoggerFactory.getLogger(GpioLaneGate.class);

  private final Map<Integer, Relay> relays;
  private final GpioTimer timer;

  /**
   * @param relays one per lane (gateway.yaml is checked for that)
   */
  GpioLaneGate(List<OutputPin> relays, GpioTimer timer) {
    this.timer = timer;
    this.relays = new HashMap<>();
    for (OutputPin pin : relays) {
      this.relays.put(pin.config.lane(), new Relay(pin));
    }
  }

  @Override
  public boolean pulseOpen(int lane) {
    Relay relay = relays.get(lane);
    if (relay == null) {
      log.debug("gpio: no barrier relay at lane {}", lane);
      return false;
    }
    timer.execute(relay::pulse);
    return true;
  }

  /** One relay; its state is touched on the timer's thread only. */
  private final class Relay {
    private final OutputPin pin;
    private long offAtNanos;

    Relay(OutputPin pin) {
      this.pin = pin;
    }

    void pulse() {
      offAtNanos = timer.nanoTime() + pin.config.pulse().toNanos();
      pin.set(true);
      log.debug("gpio: {} on for {} (lane {})", pin.config, pin.config.pulse(), pin.config.lane());
      timer.schedule(pin.config.pulse(), this::offIfDue);
    }

    private void offIfDue() {
      if (timer.nanoTime() - offAtNanos >= 0) {
        pin.set(false);
        log.debug("gpio: {} off (lane {})", pin.config, pin.config.lane());
      }
    }
  }
}
