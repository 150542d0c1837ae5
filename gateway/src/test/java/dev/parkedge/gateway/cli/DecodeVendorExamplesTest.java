package dev.parkedge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.proto.lorawan.SensorDecoders;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code parkedge decode --vendor} prints each vendor's published example output, for every model:
 * the same examples firmware-proto's decoder tests use.
 */
class DecodeVendorExamplesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLES =
      Path.of("..", "firmware-proto", "src", "test", "resources", "vendor-examples");

  static Stream<Arguments> published_examples() throws IOException {
    List<Arguments> rows = new ArrayList<>();
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      for (Path file : files.sorted().toList()) {
        JsonNode root = JSON.readTree(file.toFile());
        for (JsonNode example : root.get("examples")) {
          rows.add(
              Arguments.of(
                  root.get("model").asText() + ": " + example.get("description").asText(),
                  root.get("model").asText(),
                  example));
        }
      }
    }
    assertThat(rows.stream().map(row -> row.get()[1]).distinct())
        .as("every model has published examples")
        .containsExactlyInAnyOrderElementsOf(SensorDecoders.ids());
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void published_examples(String name, String model, JsonNode example) throws IOException {
    StringWriter out = new StringWriter();
    var cli = ParkEdgeCommand.commandLine();
    cli.setOut(new PrintWriter(out));

    int status =
        cli.execute(
            "decode",
            "--vendor",
            model,
            "--fport",
            example.get("fport").asText(),
            "--hex",
            example.get("hex").asText());

    assertThat(status).isZero();
    JsonNode printed = JSON.readTree(out.toString());
    assertThat(printed.get("vendor").asText()).isEqualTo(model);
    assertThat(printed.get("fport").asInt()).isEqualTo(example.get("fport").asInt());
    assertThat(printed.get("fields")).isEqualTo(example.get("fields"));
    assertThat(printed.get("reading")).isEqualTo(example.get("reading"));
  }
}
