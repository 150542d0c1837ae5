package dev.parkedge.proto.lorawan.nwave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkedge.proto.lorawan.PayloadException;
import org.junit.jupiter.api.Test;

/** Nwave specifics; the published examples of every model are checked in PublishedExamplesTest. */
class NwaveDecodersTest {

  @Test
  void whole_computed_values_are_integers_as_in_the_codec_json() throws PayloadException {
    var wholeDegrees = new Nps405Decoder().decode(2, new byte[] {0, 0x7D, (byte) 0xD8}).fields();
    var halfDegree = new Nps405Decoder().decode(2, new byte[] {0, 0x7C, 0x03}).fields();

    assertThat(wholeDegrees.get("temperature")).isEqualTo(-10);
    assertThat(wholeDegrees.get("battery_voltage")).isEqualTo(3);
    assertThat(halfDegree.get("temperature")).isEqualTo(11.5);
    assertThat(halfDegree.get("battery_voltage")).isEqualTo(2.996);
  }

  @Test
  void a_null_payload_is_refused_like_an_empty_one() {
    assertThatThrownBy(() -> new Nps405Decoder().decode(1, null))
        .isInstanceOf(PayloadException.class)
        .hasMessage("nwave-nps405 fPort 1: expected 1 byte, got 0");
  }
}
