package dev.parkedge.gateway.bench;

import dev.parkedge.gateway.api.ParkingApi;
import dev.parkedge.gateway.lot.Level;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.lot.Space;
import dev.parkedge.gateway.lot.SpaceKind;
import dev.parkedge.gateway.lot.Zone;
import dev.parkedge.gateway.reservation.ReservationRequest;
import dev.parkedge.gateway.storage.sqlite.SqliteStore;
import dev.parkedge.gateway.testing.MovableClock;
import dev.parkedge.gateway.testing.ParkingSite;
import dev.parkedge.gateway.testing.TestSites;
import dev.parkedge.proto.psp.PspMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three latency targets on a real gateway (SQLite, fsynced commits) with 10,000 spaces
 * and 1,000,000 past reservations in its database: reservation create and availability search (p99
 * ≤ 5 ms each) and a gate decision at an entry lane (p99 ≤ 20 ms, the durable commit included).
 * Calls go through the same {@link ParkingApi} the CoAP resources use, timed from the call to the
 * completion of its answer (after the commit). Not a test: run it by hand, see gateway/README.md.
 */
public final class ParkingBenchmark {

  private static final Logger log = LoggerFactory.getLogger(ParkingBenchmark.class);

  public static void main(String[] args) throws Exception {
    Path dir =
        Files.createTempDirectory(
            args.length > 0 ? Path.of(args[0]) : Path.of("/var/tmp"), "parking-bench");
    int past = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int samples = 2000;
    MovableClock clock = new MovableClock(Instant.parse("2026-11-21T06:00:00Z"));
    SiteLayout layout = site(10, 1000);
    seed(dir.resolve("parkedge.db"), clock, layout, past);
    try (ParkingSite site = new ParkingSite(dir, layout, clock).start()) {
      ParkingApi api = site.gateway().parkingApi().orElseThrow();
      Random random = new Random(1);
      long[] create = new long[samples];
      long[] search = new long[samples];
      long[] gate = new long[samples];
      for (int round = 0; round < 2; round++) { // the first round warms the JIT up
        for (int i = 0; i < samples; i++) {
          Instant start =
              clock.instant().plus(Duration.ofMinutes(30L + 15L * random.nextInt(4 * 24 * 30)));
          Instant end = start.plus(Duration.ofMinutes(30L * (1 + random.nextInt(8))));
          Set<SpaceKind> kinds = random.nextInt(5) == 0 ? Set.of(SpaceKind.EV) : Set.of();
          String zone = "Z" + random.nextInt(10);
          long t0 = System.nanoTime();
          api.createReservation(
                  new ReservationRequest(
                      "bench-" + round + "-" + i,
                      "fp",
                      "kiosk",
                      null,
                      zone,
                      kinds,
                      start,
                      end,
                      null,
                      dev.parkedge.gateway.ledger.PaymentMethod.KIOSK,
                      null))
              .join();
          create[i] = System.nanoTime() - t0;
          t0 = System.nanoTime();
          api.availability(start, end, random.nextBoolean() ? zone : null, kinds, 50).join();
          search[i] = System.nanoTime() - t0;
          t0 = System.nanoTime();
          api.scan(ParkingSite.ENTRY, PspMessage.ScanKind.TICKET, "b" + round + "-" + i).join();
          gate[i] = System.nanoTime() - t0;
        }
        if (round == 0) {
          // leave room at the entry: the first round's cars leave by the operator's hand
          log.info("bench: warm-up round done");
        }
      }
      report("reservation create", create);
      report("availability search", search);
      report("gate decision (entry, durable)", gate);
    }
  }

  private static void report(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    log.info(
        "bench: {}: p50 {} ms, p99 {} ms, max {} ms ({} samples)",
        what,
        ms(sorted[sorted.length / 2]),
        ms(sorted[(int) (sorted.length * 0.99)]),
        ms(sorted[sorted.length - 1]),
        sorted.length);
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  static SiteLayout site(int zones, int perZone) {
    List<Zone> list = new ArrayList<>();
    for (int z = 0; z < zones; z++) {
      List<Space> spaces = new ArrayList<>();
      for (int i = 0; i < perZone; i++) {
        Set<SpaceKind> kinds =
            i % 10 == 0
                ? Set.of(SpaceKind.EV)
                : i % 25 == 1 ? Set.of(SpaceKind.ACCESSIBLE) : Set.of(SpaceKind.STANDARD);
        spaces.add(
            new Space(
                String.format(Locale.ROOT, "Z%d-%04d", z, i), "L1", "Z" + z, kinds, null, null));
      }
      list.add(new Zone("Z" + z, "L1", spaces));
    }
    return new SiteLayout(TestSites.info(), List.of(new Level("L1", list)), List.of());
  }

  /** Creates the schema, then writes {@code count} completed reservations of the last 3 years. */
  static void seed(Path db, MovableClock clock, SiteLayout layout, int count) throws Exception {
    SqliteStore.open(db, clock, Duration.ofMillis(100)).close();
    List<Space> spaces = layout.spaces();
    Random random = new Random(7);
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      c.setAutoCommit(false);
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO reservation (id, idem_key, fingerprint, source, space_id, zone_id, kinds,"
                  + " start_ms, end_ms, plate, status, price, currency, payment_id, method,"
                  + " created_ms, checked_in_ms, session_id, seq) VALUES (?, ?, 'fp', 'cloud', ?, ?,"
                  + " '', ?, ?, NULL, 'completed', 400, 'EUR', NULL, 'cloud', ?, ?, NULL, 0)")) {
        long now = clock.millis();
        for (int i = 0; i < count; i++) {
          Space space = spaces.get(random.nextInt(spaces.size()));
          long start = now - 3600_000L * (1 + random.nextInt(3 * 365 * 24));
          s.setString(1, "R-PAST" + i);
          s.setString(2, "past-" + i);
          s.setString(3, space.id());
          s.setString(4, space.zoneId());
          s.setLong(5, start);
          s.setLong(6, start + 7_200_000L);
          s.setLong(7, start - 86_400_000L);
          s.setLong(8, start);
          s.addBatch();
          if (i % 10_000 == 9_999) {
            s.executeBatch();
          }
        }
        s.executeBatch();
      }
      c.commit();
    }
    log.info(
        "bench: seeded {} past reservations in {} s",
        count,
        (System.nanoTime() - t0) / 1_000_000_000);
  }
}
