package dev.parkedge.gateway.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.sensing.SpaceRecord;
import dev.parkedge.gateway.sensing.SpaceState;
import dev.parkedge.gateway.testing.LotUnderTest;
import dev.parkedge.gateway.testing.TestSites;
import dev.parkedge.proto.psp.PspMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The journal's contract with restore: replaying what the domain journals gives what it hands over
 * as saves.
 */
class SpaceProjectionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void replaying_the_domains_journal_gives_the_records_it_saved() throws Exception {
    LotUnderTest lot = new LotUnderTest(TestSites.oneZone(4), Duration.ZERO, Duration.ofMinutes(5));
    lot.sensor(1, PspMessage.SpaceState.OCCUPIED);
    lot.after(Duration.ofSeconds(7));
    lot.sensor(2, PspMessage.SpaceState.FREE);
    lot.sensor(3, PspMessage.SpaceState.OCCUPIED);
    lot.after(Duration.ofSeconds(11));
    lot.sensing.setMaintenance("A-002", true);
    lot.after(Duration.ofSeconds(13));
    lot.sensing.setMaintenance("A-003", true);
    lot.after(Duration.ofSeconds(17));
    lot.sensing.setMaintenance("A-003", false);
    lot.sensor(1, PspMessage.SpaceState.FAULT);
    lot.sensing.snapshotSpaces(); // what the domain hands over once per snapshot interval

    Map<String, SpaceRecord> replayed = new HashMap<>();
    long seq = 0;
    for (JournalEntry entry : lot.store.entries) {
      SpaceProjection.apply(
          replayed,
          new JournalRow(
              ++seq,
              entry.type(),
              entry.subject(),
              entry.at(),
              entry.clockTrusted(),
              JSON.writeValueAsString(entry.body())));
    }

    assertThat(replayed).isEqualTo(lot.store.spaces);
    assertThat(replayed.get("A-002").state()).isEqualTo(SpaceState.MAINTENANCE);
    assertThat(replayed.get("A-003").state()).isEqualTo(SpaceState.OCCUPIED);
    assertThat(replayed.get("A-001").state()).isEqualTo(SpaceState.UNKNOWN);
  }

  @Test
  void keeps_since_when_an_entry_leaves_the_shown_state_as_it_was() {
    SpaceRecord before =
        new SpaceRecord("A1", SpaceState.FREE, Instant.EPOCH, SpaceState.FREE, false);

    SpaceRecord after =
        SpaceProjection.after(
            before,
            "A1",
            Instant.EPOCH.plusSeconds(60),
            "{\"to\":\"free\",\"sensed\":\"free\",\"maintenance\":false}");

    assertThat(after).isEqualTo(before);
  }

  @Test
  void skips_a_body_without_the_whole_record() {
    Map<String, SpaceRecord> spaces = new HashMap<>();

    boolean applied =
        SpaceProjection.apply(
            spaces,
            new JournalRow(
                1,
                "space.state",
                "A1",
                Instant.EPOCH,
                true,
                "{\"from\":\"unknown\",\"to\":\"free\",\"cause\":\"sensor\",\"sensor\":null}"));

    assertThat(applied).isFalse();
    assertThat(spaces).isEmpty();
  }

  @Test
  void skips_a_body_that_is_not_an_object_of_the_right_types() {
    for (String body :
        List.of(
            "",
            "[]",
            "\"free\"",
            "{\"to\":\"free\",\"sensed\":\"free\"",
            "{\"to\":1,\"sensed\":\"free\",\"maintenance\":false}",
            "{\"to\":\"free\",\"sensed\":\"free\",\"maintenance\":\"no\"}",
            "{\"to\":\"gone\",\"sensed\":\"free\",\"maintenance\":false}")) {
      assertThat(SpaceProjection.after(null, "A1", Instant.EPOCH, body)).as(body).isNull();
    }
  }

  @Test
  void reads_the_record_past_other_keys_nested_or_not() {
    SpaceRecord after =
        SpaceProjection.after(
            null,
            "A1",
            Instant.EPOCH,
            "{\"from\":\"free\",\"sensor\":{\"a\":[1,{\"to\":\"x\"}]},\"to\":\"occupied\","
                + "\"sensed\":\"occupied\",\"maintenance\":true}");

    assertThat(after)
        .isEqualTo(
            new SpaceRecord("A1", SpaceState.OCCUPIED, Instant.EPOCH, SpaceState.OCCUPIED, true));
  }
}
