package dev.parkedge.gateway.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;

/** Journal bodies are the text Jackson's ObjectMapper wrote for them before. */
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
}
