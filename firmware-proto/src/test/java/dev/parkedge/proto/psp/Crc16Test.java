package dev.parkedge.proto.psp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc16Test {

  @Test
  void matches_the_ccitt_false_check_value() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);

    assertThat(Crc16.of(check, 0, check.length)).isEqualTo(0x29B1);
  }

  @Test
  void of_nothing_is_the_initial_value() {
    assertThat(Crc16.of(new byte[0], 0, 0)).isEqualTo(0xFFFF);
  }
}
