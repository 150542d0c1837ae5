package dev.parkedge.gateway.storage.sqlite;

import static dev.parkedge.gateway.storage.sqlite.Fixtures.CLOCK;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.FAST;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.entry;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.eventually;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.oneTo;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.seqs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.journal.StorageHealth;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreRefusalIT {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("parkedge.db");
  }

  private void createWithEntries(int n) throws Exception {
    try (SqliteStore store = SqliteStore.open(file(), CLOCK, FAST)) {
      for (int i = 0; i < n; i++) {
        store.append(
            new JournalEntry(
                "space.state", "A" + i, Instant.EPOCH, true, Map.of("pad", "x".repeat(200))));
      }
    }
  }

  @Test
  void refuses_a_file_that_is_not_sqlite_naming_it_and_what_to_do() throws Exception {
    Files.writeString(file(), "this is a YAML config, not a database\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> SqliteStore.open(file(), CLOCK, FAST))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            file()
                + " is not an SQLite database (file header is not \"SQLite format 3\"); "
                + "move it aside and restore a backup (parkedge backup) or start empty");
    assertThat(Files.readString(file())).startsWith("this is a YAML"); // left untouched
  }

  @Test
  void refuses_a_corrupt_database_and_asks_to_keep_it_for_analysis() throws Exception {
    createWithEntries(2000);
    try (RandomAccessFile raw = new RandomAccessFile(file().toFile(), "rw")) {
      for (long page = 2; page < raw.length() / 4096; page += 7) {
        raw.seek(page * 4096);
        raw.write(new byte[] {0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55});
      }
    }

    assertThatThrownBy(() -> SqliteStore.open(file(), CLOCK, FAST))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith(file() + " is corrupt (integrity check: ")
        .hasMessageContaining("restore a backup (parkedge backup)")
        .hasMessageContaining("keep the damaged file");
  }

  @Test
  void refuses_a_database_written_by_a_newer_version() throws Exception {
    createWithEntries(1);
    try (Connection connection = Fixtures.connect(file());
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO schema_version VALUES (999, 'V999__future.sql', 0)")) {
      insert.executeUpdate();
    }

    assertThatThrownBy(() -> SqliteStore.open(file(), CLOCK, FAST))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            file()
                + " was written by a newer ParkEdge (schema version 999, this version knows up to "
                + Migrations.latestVersion()
                + "); install that newer version again, or restore a backup taken with this one");
  }

  @Test
  void refuses_a_read_only_database_file() throws Exception {
    createWithEntries(1);
    Fixtures.makeReadOnly(file());
    try {
      assertThatThrownBy(() -> SqliteStore.open(file(), CLOCK, FAST))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith(file() + " cannot be written (the file is read-only)")
          .hasMessageContaining("fix the owner or permissions");
    } finally {
      Fixtures.makeWritable(file());
    }
  }

  @Test
  void refuses_a_read_only_folder_where_the_wal_cannot_be_created() throws Exception {
    Path folder = dir.resolve("ro");
    Files.createDirectories(folder);
    Path file = folder.resolve("parkedge.db");
    Fixtures.makeReadOnly(folder);
    try {
      assertThatThrownBy(() -> SqliteStore.open(file, CLOCK, FAST))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith(file + " cannot be written (the folder " + folder)
          .hasMessageContaining("-wal and -shm");
    } finally {
      Fixtures.makeWritable(folder);
    }
  }

  @Test
  void refuses_another_applications_sqlite_database() throws Exception {
    try (Connection connection = Fixtures.connect(file())) {
      Database.pragma(connection, "PRAGMA application_id = 42");
      Database.pragma(connection, "CREATE TABLE photos (id INTEGER)");
    }

    assertThatThrownBy(() -> SqliteStore.open(file(), CLOCK, FAST))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("another application (application_id 42)");
  }

  @Test
  void on_a_full_disk_reports_it_keeps_entries_in_memory_and_recovers_when_space_returns()
      throws Exception {
    try (SqliteStore store = SqliteStore.open(file(), CLOCK, FAST)) {
      store.appendDurably(entry("before")).get(10, TimeUnit.SECONDS);
      setMaxPageCount(store, -1); // the current size: the file cannot grow any more

      for (int i = 0; i < 500; i++) {
        store.append(
            new JournalEntry(
                "space.state", "A" + i, Instant.EPOCH, true, Map.of("pad", "x".repeat(500))));
      }
      eventually(
          () -> {
            StorageHealth health = store.health();
            assertThat(health.ok()).isFalse();
            assertThat(health.reason()).startsWith("disk full: " + file() + " cannot grow (");
            assertThat(health.pendingEntries()).isEqualTo(500);
          });
      CompletableFuture<Long> refused = store.appendDurably(entry("payment"));
      assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).hasMessageContaining("disk full");
      assertThat(store.lastCommittedSeq()).isEqualTo(1);

      setMaxPageCount(store, 1_000_000);

      eventually(() -> assertThat(store.health()).isEqualTo(StorageHealth.healthy(0)));
      assertThat(seqs(store)).isEqualTo(oneTo(501));
    }
  }

  @Test
  void on_a_full_disk_a_sync_fails_instead_of_waiting_and_the_entries_commit_later()
      throws Exception {
    try (SqliteStore store = SqliteStore.open(file(), CLOCK, FAST)) {
      store.appendDurably(entry("before")).get(10, TimeUnit.SECONDS);
      setMaxPageCount(store, -1);
      store.append(
          new JournalEntry(
              "space.state", "A1", Instant.EPOCH, true, Map.of("pad", "x".repeat(9000))));

      CompletableFuture<Long> waiting = store.sync();

      assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasMessageContaining("disk full");
      assertThatThrownBy(() -> store.sync().get(1, TimeUnit.SECONDS))
          .as("a sync asked while commits fail fails at once")
          .hasMessageContaining("disk full");
      setMaxPageCount(store, 1_000_000);
      eventually(() -> assertThat(store.health()).isEqualTo(StorageHealth.healthy(0)));
      assertThat(store.sync().get(10, TimeUnit.SECONDS)).isEqualTo(2);
    }
  }

  /** Sets max_page_count on the writer's connection; -1 means "the current page count". */
  private static void setMaxPageCount(SqliteStore store, long pages) throws Exception {
    store
        .onWriter(
            connection -> {
              try {
                long value =
                    pages < 0
                        ? Long.parseLong(Database.query(connection, "PRAGMA page_count").get(0))
                        : pages;
                Database.pragma(connection, "PRAGMA max_page_count = " + value);
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            })
        .get(10, TimeUnit.SECONDS);
  }
}
