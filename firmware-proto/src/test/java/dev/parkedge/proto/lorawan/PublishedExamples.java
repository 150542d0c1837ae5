package dev.parkedge.proto.lorawan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NumericNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The examples a vendor publishes with its codec, kept as test data in {@code
 * src/test/resources/vendor-examples/<model>.json}, and the checks every decoder must pass on them.
 *
 * <p>File shape: {@code {"model": id, "source": where the examples come from, "examples": [{
 * "description", "fport", "hex", "fields", "reading"}], "errors": [{"description", "fport", "hex",
 * "message_contains"}]}}. Numbers compare by value, so the vendor's {@code 21} equals our {@code
 * 21.0}.
 */
final class PublishedExamples {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PublishedExamples() {}

  /** One row per published example of every model: (name, model, example node). */
  static Stream<Arguments> examples() {
    return rows("examples");
  }

  /** One row per malformed payload of every model: (name, model, error node). */
  static Stream<Arguments> errors() {
    return rows("errors");
  }

  /**
   * Decodes the example and checks the vendor fields and the normalised reading. Key order is not
   * compared: JSON objects are unordered, and the published examples are often sorted by name.
   */
  static void assertDecodesAsPublished(SensorDecoder decoder, JsonNode example)
      throws PayloadException {
    DecodedUplink decoded = decoder.decode(example.get("fport").asInt(), hex(example));

    assertThat(numbersByValue(JSON.valueToTree(decoded.fields())))
        .as("fields of %s", example.get("description").asText())
        .isEqualTo(numbersByValue(example.get("fields")));
    assertThat(numbersByValue(JSON.valueToTree(decoded.reading().toJsonMap())))
        .as("reading of %s", example.get("description").asText())
        .isEqualTo(numbersByValue(example.get("reading")));
  }

  /** Checks that a malformed payload is refused with a message naming model and port. */
  static void assertRefused(SensorDecoder decoder, JsonNode error) {
    int fPort = error.get("fport").asInt();
    assertThatThrownBy(() -> decoder.decode(fPort, hex(error)))
        .isInstanceOf(PayloadException.class)
        .hasMessageStartingWith(decoder.id() + " fPort " + fPort + ": ")
        .hasMessageContaining(error.get("message_contains").asText());
  }

  private static Stream<Arguments> rows(String section) {
    List<Arguments> rows = new ArrayList<>();
    for (String model : SensorDecoders.ids()) {
      for (JsonNode row : load(model).path(section)) {
        rows.add(Arguments.of(model + ": " + row.get("description").asText(), model, row));
      }
    }
    return rows.stream();
  }

  private static JsonNode load(String model) {
    String resource = "/vendor-examples/" + model + ".json";
    try (InputStream in = PublishedExamples.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] hex(JsonNode row) {
    return HexFormat.of().parseHex(row.get("hex").asText());
  }

  /** Rewrites every number as a decimal string of its value, so 21 and 21.0 compare equal. */
  private static JsonNode numbersByValue(JsonNode node) {
    if (node instanceof NumericNode) {
      return JSON.getNodeFactory()
          .textNode("#" + node.decimalValue().stripTrailingZeros().toPlainString());
    }
    if (node.isObject()) {
      var copy = JSON.createObjectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), numbersByValue(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      var copy = JSON.createArrayNode();
      node.forEach(element -> copy.add(numbersByValue(element)));
      return copy;
    }
    return node;
  }
}
