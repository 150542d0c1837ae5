package dev.parkedge.proto.lorawan.tekzitel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.proto.lorawan.PayloadException;
import dev.parkedge.proto.lorawan.PublishedExamples;
import dev.parkedge.proto.lorawan.SensorDecoder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TekziparkDecoderTest {

  private final SensorDecoder decoder = new TekziparkDecoder();

  static Stream<Arguments> examples() {
    return PublishedExamples.examples("tekzitel-tekzipark");
  }

  static Stream<Arguments> errors() {
    return PublishedExamples.errors("tekzitel-tekzipark");
  }

  @Test
  void is_known_as_tekzitel_tekzipark() {
    assertThat(decoder.id()).isEqualTo("tekzitel-tekzipark");
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
    byte[] payload = HexFormat.of().parseHex(example.get("hex").asText());
    List<String> expected = new ArrayList<>();
    example.get("fields").fieldNames().forEachRemaining(expected::add);

    assertThat(decoder.decode(example.get("fport").asInt(), payload).fields().keySet())
        .containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void refuses_every_malformed_payload(String description, JsonNode error) {
    PublishedExamples.assertRefused(decoder, error);
  }
}
