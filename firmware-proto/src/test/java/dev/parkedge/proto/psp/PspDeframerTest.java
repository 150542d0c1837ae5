package dev.parkedge.proto.psp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PspDeframerTest {

  private static final byte[] WORKED_EXAMPLE =
      HexFormat.of().parseHex("08010170b3d57ed0031001091104010e10155c6b00");

  private final SharedVectorsTest.RecordingListener events =
      new SharedVectorsTest.RecordingListener();
  private final PspDeframer deframer = new PspDeframer(events);

  @Test
  void decodes_the_worked_example_of_the_spec() {
    deframer.feed(WORKED_EXAMPLE);

    assertThat(events.seen)
        .containsExactly(
            "{\"type\":\"occupancy\",\"device\":\"70b3d57ed0001001\",\"seq\":17,"
                + "\"state\":\"occupied\",\"battery_mv\":3600,\"temperature_c\":21}");
  }

  @Test
  void describes_what_was_wrong_with_a_rejected_frame() {
    byte[] corrupt = WORKED_EXAMPLE.clone();
    corrupt[corrupt.length - 2] ^= 1;

    deframer.feed(corrupt);

    assertThat(events.details)
        .containsExactly("bad_crc: packet carries CRC 0x5c6a, computed 0x5c6b");
  }

  @Test
  void counts_each_rejected_frame_under_its_error() {
    byte[] stream = HexFormat.of().parseHex("ff00" + "ff00" + "0801017000");

    deframer.feed(stream);
    deframer.feed(WORKED_EXAMPLE);

    assertThat(deframer.errors(FrameError.BAD_COBS)).isEqualTo(3);
    assertThat(deframer.errors(FrameError.BAD_CRC)).isZero();
    assertThat(deframer.messages()).isEqualTo(1);
  }

  @Test
  void holds_a_partial_frame_until_its_delimiter_arrives() {
    deframer.feed(WORKED_EXAMPLE, 0, 10);

    assertThat(deframer.hasPartialFrame()).isTrue();
    assertThat(events.seen).isEmpty();

    deframer.feed(WORKED_EXAMPLE, 10, WORKED_EXAMPLE.length - 10);

    assertThat(deframer.hasPartialFrame()).isFalse();
    assertThat(events.seen).hasSize(1);
  }

  @Test
  void resynchronises_after_a_megabyte_of_noise_at_the_next_delimiter() {
    byte[] noise = new byte[1 << 20];
    java.util.Arrays.fill(noise, (byte) 0x55);

    deframer.feed(noise);
    deframer.feed(new byte[] {Psp.DELIMITER});
    deframer.feed(WORKED_EXAMPLE);

    assertThat(deframer.errors(FrameError.BAD_LENGTH)).isEqualTo(1);
    assertThat(deframer.messages()).isEqualTo(1);
  }
}
