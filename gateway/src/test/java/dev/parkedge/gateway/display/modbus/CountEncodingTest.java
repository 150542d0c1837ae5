package dev.parkedge.gateway.display.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.display.DisplayState.Count;
import dev.parkedge.gateway.lot.ModbusRegister;
import dev.parkedge.gateway.lot.ModbusRegister.Encoding;
import dev.parkedge.proto.psp.PspMessage.Arrow;
import dev.parkedge.proto.psp.PspMessage.Color;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountEncodingTest {

  @ParameterizedTest(name = "{0} {1} is written as {2}")
  @CsvSource({
    "U16, 0,     0x0000",
    "U16, 7,     0x0007",
    "U16, 42,    0x002A",
    "U16, 9999,  0x270F",
    "U16, blank, 0xFFFF",
    "BCD, 0,     0x0000",
    "BCD, 7,     0x0007",
    "BCD, 42,    0x0042",
    "BCD, 1234,  0x1234",
    "BCD, 9090,  0x9090",
    "BCD, 9999,  0x9999",
    "BCD, blank, 0xFFFF",
  })
  void writes_a_count_in_the_register_encoding(Encoding encoding, String free, String expected) {
    ModbusRegister register = new ModbusRegister(3, 10, encoding, 0xFFFF);
    Count count =
        new Count(free.equals("blank") ? null : Integer.valueOf(free), Arrow.NONE, Color.GREEN);

    int value = CountEncoding.registerValue(register, count);

    assertThat(value).isEqualTo(Integer.decode(expected));
  }

  @ParameterizedTest(name = "a {0} sign blanks with its own blank value")
  @CsvSource({"U16", "BCD"})
  void blanks_a_sign_with_its_configured_blank_value(Encoding encoding) {
    ModbusRegister register = new ModbusRegister(3, 10, encoding, 0xAAAA);

    int value = CountEncoding.registerValue(register, new Count(null, Arrow.NONE, Color.GREEN));

    assertThat(value).isEqualTo(0xAAAA);
  }
}
