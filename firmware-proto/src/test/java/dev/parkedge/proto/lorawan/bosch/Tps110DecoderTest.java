package dev.parkedge.proto.lorawan.bosch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.proto.lorawan.PayloadException;
import dev.parkedge.proto.lorawan.PublishedExamples;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Tps110DecoderTest {

  private final Tps110Decoder decoder = new Tps110Decoder();

  @Test
  void is_known_as_bosch_tps110() {
    assertThat(decoder.id()).isEqualTo("bosch-tps110");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void decodes_every_published_example(String description, JsonNode example)
      throws PayloadException {
    PublishedExamples.assertDecodesAsPublished(decoder, example);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void refuses_malformed_payloads(String description, JsonNode error) {
    PublishedExamples.assertRefused(decoder, error);
  }

  static Stream<Arguments> examples() {
    return PublishedExamples.examples("bosch-tps110");
  }

  static Stream<Arguments> errors() {
    return PublishedExamples.errors("bosch-tps110");
  }
}
