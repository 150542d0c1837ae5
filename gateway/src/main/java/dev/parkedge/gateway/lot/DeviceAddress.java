package dev.parkedge.gateway.lot;

import dev.parkedge.proto.psp.Eui64;
import java.util.Objects;

/**
 * Where a device is reached: its EUI-64 and the serial bus it hangs on ({@code null} bus in a site
 * file means the first serial bus; the loader fills in the real name).
 *
 * @param model a LoRaWAN device's model: the sensor decoder (e.g. {@code nwave-nps405}) or the
 *     display model (e.g. {@code psp1-lorawan}); null for a PSP/1 device, and for a LoRaWAN sensor
 *     read through its network server's own decoded object
 */
public record DeviceAddress(long eui, String bus, String model) {
  public DeviceAddress {
    Objects.requireNonNull(bus, "bus");
  }

  public static DeviceAddress psp(long eui, String bus) {
    return new DeviceAddress(eui, bus, null);
  }

  @Override
  public String toString() {
    return Eui64.format(eui) + "@" + bus;
  }
}
