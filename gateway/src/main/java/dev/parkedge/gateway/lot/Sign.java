package dev.parkedge.gateway.lot;

import dev.parkedge.proto.psp.PspMessage;
import java.util.List;
import java.util.Objects;

/**
 * A count sign showing the number of free spaces in some zones.
 *
 * @param device where the sign is reached; for a Modbus sign, its EUI is a stable id derived from
 *     the bus and unit (the sign has none of its own) and {@link #modbus} says how to write it
 * @param arrow the arrow the sign shows beside its number
 * @param modbus how a Modbus RTU sign takes its value, or null for a PSP/1 sign
 */
public record Sign(
    String id,
    DeviceAddress device,
    List<String> zones,
    PspMessage.Arrow arrow,
    ModbusRegister modbus) {
  public Sign {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(device, "device");
    zones = List.copyOf(zones);
    Objects.requireNonNull(arrow, "arrow");
  }
}
