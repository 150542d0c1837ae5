package dev.parkedge.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's status file is read without jackson-databind, and every key of it as the mapper's
 * tree read it before (asLong(0), asBoolean(false), asText("")), whatever type the agent wrote.
 */
class SyncStatusFileTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Values of every JSON type, numbers of every size, and text that looks like numbers. */
  private static final List<String> VALUES =
      List.of(
          "1",
          "0",
          "-1",
          "12345678901",
          "99999999999999999999",
          "1.9",
          "-1.9",
          "1e2",
          "1e30",
          "\"12\"",
          "\" 12 \"",
          "\"1.5\"",
          "\"+5\"",
          "\"abc\"",
          "\"true\"",
          "\" false \"",
          "\"\"",
          "true",
          "false",
          "null",
          "{}",
          "{\"a\": 1}",
          "[]",
          "[1]");

  @TempDir Path dir;

  @Test
  void reads_every_key_of_any_type_as_the_object_mapper_s_tree_did() throws Exception {
    for (String value : VALUES) {
      String status =
          ("{\"at\": 1700000000000, \"connected\": %1$s, \"protocol\": %1$s, \"agent_version\":"
                  + " %1$s, \"backlog\": {\"money\": %1$s}, \"oldest_unsent_age_s\": %1$s,"
                  + " \"last_acked_seq\": %1$s, \"copied_seq\": %1$s, \"events_sent\": %1$s,"
                  + " \"commands_received\": %1$s, \"refused_by_agent\": %1$s, \"compactions\":"
                  + " %1$s}")
              .formatted(value);
      JsonNode tree = JSON.readTree(status);

      SyncStatusFile.AgentStatus read = agentWrote(status);

      assertThat(read.connected()).as(value).isEqualTo(tree.path("connected").asBoolean(false));
      assertThat(read.protocol()).as(value).isEqualTo(tree.path("protocol").asText(""));
      assertThat(read.agentVersion()).as(value).isEqualTo(tree.path("agent_version").asText(""));
      assertThat(read.backlog().get("money"))
          .as(value)
          .isEqualTo(tree.path("backlog").path("money").asLong());
      assertThat(read.lastAckedSeq()).as(value).isEqualTo(tree.path("last_acked_seq").asLong(0));
      assertThat(read.compactions()).as(value).isEqualTo(tree.path("compactions").asLong(0));
      assertThat(JSON.<JsonNode>valueToTree(read.raw())).as(value).isEqualTo(tree);
    }
  }

  @Test
  void takes_at_exactly_when_the_object_mapper_s_tree_could_convert_it_to_a_long()
      throws Exception {
    for (String value : VALUES) {
      String status = "{\"at\": " + value + "}";
      if (JSON.readTree(status).path("at").canConvertToLong()) {
        assertThat(agentWrote(status).at().toEpochMilli())
            .as(value)
            .isEqualTo(JSON.readTree(status).path("at").asLong());
      } else {
        assertThatThrownBy(() -> agentWrote(status))
            .as(value)
            .isInstanceOf(IOException.class)
            .hasMessageEndingWith(" is not a sync-agent status (no \"at\")");
      }
    }
  }

  @Test
  void refuses_a_file_that_is_empty_not_an_object_or_not_json() throws Exception {
    for (String status : List.of("", "  ", "[]", "null", "{\"at\": 1")) {
      assertThatThrownBy(() -> agentWrote(status)).as(status).isInstanceOf(IOException.class);
    }
    assertThat(agentWrote("{\"at\": 1} and more").at().toEpochMilli()).isEqualTo(1);
  }

  private SyncStatusFile.AgentStatus agentWrote(String status) throws IOException {
    Path file = dir.resolve("sync.db.status.json");
    Files.writeString(file, status);
    return new SyncStatusFile(file, () -> 0, Clock.systemUTC()).agentStatus().orElseThrow();
  }
}
