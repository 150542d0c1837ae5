package dev.parkedge.gateway.storage.sqlite;

import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.sensing.SpaceRecord;
import dev.parkedge.gateway.sensing.SpaceState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Manual benchmark, not a test: {@code java -cp <test classpath>
 * dev.parkedge.gateway.storage.sqlite.SqliteStoreBenchmark [folder] [quick|all]}. Prints journaled
 * state changes per second (append + saveSpace, committed), pipelined appendDurably per second,
 * bytes written per event at 20 events/s (from /proc/self/io), and quick_check/integrity_check time
 * on a ~100 MB database.
 */
public final class SqliteStoreBenchmark {
  private static final Clock CLOCK = Clock.systemUTC();
  private static final int SPACES = Integer.getInteger("spaces", 2000);
  private static final Duration DELAY =
      Duration.ofMillis(Long.getLong("delayMs", SqliteStore.DEFAULT_MAX_COMMIT_DELAY.toMillis()));
  private static final Duration SNAPSHOT =
      Duration.ofSeconds(
          Long.getLong("snapshotS", SqliteStore.DEFAULT_SNAPSHOT_INTERVAL.toSeconds()));

  private SqliteStoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path folder = Files.createTempDirectory(Path.of(args.length > 0 ? args[0] : "/tmp"), "bench");
    String mode = args.length > 1 ? args[1] : "quick";
    boolean all = mode.equals("all");
    System.out.printf(
        Locale.ROOT, "machine: %d cpus, %s%n", Runtime.getRuntime().availableProcessors(), folder);
    if (mode.equals("trickle")) {
      bytesPerEvent(folder.resolve("trickle.db"), 20, Integer.getInteger("seconds", 60));
      return;
    }
    throughput(folder.resolve("throughput.db"), 200_000);
    durable(folder.resolve("durable.db"), 200_000);
    closedLoop(folder.resolve("closed.db"), 32, 10_000);
    bytesPerEvent(folder.resolve("trickle.db"), 20, all ? 120 : 30);
    if (all) {
      checkTime(folder.resolve("big.db"), 100L << 20);
    }
  }

  /** A space.state entry with the body SensingService writes (see gateway/JOURNAL.md). */
  private static JournalEntry event(int i) {
    return event(i, i % SPACES);
  }

  private static JournalEntry event(int i, int spaceIndex) {
    String to = i % 2 == 0 ? "occupied" : "free";
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", i % 2 == 0 ? "free" : "occupied");
    body.put("to", to);
    body.put("cause", "sensor");
    body.put("sensor", "70b3d57ed0001001");
    body.put("sensed", to);
    body.put("maintenance", false);
    return new JournalEntry("space.state", "L1-A-" + spaceIndex, Instant.now(CLOCK), true, body);
  }

  private static SpaceRecord space(int i) {
    return space(i, i % SPACES);
  }

  private static SpaceRecord space(int i, int spaceIndex) {
    SpaceState state = i % 2 == 0 ? SpaceState.OCCUPIED : SpaceState.FREE;
    return new SpaceRecord("L1-A-" + spaceIndex, state, Instant.now(CLOCK), state, false);
  }

  /** append + saveSpace as fast as one producer can, until all are committed. */
  private static void throughput(Path file, int n) throws Exception {
    try (SqliteStore store = SqliteStore.open(file, CLOCK, SqliteStore.DEFAULT_MAX_COMMIT_DELAY)) {
      warmUp(store);
      long base = store.lastCommittedSeq();
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        store.append(event(i));
        store.saveSpace(space(i));
      }
      store.appendDurably(event(n)).get();
      double seconds = (System.nanoTime() - start) / 1e9;
      report("append+saveSpace, all committed", store.lastCommittedSeq() - base, seconds);
    }
  }

  /** appendDurably pipelined: each completes only after its fsync'd commit. */
  private static void durable(Path file, int n) throws Exception {
    try (SqliteStore store = SqliteStore.open(file, CLOCK, SqliteStore.DEFAULT_MAX_COMMIT_DELAY)) {
      warmUp(store);
      List<CompletableFuture<Long>> all = new ArrayList<>(n);
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        all.add(store.appendDurably(event(i)));
        store.saveSpace(space(i));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
      double seconds = (System.nanoTime() - start) / 1e9;
      report("appendDurably pipelined, all futures done", n, seconds);
    }
  }

  /** Many callers each waiting for their own commit before the next (gate requests). */
  private static void closedLoop(Path file, int threads, int perThread) throws Exception {
    try (SqliteStore store = SqliteStore.open(file, CLOCK, SqliteStore.DEFAULT_MAX_COMMIT_DELAY)) {
      warmUp(store);
      List<Thread> callers = new ArrayList<>();
      long start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        Thread caller =
            new Thread(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    store.appendDurably(event(i)).join();
                  }
                });
        callers.add(caller);
        caller.start();
      }
      for (Thread caller : callers) {
        caller.join();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      report(threads + " callers each awaiting appendDurably", (long) threads * perThread, seconds);
    }
  }

  /**
   * A quiet site: rate events/s, each a saveSpace then an append of a random space, as the domain
   * does; bytes include the snapshots (every snapshotS, and at close) and the final checkpoint.
   */
  private static void bytesPerEvent(Path file, int rate, int seconds) throws Exception {
    SqliteStore store = SqliteStore.open(file, CLOCK, DELAY, SNAPSHOT);
    for (int i = 0; i < SPACES; i++) {
      store.saveSpace(space(i));
    }
    store.snapshot().get(); // the site's spaces are in space_state before the measurement
    warmUp(store);
    Thread.sleep(500);
    long before = writeBytes();
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    long next = System.nanoTime();
    int n = rate * seconds;
    Random spaces = new Random(42); // cars come and go anywhere in the lot, not in space order
    for (int i = 0; i < n; i++) {
      int space = spaces.nextInt(SPACES);
      store.saveSpace(space(i, space));
      store.append(event(i, space));
      next += periodNanos;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
    long beforeClose = writeBytes();
    store.close(); // the last connection checkpoints the WAL into the database file
    long after = writeBytes();
    System.out.printf(
        Locale.ROOT,
        "%d spaces, commit delay %d ms, snapshot every %d s, %d events at %d/s over %d s: %.0f bytes"
            + " written per event (%.0f before close's snapshot and checkpoint), db %d bytes%n",
        SPACES,
        DELAY.toMillis(),
        SNAPSHOT.toSeconds(),
        n,
        rate,
        seconds,
        (after - before) / (double) n,
        (beforeClose - before) / (double) n,
        Files.size(file));
  }

  private static void checkTime(Path file, long targetBytes) throws Exception {
    try (SqliteStore store = SqliteStore.open(file, CLOCK, SqliteStore.DEFAULT_MAX_COMMIT_DELAY)) {
      int i = 0;
      while (Files.size(file) + walSize(file) < targetBytes) {
        for (int k = 0; k < 50_000; k++, i++) {
          store.append(event(i));
        }
        store.appendDurably(event(i++)).get();
      }
    }
    System.out.printf(Locale.ROOT, "database for the check: %d bytes%n", Files.size(file));
    try (Connection connection = Fixtures.connect(file)) {
      for (String check :
          List.of("quick_check", "integrity_check", "quick_check", "integrity_check")) {
        long start = System.nanoTime();
        List<String> result = Database.query(connection, "PRAGMA " + check);
        System.out.printf(
            Locale.ROOT,
            "PRAGMA %s: %s in %d ms (page cache warm)%n",
            check,
            result,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      }
    }
  }

  private static long walSize(Path file) throws IOException {
    Path wal = file.resolveSibling(file.getFileName() + "-wal");
    return Files.exists(wal) ? Files.size(wal) : 0;
  }

  private static void warmUp(SqliteStore store) throws Exception {
    for (int i = 0; i < 20_000; i++) {
      store.append(event(i));
    }
    store.appendDurably(event(0)).get();
  }

  private static void report(String what, long n, double seconds) {
    System.out.printf(Locale.ROOT, "%s: %d in %.2f s = %.0f/s%n", what, n, seconds, n / seconds);
  }

  private static long writeBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
      if (line.startsWith("write_bytes:")) {
        return Long.parseLong(line.substring("write_bytes:".length()).strip());
      }
    }
    throw new IllegalStateException("no write_bytes in /proc/self/io");
  }
}
