package dev.parkedge.gateway.storage.sqlite;

import static dev.parkedge.gateway.storage.sqlite.Fixtures.CLOCK;
import static dev.parkedge.gateway.storage.sqlite.Fixtures.FAST;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationBackupIT {
  @TempDir Path dir;

  @Test
  void a_database_behind_the_code_is_backed_up_before_it_is_migrated() throws Exception {
    Path file = dir.resolve("parkedge.db");
    // As the first release wrote it: schema version 1 only, with one journal entry.
    try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = sql.createStatement()) {
      statement.execute(
          "CREATE TABLE schema_version (version INTEGER PRIMARY KEY NOT NULL,"
              + " name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)");
      for (String step : Migrations.statements(Migrations.read(Migrations.ALL.get(0)))) {
        statement.execute(step);
      }
      statement.execute("INSERT INTO schema_version VALUES (1, 'V001__init.sql', 0)");
      statement.execute(
          "INSERT INTO journal (seq, type, subject, at_ms, clock_trusted, body)"
              + " VALUES (1, 'before-the-upgrade', '-', 0, 1, '{}')");
    }

    try (SqliteStore store = SqliteStore.open(file, CLOCK, FAST)) {
      assertThat(store.readJournal(0, 10)).hasSize(1);
    }

    List<Path> backups;
    try (Stream<Path> files = Files.list(dir.resolve("backups"))) {
      backups = files.toList();
    }
    assertThat(backups).hasSize(1);
    assertThat(backups.get(0).getFileName().toString())
        .startsWith("pre-migration-v1-to-v" + Migrations.latestVersion() + "-");
    try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + backups.get(0));
        Statement statement = sql.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT (SELECT max(version) FROM schema_version), (SELECT count(*) FROM journal)")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(1);
      assertThat(rows.getInt(2)).isEqualTo(1);
    }
  }

  @Test
  void a_new_database_is_not_backed_up_and_a_current_one_not_again() throws Exception {
    Path file = dir.resolve("parkedge.db");
    SqliteStore.open(file, CLOCK, FAST).close();
    SqliteStore.open(file, CLOCK, FAST).close();

    assertThat(dir.resolve("backups")).doesNotExist();
  }

  @Test
  void a_probe_write_succeeds_on_a_working_database() throws Exception {
    try (SqliteStore store = SqliteStore.open(dir.resolve("parkedge.db"), CLOCK, FAST)) {
      store.probeWrite().get();
      assertThat(SqliteStore.statistics(dir.resolve("parkedge.db")))
          .containsEntry("schema_version", String.valueOf(Migrations.latestVersion()))
          .containsKey("rows");
    }
  }
}
