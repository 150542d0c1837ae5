package dev.parkedge.proto.lorawan.nwave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.proto.lorawan.PayloadException;
import dev.parkedge.proto.lorawan.PublishedExamples;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NwaveDecodersTest {

  @Nested
  class Nps405 {

    private final Nps405Decoder decoder = new Nps405Decoder();

    @Test
    void is_known_as_nwave_nps405() {
      assertThat(decoder.id()).isEqualTo("nwave-nps405");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.parkedge.proto.lorawan.nwave.NwaveDecodersTest#nps405Examples")
    void decodes_every_published_example(String description, JsonNode example)
        throws PayloadException {
      PublishedExamples.assertDecodesAsPublished(decoder, example);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.parkedge.proto.lorawan.nwave.NwaveDecodersTest#nps405Errors")
    void refuses_malformed_payloads(String description, JsonNode error) {
      PublishedExamples.assertRefused(decoder, error);
    }
  }

  @Nested
  class Nps310 {

    private final Nps310Decoder decoder = new Nps310Decoder();

    @Test
    void is_known_as_nwave_nps310() {
      assertThat(decoder.id()).isEqualTo("nwave-nps310");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.parkedge.proto.lorawan.nwave.NwaveDecodersTest#nps310Examples")
    void decodes_every_published_example(String description, JsonNode example)
        throws PayloadException {
      PublishedExamples.assertDecodesAsPublished(decoder, example);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.parkedge.proto.lorawan.nwave.NwaveDecodersTest#nps310Errors")
    void refuses_malformed_payloads(String description, JsonNode error) {
      PublishedExamples.assertRefused(decoder, error);
    }
  }

  @Nested
  class Ncc405 {

    private final Ncc405Decoder decoder = new Ncc405Decoder();

    @Test
    void is_known_as_nwave_ncc405() {
      assertThat(decoder.id()).isEqualTo("nwave-ncc405");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.parkedge.proto.lorawan.nwave.NwaveDecodersTest#ncc405Examples")
    void decodes_every_published_example(String description, JsonNode example)
        throws PayloadException {
      PublishedExamples.assertDecodesAsPublished(decoder, example);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.parkedge.proto.lorawan.nwave.NwaveDecodersTest#ncc405Errors")
    void refuses_malformed_payloads(String description, JsonNode error) {
      PublishedExamples.assertRefused(decoder, error);
    }
  }

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

  static Stream<Arguments> nps405Examples() {
    return PublishedExamples.examples("nwave-nps405");
  }

  static Stream<Arguments> nps405Errors() {
    return PublishedExamples.errors("nwave-nps405");
  }

  static Stream<Arguments> nps310Examples() {
    return PublishedExamples.examples("nwave-nps310");
  }

  static Stream<Arguments> nps310Errors() {
    return PublishedExamples.errors("nwave-nps310");
  }

  static Stream<Arguments> ncc405Examples() {
    return PublishedExamples.examples("nwave-ncc405");
  }

  static Stream<Arguments> ncc405Errors() {
    return PublishedExamples.errors("nwave-ncc405");
  }
}
