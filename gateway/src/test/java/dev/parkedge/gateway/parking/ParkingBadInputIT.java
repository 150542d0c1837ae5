package dev.parkedge.gateway.parking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.testing.MovableClock;
import dev.parkedge.gateway.testing.ParkingSite;
import dev.parkedge.gateway.testing.TestSites;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad request gets its specific 4.xx and JSON reason, and changes nothing in the journal. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParkingBadInputIT {

  @TempDir static Path dir;
  private ParkingSite site;
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-21T08:00:00Z"));
  private String session;
  private String taken;

  @BeforeAll
  void start() throws Exception {
    site = new ParkingSite(dir, TestSites.oneZone(5), clock).start();
    taken =
        site.post(
                ParkingSite.KIOSK,
                Map.of(
                    "idempotency_key",
                    "first",
                    "space",
                    "A-001",
                    "start",
                    "2026-11-21T10:00:00Z",
                    "end",
                    "2026-11-21T12:00:00Z",
                    "method",
                    "kiosk"),
                "reservations")
            .body()
            .path("id")
            .asText();
    session =
        site.post(ParkingSite.LANE, Map.of("kind", "ticket", "text", "42"), "lanes", "1", "scan")
            .body()
            .path("session")
            .asText();
    clock.advance(java.time.Duration.ofMinutes(1)); // the started hour: 2.00 due
  }

  @AfterAll
  void stop() {
    site.close();
  }

  static Map<String, Object> booking(Object... pairs) {
    Map<String, Object> body =
        new java.util.LinkedHashMap<>(
            Map.of(
                "idempotency_key",
                "k-" + pairs.length + pairs.hashCode(),
                "space",
                "A-002",
                "start",
                "2026-11-21T10:00:00Z",
                "end",
                "2026-11-21T12:00:00Z",
                "method",
                "kiosk"));
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == null) {
        body.remove((String) pairs[i]);
      } else {
        body.put((String) pairs[i], pairs[i + 1]);
      }
    }
    return body;
  }

  Stream<Arguments> refusals() {
    Map<String, Object> pay =
        Map.of(
            "idempotency_key",
            "p1",
            "ref",
            "S-NOTHING00000",
            "amount",
            100,
            "currency",
            "EUR",
            "method",
            "kiosk");
    return Stream.of(
        Arguments.of(
            "a window that ends before it starts",
            Code.POST,
            ParkingSite.KIOSK,
            booking("end", "2026-11-21T09:00:00Z"),
            new String[] {"reservations"},
            ResponseCode.BAD_REQUEST,
            "the window ends (2026-11-21T09:00:00Z) before it starts (2026-11-21T10:00:00Z)"),
        Arguments.of(
            "a reservation in the past",
            Code.POST,
            ParkingSite.KIOSK,
            booking("start", "2026-11-20T10:00:00Z", "end", "2026-11-20T11:00:00Z"),
            new String[] {"reservations"},
            ResponseCode.BAD_REQUEST,
            "the window starts in the past (2026-11-20T10:00:00Z, now 2026-11-21T08:01:00Z)"),
        Arguments.of(
            "an overlapping window",
            Code.POST,
            ParkingSite.KIOSK,
            booking(
                "space", "A-001", "start", "2026-11-21T11:00:00Z", "end", "2026-11-21T13:00:00Z"),
            new String[] {"reservations"},
            ResponseCode.CONFLICT,
            "space A-001 is already reserved from 2026-11-21T10:00:00Z to 2026-11-21T12:00:00Z"),
        Arguments.of(
            "an unknown space",
            Code.POST,
            ParkingSite.KIOSK,
            booking("space", "Z-999"),
            new String[] {"reservations"},
            ResponseCode.NOT_FOUND,
            "no space \"Z-999\""),
        Arguments.of(
            "a replayed key with another body",
            Code.POST,
            ParkingSite.KIOSK,
            booking("idempotency_key", "first", "space", "A-003"),
            new String[] {"reservations"},
            ResponseCode.CONFLICT,
            "idempotency key \"first\" was used for another request (reservation TAKEN)"),
        Arguments.of(
            "a negative amount",
            Code.POST,
            ParkingSite.KIOSK,
            Map.of(
                "idempotency_key",
                "p",
                "ref",
                "SESSION",
                "amount",
                -5,
                "currency",
                "EUR",
                "method",
                "kiosk"),
            new String[] {"payments"},
            ResponseCode.BAD_REQUEST,
            "\"amount\" must be more than 0, got -5"),
        Arguments.of(
            "a non-integer amount",
            Code.POST,
            ParkingSite.KIOSK,
            Map.of(
                "idempotency_key",
                "p",
                "ref",
                "SESSION",
                "amount",
                3.5,
                "currency",
                "EUR",
                "method",
                "kiosk"),
            new String[] {"payments"},
            ResponseCode.BAD_REQUEST,
            "\"amount\" must be a whole number of minor units (e.g. 350 for 3.50), got 3.5"),
        Arguments.of(
            "a currency other than the site's",
            Code.POST,
            ParkingSite.KIOSK,
            Map.of(
                "idempotency_key",
                "p",
                "ref",
                "SESSION",
                "amount",
                200,
                "currency",
                "USD",
                "method",
                "kiosk"),
            new String[] {"payments"},
            ResponseCode.BAD_REQUEST,
            "currency USD is not the site's (EUR)"),
        Arguments.of(
            "a payment that does not match what is due",
            Code.POST,
            ParkingSite.KIOSK,
            Map.of(
                "idempotency_key",
                "p",
                "ref",
                "SESSION",
                "amount",
                999,
                "currency",
                "EUR",
                "method",
                "kiosk"),
            new String[] {"payments"},
            ResponseCode.CONFLICT,
            "amount 9.99 EUR does not match the 2.00 EUR due"),
        Arguments.of(
            "a payment for an unknown session",
            Code.POST,
            ParkingSite.KIOSK,
            pay,
            new String[] {"payments"},
            ResponseCode.NOT_FOUND,
            "no session \"S-NOTHING00000\""),
        Arguments.of(
            "a scan text of 10 KB",
            Code.POST,
            ParkingSite.LANE,
            Map.of("kind", "qr", "text", "x".repeat(3000)),
            new String[] {"lanes", "1", "scan"},
            ResponseCode.REQUEST_ENTITY_TOO_LARGE,
            "scan text is 3000 bytes, at most 198"),
        Arguments.of(
            "a body of 10 KB",
            Code.POST,
            ParkingSite.LANE,
            Map.of("kind", "qr", "text", "x".repeat(10_240)),
            new String[] {"lanes", "1", "scan"},
            ResponseCode.REQUEST_ENTITY_TOO_LARGE,
            "body is 10263 bytes, at most 4096"),
        Arguments.of(
            "no API key",
            Code.POST,
            null,
            booking(),
            new String[] {"reservations"},
            ResponseCode.UNAUTHORIZED,
            "an API key is needed: add ?key=<your key>"),
        Arguments.of(
            "an unknown API key",
            Code.POST,
            "guess-0000000000000",
            booking(),
            new String[] {"reservations"},
            ResponseCode.UNAUTHORIZED,
            "unknown API key"),
        Arguments.of(
            "a viewer booking",
            Code.POST,
            ParkingSite.VIEWER,
            booking(),
            new String[] {"reservations"},
            ResponseCode.FORBIDDEN,
            "key \"screen\" (role viewer) may not book"),
        Arguments.of(
            "an unknown key in the body",
            Code.POST,
            ParkingSite.KIOSK,
            booking("colour", "red"),
            new String[] {"reservations"},
            ResponseCode.BAD_REQUEST,
            "unknown key \"colour\" (known: idempotency_key, space, zone, kinds, start, end, plate, method, wallet, source)"),
        Arguments.of(
            "a body that is not JSON",
            Code.POST,
            ParkingSite.KIOSK,
            "{nope",
            new String[] {"reservations"},
            ResponseCode.BAD_REQUEST,
            "body is not valid JSON (Unexpected character ('n' (code 110)))"),
        Arguments.of(
            "an unknown space kind",
            Code.POST,
            ParkingSite.KIOSK,
            booking("kinds", List.of("hover")),
            new String[] {"reservations"},
            ResponseCode.BAD_REQUEST,
            "unknown space kind \"hover\" (standard, ev, accessible, compact, motorcycle, reserved_only, family, large_vehicle)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refuses_with_a_specific_reason_and_changes_nothing(
      String name,
      Code method,
      String key,
      Object body,
      String[] path,
      ResponseCode code,
      String error) {
    long before = site.gateway().parkingJournalSeq();
    Object sent = body instanceof Map<?, ?> m ? withSession(m) : body;
    ParkingSite.Answer answer = site.send(method, key, sent, List.of(), path);

    assertThat(answer.code()).isEqualTo(code);
    assertThat(answer.error()).isEqualTo(error.replace("TAKEN", taken));
    assertThat(site.gateway().parkingJournalSeq()).isEqualTo(before);
  }

  private Map<String, Object> withSession(Map<?, ?> body) {
    Map<String, Object> copy = new java.util.LinkedHashMap<>();
    body.forEach((k, v) -> copy.put((String) k, "SESSION".equals(v) ? session : v));
    return copy;
  }
}
