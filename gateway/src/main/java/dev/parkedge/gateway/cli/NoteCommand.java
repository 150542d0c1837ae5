package dev.parkedge.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parkedge.gateway.config.ConfigException;
import java.io.PrintWriter;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parkedge note TEXT}: a durable operator note in the journal. */
@Command(
    name = "note",
    mixinStandardHelpOptions = true,
    description = {
      "Record a note in the running gateway's journal (e.g. what was repaired); answered only"
          + " once it is on disk. Refused, with the reason and exit 3, when storage cannot"
          + " take it (disk full).",
      "",
      "  parkedge note \"replaced the battery of the B-012 sensor\" -c /etc/parkedge/gateway.yaml"
    })
final class NoteCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ApiOptions api;

  @Parameters(index = "0", paramLabel = "TEXT", description = "The note, 1 to 500 characters.")
  String text;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description = "This note's unique id (default: a random UUID).")
  String key;

  @Option(names = "--json", description = "Print {\"key\", \"seq\"}.")
  boolean json;

  @Override
  public Integer call() throws ConfigException {
    PrintWriter out = spec.commandLine().getOut();
    try (ApiClient client = api.connect()) {
      ObjectNode body =
          client
              .json()
              .createObjectNode()
              .put("key", key == null ? UUID.randomUUID().toString() : key)
              .put("text", text);
      JsonNode answer = client.post(body, "notes");
      if (json) {
        out.println(JsonText.of(answer));
      } else {
        out.println(
            "recorded note " + answer.get("key").asText() + " as journal seq " + answer.get("seq"));
      }
    }
    out.flush();
    return 0;
  }
}
