package dev.parkedge.gateway.transport.gpio;

import dev.parkedge.gateway.config.GpioConfig;
import dev.parkedge.gateway.display.DisplayDriver;
import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.gateway.display.DisplayStats;
import dev.parkedge.gateway.lot.DeviceAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lamps of gateway.yaml on a box without GPIO: every command is counted as failed, silently
 * (the board has said once that GPIO is absent; one warning per lamp would only repeat it).
 */
final class UndrivenGpioDisplays implements DisplayDriver {

  private final GpioConfig config;
  private final AtomicLong failed = new AtomicLong();

  UndrivenGpioDisplays(GpioConfig config) {
    this.config = config;
  }

  @Override
  public boolean drives(DeviceAddress address) {
    return address.bus().equals(config.bus()) && config.output(address.eui()).isPresent();
  }

  @Override
  public void show(DeviceAddress address, DisplayState state) {
    failed.incrementAndGet();
  }

  @Override
  public DisplayStats stats() {
    return new DisplayStats(failed.get(), 0, 0, failed.get());
  }
}
