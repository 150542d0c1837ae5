package dev.parkedge.gateway.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.testing.LotUnderTest;
import dev.parkedge.gateway.testing.TestSites;
import dev.parkedge.proto.psp.PspMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Journal bodies are the text Jackson's ObjectMapper wrote for them before, and what is read is
 * what the mapper's tree held.
 */
class BodyJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writes_the_domains_bodies_as_the_object_mapper_does() throws Exception {
    LotUnderTest lot = new LotUnderTest(TestSites.oneZone(4), Duration.ZERO, Duration.ofMinutes(5));
    lot.sensor(1, PspMessage.SpaceState.OCCUPIED);
    lot.after(Duration.ofSeconds(7));
    lot.sensor(2, PspMessage.SpaceState.FREE);
    lot.sensing.setMaintenance("A-002", true);
    lot.sensor(1, PspMessage.SpaceState.FAULT);

    assertThat(lot.store.entries).isNotEmpty();
    for (JournalEntry entry : lot.store.entries) {
      assertThat(BodyJson.write(entry.body())).isEqualTo(JSON.writeValueAsString(entry.body()));
    }
  }

  @Test
  void writes_every_json_value_as_the_object_mapper_does() throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", "a \"quote\", a \\ and \u00e9\n\t\u0001");
    body.put("int", 3);
    body.put("long", Long.MIN_VALUE);
    body.put("double", 0.1);
    body.put("true", true);
    body.put("null", null);
    body.put("list", Arrays.asList("a", 1, null, List.of()));
    body.put("map", Map.of("k", 2));

    assertThat(BodyJson.write(body)).isEqualTo(JSON.writeValueAsString(body));
  }

  @Test
  void refuses_a_value_that_is_not_json() {
    assertThatThrownBy(() -> BodyJson.write(Map.of("at", Instant.EPOCH)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Values of every JSON type, and numbers of every size the parser tells apart. */
  private static final List<String> VALUES =
      List.of(
          "1",
          "-1",
          "0",
          "12345678901",
          "99999999999999999999",
          "1.9",
          "-0.0",
          "1e2",
          "1e30",
          "\"12\"",
          "\" true \"",
          "\"\"",
          "\"a \\\"quote\\\" and \\u00e9\"",
          "true",
          "false",
          "null",
          "{}",
          "[]",
          "[1, \"a\", null, [2.5, {}]]",
          "{\"a\": 1, \"b\": {\"c\": [true]}, \"a\": 2}");

  @Test
  void reads_every_json_value_as_the_object_mapper_s_tree_holds_it() throws Exception {
    for (String text : VALUES) {
      JsonNode tree = JSON.readTree(text);
      Object read = read(text);

      assertThat(JSON.<JsonNode>valueToTree(read)).as(text).isEqualTo(tree);
      assertThat(BodyJson.write(read)).as(text).isEqualTo(tree.toString());
      assertThat(BodyJson.text(read)).as(text).isEqualTo(tree.asText());
      assertThat(BodyJson.type(read)).as(text).isEqualToIgnoringCase(tree.getNodeType().name());
    }
  }

  @Test
  void reads_deep_nesting_without_a_deep_stack() throws Exception {
    String deep = "[".repeat(900) + "]".repeat(900);

    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread reader =
        new Thread(
            null,
            () -> {
              try {
                read(deep);
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "small-stack",
            64_000);
    reader.start();
    reader.join();

    assertThat(failure.get()).isNull();
    assertThat(BodyJson.write(read(deep))).isEqualTo(deep);
  }

  @Test
  void refuses_bad_json_with_the_parser_s_message() {
    assertThatThrownBy(() -> read("{\"on\": tr")).hasMessageStartingWith("Unrecognized token 'tr'");
    assertThatThrownBy(() -> JSON.readTree("{\"on\": tr"))
        .hasMessageStartingWith("Unrecognized token 'tr'");
  }

  private static Object read(String text) throws Exception {
    try (JsonParser json = BodyJson.FACTORY.createParser(text)) {
      json.nextToken();
      return BodyJson.read(json);
    }
  }
}
