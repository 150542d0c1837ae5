package dev.parkedge.gateway.lot;

import java.util.Objects;

/**
 * How a Modbus RTU count sign takes its number: a holding register of a unit, and how the number is
 * encoded in it.
 *
 * @param unit the Modbus unit (slave) id, 1..247
 * @param register the 0-based holding register address, 0..65535
 * @param encoding how the count is written
 * @param blankValue the raw register value that blanks the sign
 */
public record ModbusRegister(int unit, int register, Encoding encoding, int blankValue) {

  /** How a count is written into the register. */
  public enum Encoding {
    /** The count as an unsigned 16-bit binary number. */
    U16,
    /** The count as four BCD digits (0x0042 shows 42). */
    BCD
  }

  public ModbusRegister {
    if (unit < 1 || unit > 247) {
      throw new IllegalArgumentException("modbus unit must be 1..247, got " + unit);
    }
    if (register < 0 || register > 0xFFFF) {
      throw new IllegalArgumentException("modbus register must be 0..65535, got " + register);
    }
    Objects.requireNonNull(encoding, "encoding");
    if (blankValue < 0 || blankValue > 0xFFFF) {
      throw new IllegalArgumentException("modbus blank value must be 0..65535, got " + blankValue);
    }
  }

  /** The top 16 bits of every derived EUI: no real device has them (0xFFFF is not an OUI). */
  public static final long DERIVED_EUI_PREFIX = 0xFFFF_0000_0000_0000L;

  /**
   * A stable EUI for a Modbus sign, which has none of its own: {@code 0xFFFF} in the top 16 bits,
   * then the bus's 0-based position in gateway.yaml's {@code serial} list (16 bits), the register
   * (16 bits) and the unit (16 bits). No hashing: the id can be read back by eye, e.g. {@code
   * ffff000000640003} is unit 3, register 100 on the first bus. It stays the same as long as the
   * bus keeps its place in the list.
   */
  public long derivedEui(int busIndex) {
    if (busIndex < 0 || busIndex > 0xFFFF) {
      throw new IllegalArgumentException("bus index must be 0..65535, got " + busIndex);
    }
    return DERIVED_EUI_PREFIX | ((long) busIndex << 32) | ((long) register << 16) | unit;
  }
}
