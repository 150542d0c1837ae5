package dev.parkedge.gateway.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parkedge.gateway.api.ParkingApi;
import dev.parkedge.gateway.runtime.TariffActivator;
import dev.parkedge.gateway.storage.sqlite.JournalRow;
import dev.parkedge.gateway.testing.MovableClock;
import dev.parkedge.gateway.testing.ParkingSite;
import dev.parkedge.gateway.testing.TestSites;
import dev.parkedge.proto.psp.PspMessage.ScanKind;
import dev.parkedge.sync.contract.Command;
import dev.parkedge.sync.contract.CommandKind;
import dev.parkedge.sync.contract.Ed25519Keys;
import dev.parkedge.sync.contract.InboxTable;
import dev.parkedge.sync.contract.SignedCommand;
import java.nio.file.Files;
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
 * {@code tariff.publish} on a real gateway with the parking side: a tariff that passes its own
 * examples becomes the one every new quote uses, journaled with its hash, and the pointer that
 * survives a restart is written; one that fails, or is in another currency, changes nothing.
 */
class TariffActivationIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-11-21T08:00:00Z");

  /** The test garage at 3.00 per started hour instead of 2.00. */
  static final String DEARER =
      """
      tariff:
        id: test-garage-2027
        name: Test garage 2027
        timezone: Europe/Berlin
        currency: %s

      grace: { exit_after_payment: 15m, booking_early: 15m, booking_late: 15m }
      lost_ticket: { price: "30.00", mode: adds }

      products:
        - id: hourly
          table:
            lines:
              - { every: 1h, each: "3.00" }
          caps:
            - { max: "30.00", per: calendar_day }

      examples:
        - { name: "a started hour", entry: 2026-11-21T09:00, exit: 2026-11-21T09:01, amount: "%s" }
      """;

  private final KeyPair tenant = Ed25519Keys.generate();
  @TempDir Path dir;
  private MovableClock clock;
  private ParkingSite site;
  private RemoteCommands commands;
  private long received;

  @BeforeEach
  void start() throws Exception {
    Files.copy(Path.of("src/test/resources/tariffs/test-garage.yaml"), dir.resolve("tariff.yaml"));
    clock = new MovableClock(START);
    site = new ParkingSite(dir, TestSites.oneZone(10), clock).start();
    Path folder = dir.resolve("tariffs");
    TariffPublisher publisher =
        new TariffPublisher(
            folder,
            Optional.of(new TariffActivator(site.gateway(), folder, dir.resolve("tariff.yaml"))));
    commands =
        new RemoteCommands(
            "acme",
            "hq",
            tenant.getPublic(),
            site.sqlite(),
            Map.of(CommandKind.TARIFF_PUBLISH, publisher),
            clock,
            () -> true);
  }

  @AfterEach
  void stop() {
    site.close();
  }

  private ParkingApi api() {
    return site.gateway().parkingApi().orElseThrow();
  }

  private void publish(String id, String name, String yaml) throws Exception {
    ObjectNode body = JSON.createObjectNode().put("name", name).put("tariff_yaml", yaml);
    byte[] message =
        SignedCommand.sign(
            new Command(
                id,
                "acme",
                "hq",
                "tariff.publish",
                clock.instant(),
                clock.instant().plusSeconds(60),
                body),
            tenant.getPrivate());
    try (Connection agent =
        DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parkedge.db"))) {
      InboxTable.offer(agent, message, id, ++received);
    }
    commands.pollOnce();
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

  private JsonNode quote(String session) throws Exception {
    return JSON.valueToTree(api().quote(session, false).get());
  }

  @Test
  void a_published_tariff_prices_every_new_quote_and_the_open_sessions_exit() throws Exception {
    String session =
        JSON.valueToTree(api().scan(ParkingSite.ENTRY, ScanKind.TICKET, "000777").get())
            .path("session")
            .asText();
    clock.advance(Duration.ofMinutes(90));
    assertThat(quote(session).path("fee").asLong()).isEqualTo(400);

    publish("t-1", "garage-2027", DEARER.formatted("EUR", "3.00"));

    JsonNode result = journal("command.result").get(0);
    assertThat(result.path("outcome").asText()).isEqualTo("applied");
    assertThat(result.path("detail").asText())
        .contains("stored as " + dir.resolve("tariffs/garage-2027.yaml"))
        .endsWith("active now, replacing test-garage (sha256 " + site.tariffSha256() + ")");
    JsonNode activated = journal("tariff.activated").get(0);
    assertThat(activated.path("id").asText()).isEqualTo("test-garage-2027");
    assertThat(activated.path("sha256").asText()).hasSize(64).isNotEqualTo(site.tariffSha256());
    assertThat(activated.path("previous_sha256").asText()).isEqualTo(site.tariffSha256());
    JsonNode quote = quote(session);
    assertThat(quote.path("fee").asLong()).isEqualTo(600);
    assertThat(quote.path("tariff_sha256").asText()).isEqualTo(activated.path("sha256").asText());
    api().pay(payment(session, 600)).get();
    JsonNode charge =
        journal("ledger.txn").stream()
            .filter(t -> t.path("kind").asText().equals("charge"))
            .findFirst()
            .orElseThrow();
    assertThat(charge.path("detail").path("tariff_sha256").asText())
        .isEqualTo(activated.path("sha256").asText());
    JsonNode pointer = JSON.readTree(dir.resolve("tariffs/active.json").toFile());
    assertThat(pointer.path("file").asText()).isEqualTo("garage-2027.yaml");
    assertThat(pointer.path("sha256").asText()).isEqualTo(activated.path("sha256").asText());
    assertThat(pointer.path("replaces_sha256").asText()).isEqualTo(site.tariffSha256());
  }

  @Test
  void publishing_the_active_tariff_again_changes_nothing() throws Exception {
    publish("t-1", "garage-2027", DEARER.formatted("EUR", "3.00"));
    publish("t-2", "garage-2027", DEARER.formatted("EUR", "3.00"));

    assertThat(journal("tariff.activated")).hasSize(1);
    assertThat(journal("command.result").get(1).path("detail").asText())
        .endsWith("already the active tariff");
  }

  @Test
  void a_tariff_failing_its_examples_or_in_another_currency_is_not_activated() throws Exception {
    publish("t-1", "wrong", DEARER.formatted("EUR", "2.50"));
    publish("t-2", "dollars", DEARER.formatted("USD", "3.00"));

    List<JsonNode> results = journal("command.result");
    assertThat(results).extracting(r -> r.path("outcome").asText()).containsOnly("refused");
    assertThat(results.get(0).path("reason").asText())
        .startsWith("tariff refused: wrong.yaml:")
        .contains("a started hour");
    assertThat(results.get(1).path("reason").asText())
        .endsWith(
            "but not activated: tariff test-garage-2027 is in USD, the site's ledger in EUR: a"
                + " site cannot change currency");
    assertThat(journal("tariff.activated")).isEmpty();
    assertThat(dir.resolve("tariffs/active.json")).doesNotExist();
  }

  private static dev.parkedge.gateway.parking.Parking.Payment payment(String session, long amount) {
    return new dev.parkedge.gateway.parking.Parking.Payment(
        "pay-" + session,
        "fp-" + session,
        session,
        amount,
        dev.parkedge.gateway.ledger.PaymentMethod.PAY_STATION,
        null,
        false);
  }
}
