package dev.parkedge.proto.lorawan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every model decodes every example its vendor publishes, and refuses malformed payloads. */
class PublishedExamplesTest {

  static Stream<Arguments> examples() {
    return PublishedExamples.examples();
  }

  static Stream<Arguments> errors() {
    return PublishedExamples.errors();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void decodes_each_published_example_as_the_vendor_codec_does(
      String name, String model, JsonNode example) throws PayloadException {
    PublishedExamples.assertDecodesAsPublished(SensorDecoders.byId(model).orElseThrow(), example);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void refuses_a_malformed_payload_naming_model_port_and_expectation(
      String name, String model, JsonNode error) {
    PublishedExamples.assertRefused(SensorDecoders.byId(model).orElseThrow(), error);
  }
}
