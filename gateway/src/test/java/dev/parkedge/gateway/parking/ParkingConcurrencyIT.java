package dev.parkedge.gateway.parking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.gateway.testing.MovableClock;
import dev.parkedge.gateway.testing.ParkingSite;
import dev.parkedge.gateway.testing.TestSites;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Single-writer correctness, proven through the real CoAP API of a real gateway. */
class ParkingConcurrencyIT {

  @TempDir Path dir;
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-21T07:00:00Z"));
  private ParkingSite site;

  @BeforeEach
  void start() throws Exception {
    site = new ParkingSite(dir, TestSites.oneZone(20), clock).start();
  }

  @AfterEach
  void stop() {
    site.close();
  }

  @Test
  void two_hundred_parallel_reservations_for_twenty_spaces_book_exactly_twenty_without_overlap()
      throws Exception {
    List<Callable<ParkingSite.Answer>> requests = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      requests.add(
          () ->
              site.post(
                  ParkingSite.KIOSK,
                  Map.of(
                      "idempotency_key", "k-" + n,
                      "zone", "L1-A",
                      "start", "2026-11-21T10:00:00Z",
                      "end", "2026-11-21T12:00:00Z",
                      "method", "kiosk"),
                  "reservations"));
    }
    List<ParkingSite.Answer> answers = all(requests);

    List<JsonNode> booked =
        answers.stream()
            .filter(a -> a.code() == ResponseCode.CREATED)
            .map(ParkingSite.Answer::body)
            .toList();
    assertThat(booked).hasSize(20);
    assertThat(booked.stream().map(b -> b.path("space").asText()).distinct()).hasSize(20);
    assertThat(answers.stream().filter(a -> a.code() == ResponseCode.CONFLICT)).hasSize(180);
    assertThat(
            answers.stream()
                .filter(a -> a.code() == ResponseCode.CONFLICT)
                .map(ParkingSite.Answer::error)
                .distinct())
        .containsExactly(
            "no space free in zone L1-A from 2026-11-21T10:00:00Z to 2026-11-21T12:00:00Z");
    JsonNode listed =
        site.get(
                ParkingSite.VIEWER,
                List.of("from=2026-11-21T00:00:00Z", "to=2026-11-22T00:00:00Z", "limit=1000"),
                "reservations")
            .body();
    assertThat(listed).hasSize(20);
    assertNoOverlap(listed);
  }

  @Test
  void parallel_reservations_of_overlapping_windows_never_overlap_on_a_space() throws Exception {
    List<Callable<ParkingSite.Answer>> requests = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      Instant start = Instant.parse("2026-11-21T10:00:00Z").plus(Duration.ofMinutes(15L * (n % 8)));
      requests.add(
          () ->
              site.post(
                  ParkingSite.KIOSK,
                  Map.of(
                      "idempotency_key", "w-" + n,
                      "space", String.format(java.util.Locale.ROOT, "A-%03d", 1 + n % 5),
                      "start", start.toString(),
                      "end", start.plus(Duration.ofHours(1)).toString(),
                      "method", "kiosk"),
                  "reservations"));
    }
    all(requests);
    JsonNode listed =
        site.get(
                ParkingSite.VIEWER,
                List.of("from=2026-11-21T00:00:00Z", "to=2026-11-22T00:00:00Z", "limit=1000"),
                "reservations")
            .body();
    assertThat(listed.size()).isGreaterThan(0);
    assertNoOverlap(listed);
  }

  @Test
  void a_hundred_parallel_debits_never_take_a_wallet_below_zero() throws Exception {
    ParkingSite.Answer topUp =
        site.post(
            ParkingSite.KIOSK,
            Map.of("idempotency_key", "top", "amount", 5000, "currency", "EUR", "method", "kiosk"),
            "wallets",
            "W-1",
            "top-up");
    assertThat(topUp.code()).isEqualTo(ResponseCode.CREATED);
    // each debit books a one-hour slot (2.00 EUR) paid from the wallet: 50.00 covers 25 of 100
    List<Callable<ParkingSite.Answer>> debits = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int n = i;
      Instant start = Instant.parse("2026-11-21T10:00:00Z").plus(Duration.ofHours(n / 20));
      debits.add(
          () ->
              site.post(
                  ParkingSite.KIOSK,
                  Map.of(
                      "idempotency_key",
                      "d-" + n,
                      "space",
                      String.format(java.util.Locale.ROOT, "A-%03d", 1 + n % 20),
                      "start",
                      start.toString(),
                      "end",
                      start.plus(Duration.ofHours(1)).toString(),
                      "method",
                      "wallet",
                      "wallet",
                      "W-1"),
                  "reservations"));
    }
    List<ParkingSite.Answer> answers = all(debits);

    assertThat(answers.stream().filter(a -> a.code() == ResponseCode.CREATED)).hasSize(25);
    assertThat(
            answers.stream()
                .filter(a -> a.code() != ResponseCode.CREATED)
                .map(ParkingSite.Answer::error)
                .distinct())
        .allMatch(e -> e.startsWith("wallet W-1 holds "));
    JsonNode wallet = site.get(ParkingSite.VIEWER, List.of(), "wallets", "W-1").body();
    assertThat(wallet.path("holds").asLong()).isZero();
    assertThat(site.store().loadBalances().values().stream().mapToLong(Long::longValue).sum())
        .isZero();
  }

  private static List<ParkingSite.Answer> all(List<Callable<ParkingSite.Answer>> requests)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try {
      List<ParkingSite.Answer> answers = new ArrayList<>();
      for (Future<ParkingSite.Answer> f : pool.invokeAll(requests)) {
        answers.add(f.get());
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  static void assertNoOverlap(JsonNode reservations) {
    Map<String, List<Instant[]>> bySpace = new HashMap<>();
    for (JsonNode r : reservations) {
      Instant start = Instant.parse(r.path("start").asText());
      Instant end = Instant.parse(r.path("end").asText());
      for (Instant[] other :
          bySpace.computeIfAbsent(r.path("space").asText(), s -> new ArrayList<>())) {
        assertThat(start.isBefore(other[1]) && other[0].isBefore(end))
            .as(
                "%s overlaps another reservation of %s",
                r.path("id").asText(), r.path("space").asText())
            .isFalse();
      }
      bySpace.get(r.path("space").asText()).add(new Instant[] {start, end});
    }
  }
}
