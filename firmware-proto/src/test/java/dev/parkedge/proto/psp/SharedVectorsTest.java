package dev.parkedge.proto.psp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared vectors in {@code vectors/psp1.json}: the C codec's tests read the same file. */
class SharedVectorsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final JsonNode VECTORS = load();

  static Stream<Arguments> good() {
    return rows("good");
  }

  static Stream<Arguments> bad() {
    return rows("bad");
  }

  static Stream<Arguments> streams() {
    return rows("streams");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("good")
  void decodes_a_good_packet_to_its_json_form(String name, JsonNode vector) throws Exception {
    PspMessage message = PspCodec.decodePacket(HEX.parseHex(vector.get("packet").asText()));

    assertThat(JSON.valueToTree(PspJson.toJson(message)).toString())
        .isEqualTo(vector.get("decoded").toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("good")
  void encodes_the_json_form_to_the_same_packet_and_frame(String name, JsonNode vector) {
    PspMessage message = PspJson.fromJson(asMap(vector.get("decoded")));

    assertThat(HEX.formatHex(PspCodec.encodePacket(message)))
        .isEqualTo(vector.get("packet").asText());
    assertThat(HEX.formatHex(PspCodec.encodeFrame(message)))
        .isEqualTo(vector.get("frame").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("good")
  void deframes_a_good_frame_to_exactly_one_message(String name, JsonNode vector) {
    var events = new RecordingListener();
    var deframer = new PspDeframer(events);

    deframer.feed(HEX.parseHex(vector.get("frame").asText()));

    assertThat(events.seen).containsExactly(vector.get("decoded").toString());
    assertThat(deframer.messages()).isEqualTo(1);
    assertThat(deframer.hasPartialFrame()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void rejects_a_bad_frame_once_with_its_error_kind(String name, JsonNode vector) {
    var events = new RecordingListener();
    var deframer = new PspDeframer(events);
    FrameError expected = FrameError.valueOf(vector.get("error").asText().toUpperCase());

    deframer.feed(HEX.parseHex(vector.get("frame").asText()));

    assertThat(events.seen).containsExactly(errorJson(expected));
    assertThat(deframer.errors(expected)).isEqualTo(1);
    assertThat(deframer.messages()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void deframes_a_stream_fed_in_chunks(String name, JsonNode vector) {
    var events = new RecordingListener();
    var deframer = new PspDeframer(events);

    for (JsonNode chunk : vector.get("chunks")) {
      deframer.feed(HEX.parseHex(chunk.asText()));
    }

    List<String> expected = new ArrayList<>();
    vector.get("expect").forEach(e -> expected.add(e.toString()));
    assertThat(events.seen).containsExactlyElementsOf(expected);
  }

  /** Records each callback in its JSON form, as the vectors write it. */
  static final class RecordingListener implements PspDeframer.Listener {
    final List<String> seen = new ArrayList<>();
    final List<String> details = new ArrayList<>();

    @Override
    public void onMessage(PspMessage message) {
      seen.add(JSON.valueToTree(PspJson.toJson(message)).toString());
    }

    @Override
    public void onError(FrameError error, String detail) {
      seen.add(errorJson(error));
      details.add(error.code() + ": " + detail);
    }
  }

  private static String errorJson(FrameError error) {
    return JSON.createObjectNode().put("error", error.code()).toString();
  }

  private static Map<String, Object> asMap(JsonNode node) {
    return JSON.convertValue(node, new TypeReference<Map<String, Object>>() {});
  }

  private static Stream<Arguments> rows(String section) {
    List<Arguments> rows = new ArrayList<>();
    VECTORS.get(section).forEach(v -> rows.add(Arguments.of(v.get("name").asText(), v)));
    return rows.stream();
  }

  private static JsonNode load() {
    try {
      return JSON.readTree(Path.of("vectors", "psp1.json").toFile());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the shared vectors vectors/psp1.json", e);
    }
  }
}
