package dev.parkedge.sync.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A gateway database made by the gateway's own migrations (read from gateway/src/main/resources:
 * the schema is defined there, once), and a writer that appends to its journal the way the
 * gateway's storage writer does: seq = max+1 inside a BEGIN IMMEDIATE transaction, group commits.
 */
public final class GatewayDatabase {
  private static final Path MIGRATIONS = Path.of("../gateway/src/main/resources/db/migration");
  public static final String BOOT = UUID.randomUUID().toString();

  private GatewayDatabase() {}

  public static void create(Path file) throws IOException, SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode = WAL");
      s.execute(
          "CREATE TABLE schema_version (version INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)");
      try (Stream files = new Stream(Files.list(MIGRATIONS).sorted().toList())) {
        for (Path migration : files.paths) {
          for (String statement : Files.readString(migration).split(";\\s*\\n")) {
            String sql =
                statement
                    .lines()
                    .filter(l -> !l.trim().startsWith("--"))
                    .reduce("", (a, b) -> a + "\n" + b)
                    .trim();
            if (!sql.isEmpty()) {
              s.execute(sql);
            }
          }
          String name = migration.getFileName().toString();
          s.execute(
              "INSERT INTO schema_version VALUES ("
                  + Integer.parseInt(name.substring(1, 4))
                  + ", '"
                  + name
                  + "', 0)");
        }
      }
    }
  }

  private record Stream(java.util.List<Path> paths) implements AutoCloseable {
    @Override
    public void close() {}
  }

  /** Appends {@code count} events in one transaction; returns the last seq. */
  public static long append(Connection c, int count, long atMs, long stepMs, int spaces)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
    }
    long seq;
    try (PreparedStatement max = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM journal");
        ResultSet rows = max.executeQuery()) {
      rows.next();
      seq = rows.getLong(1);
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO journal (seq, type, subject, at_ms, clock_trusted, body, boot_id, mono_ms) VALUES (?, ?, ?, ?, 1, ?, ?, ?)")) {
      for (int i = 0; i < count; i++) {
        seq++;
        long at = atMs + i * stepMs;
        insert.setLong(1, seq);
        if (seq % 50 == 0) {
          insert.setString(2, "payment.taken");
          insert.setString(3, "session-" + seq);
          insert.setString(5, "{\"method\":\"card\",\"amount_minor\":250,\"currency\":\"EUR\"}");
        } else {
          String space = "L" + (seq % 4) + "-" + (seq % spaces);
          insert.setString(2, "space.state");
          insert.setString(3, space);
          boolean occupied = (seq / spaces) % 2 == 0;
          insert.setString(
              5,
              "{\"from\":\""
                  + (occupied ? "free" : "occupied")
                  + "\",\"to\":\""
                  + (occupied ? "occupied" : "free")
                  + "\",\"cause\":\"sensor\",\"sensor\":\"70b3d5e75e00"
                  + String.format("%04x", seq % spaces)
                  + "\",\"sensed\":\""
                  + (occupied ? "occupied" : "free")
                  + "\",\"maintenance\":false}");
        }
        insert.setLong(4, at);
        insert.setString(6, BOOT);
        insert.setLong(7, 1_000_000 + at / 1000);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (Statement s = c.createStatement()) {
      s.execute("COMMIT");
    }
    return seq;
  }

  public static Connection writer(Path file) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("PRAGMA synchronous = NORMAL");
      s.execute("PRAGMA busy_timeout = 5000");
    }
    c.setAutoCommit(true);
    return c;
  }

  public static long head(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement s = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM journal");
        ResultSet rows = s.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
