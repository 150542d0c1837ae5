package dev.parkedge.gateway.storage.sqlite;

import static dev.parkedge.gateway.storage.sqlite.Fixtures.CLOCK;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.FAST;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.entry;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.oneTo;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.seqs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteBackupIT {
  @TempDir Path dir;

  @Test
  void a_backup_taken_during_continuous_writes_holds_a_consistent_prefix_of_the_journal()
      throws Exception {
    Path file = dir.resolve("parkedge.db");
    Path out = dir.resolve("backups/parkedge-1.db");
    Files.createDirectories(out.getParent());
    List<JournalRow> original;
    try (SqliteStore store = SqliteStore.open(file, CLOCK, FAST)) {
      AtomicBoolean writing = new AtomicBoolean(true);
      Thread writer =
          new Thread(
              () -> {
                for (int i = 0; writing.get(); i++) {
                  store.append(entry("A" + i));
                  if (i % 500 == 0) {
                    store.appendDurably(entry("checkpoint-" + i)).join();
                  }
                }
              },
              "test-producer");
      writer.start();
      store.appendDurably(entry("first")).get(10, TimeUnit.SECONDS);
      while (store.lastCommittedSeq() < 5_000) {
        Thread.onSpinWait();
      }

      SqliteStore.backup(file, out);
      // Committed after the backup finished, so the journal outgrows the copy however the
      // scheduler treated the producer thread.
      store.appendDurably(entry("after-backup")).get(10, TimeUnit.SECONDS);

      writing.set(false);
      writer.join();
      original = store.readJournal(0, Integer.MAX_VALUE);
    }

    try (SqliteStore restored = SqliteStore.open(out, CLOCK, FAST)) {
      List<JournalRow> copy = restored.readJournal(0, Integer.MAX_VALUE);
      assertThat(copy.size()).isGreaterThanOrEqualTo(5_000).isLessThan(original.size());
      assertThat(seqs(restored)).isEqualTo(oneTo(copy.size()));
      assertThat(copy).isEqualTo(original.subList(0, copy.size()));
    }
  }

  @Test
  void refuses_to_overwrite_an_existing_file() throws Exception {
    Path file = dir.resolve("parkedge.db");
    SqliteStore.open(file, CLOCK, FAST).close();
    Path out = dir.resolve("taken.db");
    Files.writeString(out, "precious");

    assertThatThrownBy(() -> SqliteStore.backup(file, out))
        .isInstanceOf(StorageException.class)
        .hasMessage(out + " already exists; choose a new file name (a backup never overwrites)");
    assertThat(Files.readString(out)).isEqualTo("precious");
  }

  @Test
  void refuses_to_back_up_a_database_that_does_not_exist() {
    Path missing = dir.resolve("nothing-here.db");

    assertThatThrownBy(() -> SqliteStore.backup(missing, dir.resolve("out.db")))
        .isInstanceOf(StorageException.class)
        .hasMessage(missing + " does not exist; nothing to back up");
  }
}
