package dev.parkedge.gateway.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parkedge.gateway.api.coap.CoapApiConfiguration;
import dev.parkedge.gateway.testing.DaemonProcess;
import dev.parkedge.gateway.testing.Eventually;
import dev.parkedge.gateway.testing.Mosquitto;
import dev.parkedge.sync.collector.Collector;
import dev.parkedge.sync.collector.DayReport;
import dev.parkedge.sync.collector.EventStore;
import dev.parkedge.sync.contract.Command;
import dev.parkedge.sync.contract.Ed25519Keys;
import dev.parkedge.sync.contract.SignedCommand;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 end to end with the real parts together: the daemon jar with parking and commands, a real
 * Mosquitto, the sync-agent jar as its own process and the head-office collector in the test. A
 * signed booking from head office is applied by the gateway and answered; a forged one and one for
 * another tenant are refused and book nothing; the agent and the daemon are each killed with
 * SIGKILL and restarted; money moves; at the end head office holds every journal seq exactly once
 * and its revenue per payment method equals the gateway's own day report.
 */
class SyncEndToEndIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "operator-key-000000";
  private static final String TENANT = "acme";
  private static final String SITE = "hq";
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final KeyPair tenantKeys = Ed25519Keys.generate();
  @TempDir Path dir;
  private int coapPort;
  private Process agent;
  private int agentStarts;

  @Test
  void a_head_office_booking_applies_forgeries_are_refused_and_every_seq_and_euro_arrives()
      throws Exception {
    configureGateway();
    Path db = dir.resolve("var/parkedge.db");
    Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofHours(2));
    try (Mosquitto broker = Mosquitto.start(dir, 64);
        DaemonProcess daemon = new DaemonProcess(dir, "sync-end-to-end");
        EventStore store =
            EventStore.open("jdbc:sqlite:" + dir.resolve("collector.db"), null, null, TENANT);
        Collector collector =
            new Collector(
                    TENANT,
                    Collector.settings(TENANT, broker.url(), null, null, null),
                    store,
                    Clock.systemUTC())
                .start()) {
      configureAgent(broker);
      daemon.start();
      startAgent();
      Eventually.await("the collector connects", WAIT, collector::connected);
      Eventually.await("the agent drains the start", WAIT, () -> caughtUp(store, db));

      // 1. A signed booking from head office: applied by the gateway, answered to the collector.
      collector.send(command("c-book-1", TENANT, booking("A-003", start)), tenantKeys.getPrivate());
      assertThat(outcome(store, "c-book-1")).isEqualTo("applied");
      assertThat(store.detail("c-book-1")).startsWith("reservation R-").contains("of space A-003");
      JsonNode booked = reservations(daemon);
      assertThat(booked).hasSize(1);
      assertThat(booked.get(0).path("space").asText()).isEqualTo("A-003");
      assertThat(booked.get(0).path("status").asText()).isEqualTo("booked");

      // 2. Signed by another key, and for another tenant: refused, and nothing booked.
      collector.sendRaw(
          SITE,
          SignedCommand.sign(
              command("c-forged", TENANT, booking("A-004", start)),
              Ed25519Keys.generate().getPrivate()));
      collector.sendRaw(
          SITE,
          SignedCommand.sign(
              command("c-tenant", "other", booking("A-005", start)), tenantKeys.getPrivate()));
      assertThat(outcome(store, "c-forged")).isEqualTo("rejected: bad signature");
      assertThat(outcome(store, "c-tenant"))
          .isEqualTo("rejected: wrong tenant: for other, this gateway is acme");
      assertThat(reservations(daemon)).hasSize(1);

      // 3. kill -9 the agent; the gateway goes on (money moves) while it is away; restart it.
      killAgent();
      String session = enter("E2E-1");
      Thread.sleep(1_100); // a started hour: 2.00 due
      JsonNode paid =
          daemon.cli("pay", session, "--method", "cash", "--json", "--key-file", keyFile());
      assertThat(paid.toString()).contains("cash");
      startAgent();

      // 4. kill -9 the daemon; a booking sent while it is down waits in its inbox; restart it.
      Eventually.await("the agent catches up after its restart", WAIT, () -> caughtUp(store, db));
      daemon.kill();
      collector.send(command("c-book-2", TENANT, booking("A-006", start)), tenantKeys.getPrivate());
      Eventually.await(
          "the agent leaves c-book-2 in the stopped gateway's inbox",
          WAIT,
          () -> count(db, "SELECT count(*) FROM command_inbox WHERE command_id = 'c-book-2'") > 0);
      daemon.start();
      assertThat(outcome(store, "c-book-2")).isEqualTo("applied");
      assertThat(reservations(daemon))
          .extracting(r -> r.path("space").asText())
          .containsExactlyInAnyOrder("A-003", "A-006");

      // 5. More money after the restarts: a booking paid at the kiosk through the CLI, and a
      // second stay paid at the pay station.
      daemon.cli(
          "reservations",
          "create",
          "--space",
          "A-010",
          "--start",
          start.plus(Duration.ofHours(1)).toString(),
          "--end",
          start.plus(Duration.ofHours(2)).toString(),
          "--method",
          "kiosk",
          "--json",
          "--key-file",
          keyFile());
      String second = enter("E2E-2");
      Thread.sleep(1_100);
      daemon.cli("pay", second, "--method", "pay_station", "--json", "--key-file", keyFile());

      LocalDate today = LocalDate.now(ZONE);
      JsonNode gatewayDay =
          daemon.cli(
              "report", "day", "--date", today.toString(), "--json", "--key-file", keyFile());
      assertThat(gatewayDay.path("balanced").asBoolean()).isTrue();
      Map<String, Long> gatewayNet = new TreeMap<>();
      for (JsonNode method : gatewayDay.path("methods")) {
        if (method.path("payments").asLong()
                + method.path("refunds").asLong()
                + method.path("top_ups").asLong()
            == 0) {
          continue; // the report lists every method; head office only those that moved money
        }
        gatewayNet.put(method.path("method").asText(), method.path("net").asLong());
      }
      assertThat(gatewayNet)
          .containsOnlyKeys("cloud", "cash", "kiosk", "pay_station")
          .doesNotContainValue(0L);

      // 6. Stopped, the journal is final: head office holds every seq exactly once.
      daemon.stop();
      long head = count(db, "SELECT coalesce(max(seq), 0) FROM journal");
      Eventually.await("the collector holds the whole journal", WAIT, () -> caughtUp(store, db));
      long[] held = store.counts(SITE);
      assertThat(held[1]).as("highest seq held").isEqualTo(head);
      assertThat(held[0]).as("seqs held, each once (seq is the key)").isEqualTo(head);
      assertThat(held[2]).as("watermark").isEqualTo(head);
      Path office = dir.resolve("collector.db");
      assertThat(count(office, "SELECT count(*) FROM event WHERE site = 'hq'")).isEqualTo(head);
      assertThat(count(office, "SELECT count(DISTINCT seq) FROM event WHERE site = 'hq'"))
          .isEqualTo(head);
      assertThat(count(office, "SELECT min(seq) FROM event WHERE site = 'hq'")).isEqualTo(1);

      // ...and its day revenue per method equals the gateway's own report.
      DayReport report = store.dayReport(SITE, today, ZONE);
      Map<String, Long> officeNet = new TreeMap<>();
      report.revenueByMethod().forEach((method, totals) -> officeNet.put(method, totals.net()));
      assertThat(officeNet).isEqualTo(gatewayNet);
    } finally {
      if (agent != null) {
        agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      for (int run = 1; run <= agentStarts; run++) {
        Path log = dir.resolve("agent-" + run + ".log");
        if (Files.exists(log)) {
          Files.copy(
              log,
              Path.of("target", "sync-end-to-end-agent-run" + run + ".log"),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private Command command(String id, String tenant, ObjectNode body) {
    Instant issued = Instant.now().minusSeconds(2);
    return new Command(
        id, tenant, SITE, "reservation.create", issued, issued.plus(Duration.ofHours(1)), body);
  }

  private static ObjectNode booking(String space, Instant start) {
    return JSON.createObjectNode()
        .put("space", space)
        .put("start", start.toString())
        .put("end", start.plus(Duration.ofHours(1)).toString())
        .put("plate", "AB123CD");
  }

  private static String outcome(EventStore store, String id) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      String outcome = store.outcome(id);
      if (outcome != null) {
        return outcome;
      }
      Thread.sleep(50);
    }
    return "no result for " + id;
  }

  private JsonNode reservations(DaemonProcess daemon) {
    return daemon.cli("reservations", "list", "--json", "--key-file", keyFile());
  }

  private static boolean caughtUp(EventStore store, Path db) {
    try {
      long head = count(db, "SELECT coalesce(max(seq), 0) FROM journal");
      long[] held = store.counts(SITE);
      return head > 0 && held[2] >= head;
    } catch (Exception e) {
      return false;
    }
  }

  private static long count(Path db, String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A ticket scanned at the entry lane; returns the open session. */
  private String enter(String ticket) throws Exception {
    CoapClient client =
        new CoapClient()
            .setEndpoint(
                new CoapEndpoint.Builder().setConfiguration(CoapApiConfiguration.create()).build())
            .setTimeout(5_000L);
    try {
      JsonNode in =
          coap(client, Code.POST, Map.of("kind", "ticket", "text", ticket), "lanes", "1", "scan");
      assertThat(in.path("open").asBoolean()).as("entry of %s: %s", ticket, in).isTrue();
      JsonNode open = coap(client, Code.GET, null, "sessions");
      for (JsonNode s : open) {
        if (ticket.equals(s.path("ticket").asText()) && "open".equals(s.path("status").asText())) {
          return s.path("id").asText();
        }
      }
      throw new AssertionError("no open session of " + ticket + " in " + open);
    } finally {
      client.getEndpoint().destroy();
      client.shutdown();
    }
  }

  private JsonNode coap(CoapClient client, Code method, Object body, String... path)
      throws Exception {
    Request request = new Request(method);
    request.setURI("coap://127.0.0.1:" + coapPort);
    for (String segment : path) {
      request.getOptions().addUriPath(segment);
    }
    if (method == Code.GET) {
      request.getOptions().addUriQuery("status=open");
      request.getOptions().addUriQuery("limit=1000");
    }
    request.getOptions().addUriQuery("key=" + KEY);
    if (body != null) {
      request.setPayload(JSON.writeValueAsString(body));
      request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
    }
    CoapResponse response = client.advanced(request);
    assertThat(response).as("an answer to %s", List.of(path)).isNotNull();
    return response.getPayloadSize() == 0
        ? JSON.missingNode()
        : JSON.readTree(response.getPayload());
  }

  private String keyFile() {
    return dir.resolve("api.key").toString();
  }

  private void startAgent() throws Exception {
    Path log = dir.resolve("agent-" + ++agentStarts + ".log");
    Path jar = Path.of("../sync-agent/target/parkedge-sync.jar").toAbsolutePath();
    assertThat(jar).as("the sync-agent jar is built before the gateway's tests").exists();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar.toString(),
                "run",
                "-c",
                dir.resolve("sync.yaml").toString()));
    agent =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private void killAgent() throws InterruptedException {
    agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  private void configureAgent(Mosquitto broker) throws Exception {
    Files.createDirectories(dir.resolve("sync"));
    Files.writeString(
        dir.resolve("sync.yaml"),
        String.join(
                "\n",
                "broker: " + broker.url(),
                "tenant: " + TENANT,
                "site: " + SITE,
                "gateway_database: " + dir.resolve("var/parkedge.db"),
                "state_file: " + dir.resolve("sync/sync.db"),
                "ack_timeout_ms: 3000",
                "backoff_initial_ms: 200",
                "backoff_max_ms: 1000",
                "status_every_ms: 1000")
            + "\n");
  }

  private void configureGateway() throws Exception {
    try (DatagramSocket socket = new DatagramSocket(0)) {
      coapPort = socket.getLocalPort();
    }
    Files.copy(Path.of("src/test/resources/tariffs/test-garage.yaml"), dir.resolve("tariff.yaml"));
    Path keys = dir.resolve("keys.yaml");
    Files.writeString(
        keys, "api_keys:\n  - { name: office, role: operator, key: \"" + KEY + "\" }\n");
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
    Path apiKey = dir.resolve("api.key");
    Files.writeString(apiKey, KEY + "\n");
    Files.setPosixFilePermissions(apiKey, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(
        dir.resolve("tenant-ed25519.pub"), Ed25519Keys.publicPem(tenantKeys.getPublic()));
    StringBuilder spaces = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      spaces.append(String.format(java.util.Locale.ROOT, "          - { id: A-%03d }%n", i));
    }
    Files.writeString(
        dir.resolve("site.yaml"),
        "site: { id: "
            + SITE
            + ", name: HQ, timezone: Europe/Berlin, currency: EUR }\n"
            + "levels:\n  - id: L1\n    zones:\n      - id: L1-A\n        spaces:\n"
            + spaces
            + "signs: []\n");
    Files.writeString(
        dir.resolve("gateway.yaml"),
        "site_file: site.yaml\ndata_dir: var\nserial: []\napi: { bind: 127.0.0.1, coap_port: "
            + coapPort
            + " }\nparking:\n  tariff_file: tariff.yaml\n  keys_file: keys.yaml\n  lanes:\n"
            + "    - { lane: 1, direction: entry }\n    - { lane: 2, direction: exit }\n"
            + "commands:\n  tenant: "
            + TENANT
            + "\n  public_key_file: tenant-ed25519.pub\n"
            + "sync:\n  status_file: "
            + dir.resolve("sync/sync.db.status.json")
            + "\n");
    Files.createDirectories(dir.resolve("var"));
  }
}
