package dev.parkedge.gateway.parking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.gateway.api.coap.CoapApiConfiguration;
import dev.parkedge.gateway.testing.DaemonProcess;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the real daemon in the middle of exits: after the restart no session is both
 * open and closed-with-its-charge, no acknowledged payment or exit is lost, every movement
 * balances, and the cars still inside leave without paying twice.
 */
class ParkingRestartIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "operator-key-000000";

  @TempDir Path dir;
  private int port;
  private CoapClient client;

  @Test
  void a_kill_in_the_middle_of_exits_loses_no_payment_and_leaves_no_session_half_closed()
      throws Exception {
    configure();
    client =
        new CoapClient()
            .setEndpoint(
                new CoapEndpoint.Builder().setConfiguration(CoapApiConfiguration.create()).build())
            .setTimeout(3_000L);
    try (DaemonProcess daemon = new DaemonProcess(dir, "parking-restart")) {
      daemon.start();
      List<String> tickets = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        JsonNode in = post(Map.of("kind", "ticket", "text", "K" + i), "lanes", "1", "scan").body();
        assertThat(in.path("open").asBoolean()).isTrue();
        tickets.add("K" + i);
      }
      Thread.sleep(1100); // a started hour: 2.00 due for each
      Set<String> paid = ConcurrentHashMap.newKeySet();
      Set<String> left = ConcurrentHashMap.newKeySet();
      AtomicInteger next = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(6);
      for (int t = 0; t < 6; t++) {
        pool.execute(
            () -> {
              int i;
              while ((i = next.getAndIncrement()) < tickets.size()) {
                String ticket = tickets.get(i);
                try {
                  String session = sessionOf(ticket);
                  Answer pay =
                      post(
                          Map.of(
                              "idempotency_key",
                              "pay-" + ticket,
                              "ref",
                              session,
                              "amount",
                              200,
                              "currency",
                              "EUR",
                              "method",
                              "kiosk"),
                          "payments");
                  if (pay.code() != ResponseCode.CREATED) {
                    return;
                  }
                  paid.add("pay-" + ticket);
                  Answer out = post(Map.of("kind", "ticket", "text", ticket), "lanes", "2", "scan");
                  if (out.code() == ResponseCode.CHANGED && out.body().path("open").asBoolean()) {
                    left.add(session);
                  }
                } catch (RuntimeException daemonGone) {
                  return;
                }
              }
            });
      }
      while (left.size() < 15) {
        Thread.sleep(5);
      }
      daemon.kill();
      pool.shutdown();
      pool.awaitTermination(30, TimeUnit.SECONDS);

      daemon.start();
      Path db = dir.resolve("var/parkedge.db");
      // no acknowledged payment is lost, no acknowledged exit undone
      for (String key : paid) {
        assertThat(
                JournalReads.count(
                    db, "SELECT count(*) FROM ledger_txn WHERE idem_key = '" + key + "'"))
            .as(key)
            .isEqualTo(1);
      }
      for (String session : left) {
        assertThat(
                JournalReads.count(
                    db,
                    "SELECT count(*) FROM session WHERE id = '"
                        + session
                        + "' AND status = 'closed'"))
            .isEqualTo(1);
      }
      // no session both open and closed with its charge; every closed session paid
      assertThat(
              JournalReads.count(
                  db,
                  "SELECT count(*) FROM session s WHERE s.status = 'open' AND EXISTS (SELECT 1 FROM journal j WHERE j.type = 'session.closed' AND j.subject = s.id)"))
          .isZero();
      assertThat(
              JournalReads.count(
                  db, "SELECT count(*) FROM session WHERE status = 'closed' AND due_at_exit <> 0"))
          .isZero();
      // every movement balances, and so does the ledger
      assertThat(
              JournalReads.count(
                  db,
                  "SELECT count(*) FROM (SELECT txn_id FROM ledger_posting GROUP BY txn_id HAVING sum(debit) <> sum(credit))"))
          .isZero();
      assertThat(JournalReads.count(db, "SELECT coalesce(sum(balance), 0) FROM ledger_balance"))
          .isZero();
      assertThat(JournalReads.count(db, "SELECT count(*) FROM ledger_txn WHERE kind = 'payment'"))
          .isGreaterThanOrEqualTo(paid.size());

      // the cars still inside leave: who paid before the kill leaves without paying again
      int finished = 0;
      for (String ticket : tickets) {
        String session = sessionOf(ticket);
        if (session == null) {
          continue; // left before the kill
        }
        Answer out = post(Map.of("kind", "ticket", "text", ticket), "lanes", "2", "scan");
        if (!out.body().path("open").asBoolean()) {
          assertThat(paid).doesNotContain("pay-" + ticket);
          assertThat(
                  post(
                          Map.of(
                              "idempotency_key",
                              "pay-" + ticket,
                              "ref",
                              session,
                              "amount",
                              200,
                              "currency",
                              "EUR",
                              "method",
                              "kiosk"),
                          "payments")
                      .code())
              .isEqualTo(ResponseCode.CREATED);
          assertThat(
                  post(Map.of("kind", "ticket", "text", ticket), "lanes", "2", "scan")
                      .body()
                      .path("open")
                      .asBoolean())
              .isTrue();
        }
        finished++;
      }
      assertThat(finished + left.size()).isGreaterThanOrEqualTo(tickets.size() - 1);
      assertThat(JournalReads.count(db, "SELECT count(*) FROM session WHERE status = 'open'"))
          .isZero();
      daemon.stop();
    } finally {
      client.getEndpoint().destroy();
      client.shutdown();
    }
  }

  private String sessionOf(String ticket) {
    Answer open = get("sessions", "status=open", "limit=1000");
    for (JsonNode s : open.body()) {
      if (ticket.equals(s.path("ticket").asText())) {
        return s.path("id").asText();
      }
    }
    return null;
  }

  private record Answer(ResponseCode code, JsonNode body) {}

  private Answer post(Object body, String... path) {
    return send(Code.POST, body, List.of(), path);
  }

  private Answer get(String path, String... query) {
    return send(Code.GET, null, List.of(query), path);
  }

  private Answer send(Code method, Object body, List<String> query, String... path) {
    Request request = new Request(method);
    request.setURI("coap://127.0.0.1:" + port);
    for (String segment : path) {
      request.getOptions().addUriPath(segment);
    }
    query.forEach(q -> request.getOptions().addUriQuery(q));
    request.getOptions().addUriQuery("key=" + KEY);
    try {
      if (body != null) {
        request.setPayload(JSON.writeValueAsString(body));
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
      }
      CoapResponse response = client.advanced(request);
      if (response == null) {
        throw new IllegalStateException("no answer");
      }
      return new Answer(
          response.getCode(),
          response.getPayloadSize() == 0
              ? JSON.missingNode()
              : JSON.readTree(response.getPayload()));
    } catch (IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void configure() throws Exception {
    try (DatagramSocket socket = new DatagramSocket(0)) {
      port = socket.getLocalPort();
    }
    Files.copy(Path.of("src/test/resources/tariffs/test-garage.yaml"), dir.resolve("tariff.yaml"));
    Path keys = dir.resolve("keys.yaml");
    Files.writeString(
        keys, "api_keys:\n  - { name: office, role: operator, key: \"" + KEY + "\" }\n");
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
    StringBuilder spaces = new StringBuilder();
    for (int i = 1; i <= 80; i++) {
      spaces.append(String.format(java.util.Locale.ROOT, "          - { id: A-%03d }%n", i));
    }
    Files.writeString(
        dir.resolve("site.yaml"),
        "site: { id: hq, name: HQ, timezone: Europe/Berlin, currency: EUR }\n"
            + "levels:\n  - id: L1\n    zones:\n      - id: L1-A\n        spaces:\n"
            + spaces
            + "signs: []\n");
    Files.writeString(
        dir.resolve("gateway.yaml"),
        "site_file: site.yaml\ndata_dir: var\nserial: []\napi: { bind: 127.0.0.1, coap_port: "
            + port
            + " }\nparking:\n  tariff_file: tariff.yaml\n  keys_file: keys.yaml\n  lanes:\n"
            + "    - { lane: 1, direction: entry }\n    - { lane: 2, direction: exit }\n");
    Files.createDirectories(dir.resolve("var"));
  }
}
