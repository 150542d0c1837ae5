package dev.parkedge.gateway.display.modbus;

import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.gateway.lot.ModbusRegister;

/** The raw register value that makes a Modbus sign show a count. */
final class CountEncoding {

  private CountEncoding() {}

  /**
   * The value to write: the register's blank value for a blank count; otherwise the count as an
   * unsigned number ({@code U16}) or as four BCD digits ({@code BCD}: 42 is {@code 0x0042}).
   */
  static int registerValue(ModbusRegister register, DisplayState.Count count) {
    if (count.blank()) {
      return register.blankValue();
    }
    int free = count.free();
    return switch (register.encoding()) {
      case U16 -> free;
      case BCD -> bcd(free);
    };
  }

  private static int bcd(int value) {
    int result = 0;
    for (int shift = 0; shift < 16; shift += 4) {
      result |= (value % 10) << shift;
      value /= 10;
    }
    return result;
  }
}
