package dev.parkedge.gateway.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parkedge.gateway.api.ParkingApi;
import dev.parkedge.gateway.storage.sqlite.JournalRow;
import dev.parkedge.gateway.testing.MovableClock;
import dev.parkedge.gateway.testing.ParkingSite;
import dev.parkedge.gateway.testing.TestSites;
import dev.parkedge.sync.contract.Command;
import dev.parkedge.sync.contract.CommandKind;
import dev.parkedge.sync.contract.Ed25519Keys;
import dev.parkedge.sync.contract.InboxTable;
import dev.parkedge.sync.contract.SignedCommand;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cloud's parking commands on a real gateway with the parking side (SQLite, the test tariff,
 * lanes 1 and 2): signed, left in the inbox as the sync-agent leaves them, verified and applied by
 * the real {@link RemoteCommands} through the real parking API.
 */
class ParkingCommandsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-11-21T08:00:00Z");
  private static final Duration AGE = Duration.ofSeconds(15);

  private final KeyPair tenant = Ed25519Keys.generate();
  @TempDir Path dir;
  private MovableClock clock;
  private ParkingSite site;
  private ParkingCommands parking;
  private RemoteCommands commands;
  private long received;

  @BeforeEach
  void start() throws Exception {
    clock = new MovableClock(START);
    site = new ParkingSite(dir, TestSites.oneZone(10), clock).start();
    ParkingApi api = site.gateway().parkingApi().orElseThrow();
    parking = new ParkingCommands(api, clock, "acme", AGE);
    commands = remoteCommands(ParkingCommands.handlers(Optional.of(api), clock, "acme", AGE));
  }

  private RemoteCommands remoteCommands(Map<CommandKind, CommandHandler> handlers) {
    return new RemoteCommands(
        "acme", "hq", tenant.getPublic(), site.sqlite(), handlers, clock, () -> true);
  }

  @AfterEach
  void stop() {
    site.close();
  }

  private Command command(String id, String kind, ObjectNode body, Instant issued) {
    return new Command(id, "acme", "hq", kind, issued, issued.plus(Duration.ofHours(1)), body);
  }

  /** What the collector sends and the sync-agent leaves in the inbox. */
  private void offer(Command command) throws Exception {
    offer(SignedCommand.sign(command, tenant.getPrivate()));
  }

  private void offer(byte[] message) throws Exception {
    try (Connection agent =
        DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parkedge.db"))) {
      // received in the order offered (the inbox orders by arrival)
      InboxTable.offer(agent, message, SignedCommand.claimedId(message), ++received);
    }
  }

  private List<JsonNode> journal(String type) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    for (JournalRow row : site.sqlite().readJournal(0, 10_000)) {
      if (row.type().equals(type)) {
        found.add(JSON.readTree(row.body()));
      }
    }
    return found;
  }

  private List<String> results() throws Exception {
    return journal("command.result").stream()
        .map(
            r ->
                r.path("id").asText()
                    + " "
                    + r.path("outcome").asText()
                    + ": "
                    + (r.path("reason").isNull()
                        ? r.path("detail").asText()
                        : r.path("reason").asText()))
        .toList();
  }

  private static ObjectNode booking(String space, String start, String end) {
    return JSON.createObjectNode()
        .put("space", space)
        .put("start", "2026-11-21T" + start + ":00Z")
        .put("end", "2026-11-21T" + end + ":00Z")
        .put("plate", "ab 123 cd");
  }

  @Test
  void a_signed_reservation_command_books_through_the_one_path_as_the_cloud() throws Exception {
    offer(command("c-book-1", "reservation.create", booking("A-003", "09:00", "11:00"), START));

    commands.pollOnce();

    assertThat(results())
        .singleElement()
        .asString()
        .startsWith("c-book-1 applied: reservation R-")
        .contains("of space A-003 from 2026-11-21T09:00:00Z to 2026-11-21T11:00:00Z, 400 EUR");
    JsonNode created = journal("reservation.created").get(0);
    assertThat(created.path("key").asText()).isEqualTo("c-book-1");
    assertThat(created.path("source").asText()).isEqualTo("cloud");
    assertThat(created.path("method").asText()).isEqualTo("cloud");
    assertThat(created.path("plate").asText()).isEqualTo("AB 123 CD");
    assertThat(journal("ledger.txn"))
        .extracting(t -> t.path("kind").asText() + " by " + t.path("method").asText("-"))
        .containsExactly("charge by -", "payment by cloud");
  }

  @Test
  void a_reservation_applied_before_a_crash_is_answered_again_not_booked_twice() throws Exception {
    Command book =
        command("c-book-2", "reservation.create", booking("A-001", "09:00", "10:00"), START);
    // Applied, then the gateway stopped before resolving the inbox row: at start it runs again.
    assertThat(parking.create(book).applied()).isTrue();
    offer(book);

    commands.pollOnce();

    assertThat(results()).singleElement().asString().endsWith("(already booked by this command)");
    assertThat(journal("reservation.created")).hasSize(1);
    assertThat(journal("ledger.txn")).hasSize(2);
  }

  @Test
  void cancels_with_the_refund_policy_and_answers_a_repeated_cancel_again() throws Exception {
    offer(command("c-book-3", "reservation.create", booking("A-002", "12:00", "13:00"), START));
    commands.pollOnce();
    String id = journal("reservation.created").get(0).path("id").asText();
    Command cancel =
        command(
            "c-cancel-3",
            "reservation.cancel",
            JSON.createObjectNode().put("reservation", id),
            START);
    assertThat(parking.cancel(cancel).applied()).isTrue(); // applied, not resolved: a crash
    offer(cancel);

    commands.pollOnce();

    assertThat(results())
        .containsExactly(
            results().get(0),
            "c-cancel-3 applied: reservation "
                + id
                + " cancelled, 200 EUR refunded (already cancelled)");
    assertThat(journal("reservation.cancelled")).hasSize(1);
    assertThat(journal("ledger.txn"))
        .extracting(t -> t.path("kind").asText())
        .containsExactly("charge", "payment", "refund");
  }

  @Test
  void opens_a_gate_on_a_fresh_command_naming_tenant_and_operator_and_refuses_a_stale_one()
      throws Exception {
    ObjectNode open =
        JSON.createObjectNode()
            .put("lane", ParkingSite.EXIT)
            .put("reason", "driver stuck, card reader broken")
            .put("operator", "alice");
    offer(command("c-gate-1", "gate.open", open, START.minusSeconds(3)));
    offer(command("c-gate-2", "gate.open", open.deepCopy(), START.minusSeconds(60)));

    commands.pollOnce();

    assertThat(site.gatesOpened).containsExactly(ParkingSite.EXIT);
    assertThat(results())
        .containsExactlyInAnyOrder(
            "c-gate-1 applied: lane 2 opened by cloud acme/alice",
            "c-gate-2 refused: stale: issued at 2026-11-21T07:59:00Z, 60 s ago; a gate opens only"
                + " within 15 s of its command's issue");
    JsonNode opened = journal("lane.manual_open").get(0);
    assertThat(opened.path("operator").asText()).isEqualTo("cloud acme/alice");
    assertThat(opened.path("reason").asText())
        .isEqualTo("driver stuck, card reader broken (command c-gate-1)");
  }

  @Test
  void refuses_conflicts_malformed_bodies_and_unknown_lanes_with_a_reason() throws Exception {
    offer(command("c-1", "reservation.create", booking("A-004", "09:00", "11:00"), START));
    offer(command("c-2", "reservation.create", booking("A-004", "10:00", "12:00"), START));
    offer(command("c-3", "reservation.create", booking("Z-999", "10:00", "12:00"), START));
    offer(
        command(
            "c-4",
            "reservation.create",
            booking("A-005", "10:00", "12:00").put("colour", "red"),
            START));
    offer(
        command(
            "c-5",
            "reservation.cancel",
            JSON.createObjectNode().put("reservation", "R-NOPE"),
            START));
    offer(
        command(
            "c-6",
            "gate.open",
            JSON.createObjectNode().put("lane", 9).put("reason", "test"),
            START));
    offer(command("c-7", "gate.open", JSON.createObjectNode().put("lane", 1), START));

    commands.pollOnce();

    assertThat(results())
        .filteredOn(r -> !r.startsWith("c-1 "))
        .containsExactlyInAnyOrder(
            "c-2 refused: space A-004 is already reserved from 2026-11-21T09:00:00Z to"
                + " 2026-11-21T11:00:00Z",
            "c-3 refused: no space \"Z-999\"",
            "c-4 refused: malformed: unknown field \"colour\" (expected space, zone, kinds, start,"
                + " end, plate, method, wallet)",
            "c-5 refused: no active reservation \"R-NOPE\"",
            "c-6 refused: no lane 9",
            "c-7 refused: malformed: body needs \"reason\" (journaled with the opening)");
    assertThat(site.gatesOpened).isEmpty();
    assertThat(journal("reservation.created")).hasSize(1);
  }

  @Test
  void a_gateway_without_a_parking_section_refuses_reservations_and_gates_as_such()
      throws Exception {
    RemoteCommands none =
        remoteCommands(ParkingCommands.handlers(Optional.empty(), clock, "acme", AGE));
    offer(command("n-1", "reservation.create", booking("A-001", "09:00", "10:00"), START));
    offer(command("n-2", "gate.open", JSON.createObjectNode().put("lane", 1), START));

    none.pollOnce();

    assertThat(results())
        .containsExactlyInAnyOrder(
            "n-1 refused: this gateway has no parking section",
            "n-2 refused: this gateway has no parking section");
  }
}
