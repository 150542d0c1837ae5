package dev.parkedge.gateway.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parkedge.gateway.storage.sqlite.JournalRow;
import dev.parkedge.gateway.storage.sqlite.SqliteStore;
import dev.parkedge.sync.contract.Command;
import dev.parkedge.sync.contract.CommandKind;
import dev.parkedge.sync.contract.Ed25519Keys;
import dev.parkedge.sync.contract.InboxTable;
import dev.parkedge.sync.contract.JournalRecord;
import dev.parkedge.sync.contract.JournalTable;
import dev.parkedge.sync.contract.SignedCommand;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox contract end to end on a real SQLite file: the agent's insert, the gateway's answer.
 */
class RemoteCommandsIT {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private final KeyPair tenant = Ed25519Keys.generate();
  private final List<Command> maintenance = new ArrayList<>();
  @TempDir Path dir;
  private SqliteStore store;
  private RemoteCommands commands;

  @BeforeEach
  void open() throws Exception {
    store = SqliteStore.open(dir.resolve("parkedge.db"), Clock.systemUTC(), Duration.ofMillis(20));
    CommandHandler recording =
        command -> {
          maintenance.add(command);
          return CommandOutcome.applied("space " + command.text("space") + " in maintenance");
        };
    commands =
        new RemoteCommands(
            "acme",
            "s1",
            tenant.getPublic(),
            store,
            Map.of(CommandKind.SPACE_MAINTENANCE, recording),
            Clock.fixed(NOW, ZoneOffset.UTC),
            () -> true);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private byte[] signed(String id, String kind, String site, Instant expires) {
    ObjectNode body = new ObjectMapper().createObjectNode().put("space", "A-1").put("on", true);
    return SignedCommand.sign(
        new Command(id, "acme", site, kind, NOW.minusSeconds(5), expires, body),
        tenant.getPrivate());
  }

  /** What the sync-agent does: one INSERT through its own connection. */
  private InboxTable.Offer offer(byte[] message) throws Exception {
    try (Connection agent =
        DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parkedge.db"))) {
      return InboxTable.offer(agent, message, SignedCommand.claimedId(message), 1);
    }
  }

  private List<Map<String, Object>> results() throws Exception {
    List<Map<String, Object>> results = new ArrayList<>();
    for (JournalRow row : store.readJournal(0, 1000)) {
      if (row.type().equals("command.result")) {
        results.add(new ObjectMapper().readValue(row.body(), Map.class));
      }
    }
    return results;
  }

  @Test
  void applies_a_verified_command_once_and_journals_its_result() throws Exception {
    byte[] message = signed("c-1", "space.maintenance", "s1", NOW.plusSeconds(60));
    offer(message);

    commands.pollOnce();
    commands.pollOnce();

    assertThat(maintenance).extracting(Command::id).containsExactly("c-1");
    assertThat(results())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r).containsEntry("id", "c-1").containsEntry("outcome", "applied");
              assertThat(r).containsEntry("detail", "space A-1 in maintenance");
            });
  }

  @Test
  void the_same_message_delivered_twice_is_stored_once() throws Exception {
    byte[] message = signed("c-1", "space.maintenance", "s1", NOW.plusSeconds(60));

    assertThat(offer(message).inserted()).isTrue();
    commands.pollOnce();
    InboxTable.Offer again = offer(message);

    assertThat(again).isEqualTo(new InboxTable.Offer(false, "applied"));
    assertThat(commands.pollOnce()).isZero();
    assertThat(maintenance).hasSize(1);
  }

  @Test
  void refuses_a_replay_of_an_applied_id_and_rejects_forged_scoped_and_expired_ones()
      throws Exception {
    offer(signed("c-1", "space.maintenance", "s1", NOW.plusSeconds(60)));
    commands.pollOnce();
    // Same id, signed again (other bytes): a replay.
    offer(signed("c-1", "space.maintenance", "s1", NOW.plusSeconds(61)));
    offer(
        SignedCommand.sign(
            new Command(
                "c-2",
                "acme",
                "s1",
                "space.maintenance",
                NOW,
                NOW.plusSeconds(60),
                new ObjectMapper().createObjectNode()),
            Ed25519Keys.generate().getPrivate()));
    offer(signed("c-3", "space.maintenance", "s2", NOW.plusSeconds(60)));
    offer(signed("c-4", "space.maintenance", "s1", NOW.minusSeconds(1)));
    offer("{\"payload\":".getBytes());
    commands.pollOnce();

    assertThat(maintenance).hasSize(1);
    assertThat(results())
        .extracting(r -> r.get("id") + " " + r.get("outcome") + " " + r.get("reason"))
        .containsExactlyInAnyOrder(
            "c-1 applied null",
            "c-1 refused replayed: command c-1 was already applied",
            "c-2 rejected bad signature",
            "c-3 rejected wrong site: for s2, this gateway is s1",
            "c-4 rejected expired: at 2026-03-01T09:59:59Z, now 2026-03-01T10:00:00Z",
            "- rejected malformed: Unexpected end-of-input within/between Object entries");
  }

  @Test
  void refuses_kinds_this_gateway_cannot_apply_yet() throws Exception {
    offer(signed("r-1", "reservation.create", "s1", NOW.plusSeconds(60)));
    offer(signed("g-1", "gate.open", "s1", NOW.plusSeconds(60)));
    offer(signed("x-1", "coffee.make", "s1", NOW.plusSeconds(60)));
    commands.pollOnce();

    assertThat(results())
        .extracting(r -> r.get("id") + ": " + r.get("reason"))
        .containsExactlyInAnyOrder(
            "r-1: not supported by this gateway yet",
            "g-1: not supported by this gateway yet",
            "x-1: unknown kind \"coffee.make\"");
  }

  @Test
  void journal_entries_carry_boot_id_and_monotonic_time_for_the_agent() throws Exception {
    offer(signed("c-1", "space.maintenance", "s1", NOW.plusSeconds(60)));
    commands.pollOnce();

    try (Connection agent =
        DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parkedge.db"))) {
      List<JournalRecord> records = JournalTable.readAfter(agent, 0, 10);
      assertThat(records).hasSize(1);
      assertThat(records.get(0).bootId()).isNotEmpty();
      assertThat(records.get(0).monoMs()).isPositive();
      assertThat(JournalTable.head(agent)).isEqualTo(records.get(0).seq());
    }
  }
}
