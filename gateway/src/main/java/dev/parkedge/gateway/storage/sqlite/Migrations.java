package dev.parkedge.gateway.storage.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbered forward-only migrations from {@code db/migration/VNNN__name.sql}, each applied in its
 * own transaction and recorded in {@code schema_version}. The list is spelt out here (a classpath
 * folder cannot be listed inside a jar); a test checks it matches the resource folder.
 */
final class Migrations {
  static final List<String> ALL =
      List.of(
          "V001__init.sql",
          "V002__space_snapshot.sql",
          "V003__sensor_frame_counter.sql",
          "V004__sync.sql",
          "V005__parking.sql");
  static final String FOLDER = "db/migration/";
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  static int latestVersion() {
    return version(ALL.get(ALL.size() - 1));
  }

  static int version(String name) {
    return Integer.parseInt(name.substring(1, name.indexOf("__")));
  }

  /** Applies every migration the file has not had yet; refuses a file newer than this code. */
  static void apply(Connection connection, Path file, Clock clock) throws StorageException {
    int current;
    try {
      Database.pragma(
          connection,
          "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY NOT NULL,"
              + " name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)");
      current = Integer.parseInt(Database.query(connection, sqlMaxVersion()).get(0));
    } catch (SQLException e) {
      throw Diagnosis.refusal(file, "reading its schema version", e);
    }
    if (current > latestVersion()) {
      throw new StorageException(
          file
              + " was written by a newer ParkEdge (schema version "
              + current
              + ", this version knows up to "
              + latestVersion()
              + "); install that newer version again, or restore a backup taken with this one");
    }
    if (current > 0 && current < latestVersion()) {
      backUpFirst(file, clock, current);
    }
    for (String name : ALL) {
      if (version(name) > current) {
        applyOne(connection, file, clock, name);
      }
    }
  }

  /**
   * A migration never runs without a backup of the file as it was: a consistent copy into {@code
   * backups/} beside it, checked with integrity_check. No backup, no migration (the daemon then
   * runs from memory with an alarm, and the file stays as it was).
   */
  private static void backUpFirst(Path file, Clock clock, int current) throws StorageException {
    Path backup =
        file.resolveSibling("backups")
            .resolve(
                SqliteStore.backupName(
                    "pre-migration-v" + current + "-to-v" + latestVersion(), clock.instant()));
    try {
      java.nio.file.Files.createDirectories(backup.getParent());
    } catch (IOException e) {
      throw new StorageException(
          "will not migrate "
              + file
              + " without a backup: cannot create "
              + backup.getParent()
              + ": "
              + e.getMessage(),
          e);
    }
    try {
      SqliteStore.backup(file, backup);
    } catch (StorageException e) {
      throw new StorageException(
          "will not migrate " + file + " without a backup: " + e.getMessage(), e);
    }
    log.info("storage {}: backed up to {} before migrating from schema v{}", file, backup, current);
  }

  private static String sqlMaxVersion() {
    return "SELECT coalesce(max(version), 0) FROM schema_version";
  }

  private static void applyOne(Connection connection, Path file, Clock clock, String name)
      throws StorageException {
    List<String> statements = statements(read(name));
    try {
      Database.pragma(connection, "BEGIN IMMEDIATE");
      for (String sql : statements) {
        Database.pragma(connection, sql);
      }
      try (PreparedStatement record =
          connection.prepareStatement(
              "INSERT INTO schema_version (version, name, applied_at_ms) VALUES (?, ?, ?)")) {
        record.setInt(1, version(name));
        record.setString(2, name);
        record.setLong(3, clock.millis());
        record.executeUpdate();
      }
      Database.pragma(connection, "COMMIT");
      log.info("storage {}: applied migration {}", file, name);
    } catch (SQLException e) {
      rollbackQuietly(connection);
      throw Diagnosis.refusal(file, "applying migration " + name + " (rolled back)", e);
    }
  }

  static List<Integer> appliedVersions(Connection connection) throws SQLException {
    List<Integer> versions = new ArrayList<>();
    try (PreparedStatement statement =
            connection.prepareStatement("SELECT version FROM schema_version ORDER BY version");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        versions.add(rows.getInt(1));
      }
    }
    return versions;
  }

  static String read(String name) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("migration " + FOLDER + name + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Splits at ";" ending a line; drops "--" comment lines. Keep migrations that simple. */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        statements.add(current.toString().strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      Database.pragma(connection, "ROLLBACK");
    } catch (SQLException ignored) {
      // SQLite may already have rolled back (e.g. after SQLITE_FULL)
    }
  }
}
