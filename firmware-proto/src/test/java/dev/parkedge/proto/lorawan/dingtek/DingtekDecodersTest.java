package dev.parkedge.proto.lorawan.dingtek;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.proto.lorawan.PayloadException;
import dev.parkedge.proto.lorawan.PublishedExamples;
import dev.parkedge.proto.lorawan.SensorDecoder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DingtekDecodersTest {

  @Nested
  class Do200 {

    private final SensorDecoder decoder = new Do200Decoder();

    static Stream<Arguments> examples() {
      return PublishedExamples.examples("dingtek-do200");
    }

    static Stream<Arguments> errors() {
      return PublishedExamples.errors("dingtek-do200");
    }

    @Test
    void is_known_as_dingtek_do200() {
      assertThat(decoder.id()).isEqualTo("dingtek-do200");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void decodes_every_published_example(String description, JsonNode example)
        throws PayloadException {
      PublishedExamples.assertDecodesAsPublished(decoder, example);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void keeps_the_vendor_codec_key_order(String description, JsonNode example)
        throws PayloadException {
      assertKeyOrder(decoder, example);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void refuses_every_malformed_payload(String description, JsonNode error) {
      PublishedExamples.assertRefused(decoder, error);
    }
  }

  @Nested
  class Do201 {

    private final SensorDecoder decoder = new Do201Decoder();

    static Stream<Arguments> examples() {
      return PublishedExamples.examples("dingtek-do201");
    }

    static Stream<Arguments> errors() {
      return PublishedExamples.errors("dingtek-do201");
    }

    @Test
    void is_known_as_dingtek_do201() {
      assertThat(decoder.id()).isEqualTo("dingtek-do201");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void decodes_every_published_example(String description, JsonNode example)
        throws PayloadException {
      PublishedExamples.assertDecodesAsPublished(decoder, example);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void keeps_the_vendor_codec_key_order(String description, JsonNode example)
        throws PayloadException {
      assertKeyOrder(decoder, example);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void refuses_every_malformed_payload(String description, JsonNode error) {
      PublishedExamples.assertRefused(decoder, error);
    }
  }

  @Nested
  class Do202 {

    private final SensorDecoder decoder = new Do202Decoder();

    static Stream<Arguments> examples() {
      return PublishedExamples.examples("dingtek-do202");
    }

    static Stream<Arguments> errors() {
      return PublishedExamples.errors("dingtek-do202");
    }

    @Test
    void is_known_as_dingtek_do202() {
      assertThat(decoder.id()).isEqualTo("dingtek-do202");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void decodes_every_published_example(String description, JsonNode example)
        throws PayloadException {
      PublishedExamples.assertDecodesAsPublished(decoder, example);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void keeps_the_vendor_codec_key_order(String description, JsonNode example)
        throws PayloadException {
      assertKeyOrder(decoder, example);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void refuses_every_malformed_payload(String description, JsonNode error) {
      PublishedExamples.assertRefused(decoder, error);
    }
  }

  /** The shared helper compares fields as JSON objects, which ignores order; this does not. */
  private static void assertKeyOrder(SensorDecoder decoder, JsonNode example)
      throws PayloadException {
    byte[] payload = HexFormat.of().parseHex(example.get("hex").asText());
    List<String> expected = new ArrayList<>();
    example.get("fields").fieldNames().forEachRemaining(expected::add);

    assertThat(decoder.decode(example.get("fport").asInt(), payload).fields().keySet())
        .containsExactlyElementsOf(expected);
  }
}
