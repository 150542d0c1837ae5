package dev.parkedge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code parkedge decode --frame} on every shared PSP/1 vector at once: all good frames of every
 * type and every kind of corrupt frame, interleaved in one stream, give one element per frame.
 */
class DecodeSharedVectorsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void decodes_every_vector_in_one_noisy_stream() throws IOException {
    JsonNode vectors =
        JSON.readTree(Path.of("..", "firmware-proto", "vectors", "psp1.json").toFile());
    StringBuilder wire = new StringBuilder();
    List<String> expected = new ArrayList<>();
    JsonNode good = vectors.get("good");
    JsonNode bad = vectors.get("bad");
    for (int i = 0; i < Math.max(good.size(), bad.size()); i++) {
      if (i < good.size()) {
        wire.append(good.get(i).get("frame").asText());
        expected.add(good.get(i).get("decoded").toString());
      }
      if (i < bad.size()) {
        wire.append(bad.get(i).get("frame").asText());
        expected.add("error " + bad.get(i).get("error").asText());
      }
    }

    StringWriter out = new StringWriter();
    var cli = ParkEdgeCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    int status = cli.execute("decode", "--frame", wire.toString());

    assertThat(status).isZero();
    List<String> printed = new ArrayList<>();
    for (JsonNode element : JSON.readTree(out.toString())) {
      printed.add(
          element.has("error")
              ? "error " + element.get("error").asText().replaceFirst(":.*", "")
              : element.toString());
    }
    assertThat(printed).containsExactlyElementsOf(expected);
  }
}
