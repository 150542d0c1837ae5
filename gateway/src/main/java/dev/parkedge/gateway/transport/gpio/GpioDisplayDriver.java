package dev.parkedge.gateway.transport.gpio;

import dev.parkedge.gateway.config.GpioConfig.OutputKind;
import dev.parkedge.gateway.display.DisplayDriver;
import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.gateway.display.DisplayStats;
import dev.parkedge.gateway.lot.DeviceAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lamps on output pins as displays: a {@code light} above a space shows a {@link
 * DisplayState.Light}, a {@code full_lamp} shows a {@link DisplayState.Count} (see {@link
 * LampMode}). {@link #show} returns at once; pins are switched on the output timer's thread.
 */
public final class GpioDisplayDriver implements DisplayDriver {

  private static final Logger log = LoggerFactory.getLogger(GpioDisplayDriver.class);

  private final String bus;
  private final Map<Long, Lamp> lamps;
  private final GpioTimer timer;
  private final Set<Long> mismatchLogged = ConcurrentHashMap.newKeySet();
  private final AtomicLong commanded = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  GpioDisplayDriver(String bus, List<Lamp> lamps, GpioTimer timer) {
    this.bus = bus;
    this.lamps =
        lamps.stream().collect(Collectors.toMap(l -> l.pin.config.device(), Function.identity()));
    this.timer = timer;
  }

  @Override
  public boolean drives(DeviceAddress address) {
    return address.bus().equals(bus) && lamps.containsKey(address.eui());
  }

  @Override
  public void show(DeviceAddress address, DisplayState state) {
    commanded.incrementAndGet();
    Lamp lamp = lamps.get(address.eui());
    LampMode mode = lamp == null ? null : modeFor(lamp, state);
    if (mode == null) {
      failed.incrementAndGet();
      return;
    }
    timer.execute(
        () -> {
          try {
            lamp.show(mode);
            sent.incrementAndGet();
          } catch (RuntimeException e) {
            failed.incrementAndGet();
            log.warn("gpio {}: {} could not be switched: {}", bus, lamp.pin.config, e.toString());
          }
        });
  }

  private LampMode modeFor(Lamp lamp, DisplayState state) {
    OutputKind kind = lamp.pin.config.kind();
    if (kind == OutputKind.LIGHT && state instanceof DisplayState.Light light) {
      return LampMode.of(light);
    }
    if (kind == OutputKind.FULL_LAMP && state instanceof DisplayState.Count count) {
      return LampMode.of(count);
    }
    if (mismatchLogged.add(lamp.pin.config.device())) {
      log.warn(
          "gpio {}: {} is a {} and cannot show {}; check site.yaml",
          bus,
          lamp.pin.config,
          kind.yamlName(),
          state);
    }
    return null;
  }

  @Override
  public DisplayStats stats() {
    return new DisplayStats(commanded.get(), 0, sent.get(), failed.get());
  }
}
