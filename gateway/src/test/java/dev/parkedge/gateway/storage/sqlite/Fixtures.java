package dev.parkedge.gateway.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.journal.JournalEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/** Shared helpers for the SQLite adapter's tests. */
final class Fixtures {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC);
  static final Duration FAST = Duration.ofMillis(10);

  private Fixtures() {}

  static JournalEntry entry(String subject) {
    return new JournalEntry(
        "test.event",
        subject,
        Instant.parse("2026-03-01T08:00:00.123Z"),
        true,
        Map.of("state", "occupied"));
  }

  static Connection connect(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  static List<Long> seqs(SqliteStore store) {
    return store.readJournal(0, Integer.MAX_VALUE).stream().map(JournalRow::seq).toList();
  }

  static List<Long> oneTo(long n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }

  interface Check {
    void run() throws Exception;
  }

  /** Retries {@code check} until it passes or 10 s pass; for what another thread does. */
  static void eventually(Check check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError | Exception e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.onSpinWait();
        Thread.yield();
      }
    }
  }

  static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /**
   * Makes a file or folder unwritable, even for root (which ignores permission bits): chattr +i as
   * root, permission bits otherwise.
   */
  static void makeReadOnly(Path path) throws IOException, InterruptedException {
    if (runningAsRoot()) {
      run("chattr", "+i", path.toString());
    } else {
      assertThat(path.toFile().setWritable(false, false)).isTrue();
    }
  }

  static void makeWritable(Path path) throws IOException, InterruptedException {
    if (runningAsRoot()) {
      run("chattr", "-i", path.toString());
    } else {
      assertThat(path.toFile().setWritable(true, true)).isTrue();
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).inheritIO().start();
    assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
  }
}
