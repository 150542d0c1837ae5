package dev.parkedge.sync.collector;

import dev.parkedge.sync.wire.Compaction;
import dev.parkedge.sync.wire.EventBatch;
import dev.parkedge.sync.wire.WireEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The collector's store, through JDBC: SQLite by default ({@code jdbc:sqlite:collector.db}), or
 * PostgreSQL ({@code jdbc:postgresql://…}) with the same schema and statements (only {@code INSERT
 * … ON CONFLICT DO NOTHING}, which both speak). Events are keyed by (tenant, site, seq): storing
 * one twice stores it once. Each batch is one transaction, after which the site's watermark — the
 * highest seq up to which every seq is stored or was reported skipped — is what gets acknowledged.
 */
public final class EventStore implements AutoCloseable {
  static final List<String> SCHEMA =
      List.of(
          "CREATE TABLE IF NOT EXISTS event (tenant TEXT NOT NULL, site TEXT NOT NULL, seq BIGINT"
              + " NOT NULL, type TEXT NOT NULL, subject TEXT NOT NULL, at_ms BIGINT NOT NULL,"
              + " trusted INTEGER NOT NULL, boot_id TEXT NOT NULL, mono_ms BIGINT NOT NULL,"
              + " rebased INTEGER NOT NULL DEFAULT 0, body TEXT NOT NULL, received_ms BIGINT NOT"
              + " NULL, PRIMARY KEY (tenant, site, seq))",
          "CREATE INDEX IF NOT EXISTS event_by_day ON event (tenant, site, at_ms)",
          "CREATE INDEX IF NOT EXISTS event_untrusted ON event (tenant, site, boot_id) WHERE"
              + " trusted = 0 AND rebased = 0",
          "CREATE TABLE IF NOT EXISTS skipped (tenant TEXT NOT NULL, site TEXT NOT NULL, from_seq"
              + " BIGINT NOT NULL, to_seq BIGINT NOT NULL, PRIMARY KEY (tenant, site, from_seq))",
          "CREATE TABLE IF NOT EXISTS compaction (tenant TEXT NOT NULL, site TEXT NOT NULL, id"
              + " BIGINT NOT NULL, at_ms BIGINT NOT NULL, class TEXT NOT NULL, from_seq BIGINT NOT"
              + " NULL, to_seq BIGINT NOT NULL, kept BIGINT NOT NULL, dropped BIGINT NOT NULL,"
              + " bucket_s BIGINT NOT NULL, PRIMARY KEY (tenant, site, id, from_seq))",
          "CREATE TABLE IF NOT EXISTS watermark (tenant TEXT NOT NULL, site TEXT NOT NULL, seq"
              + " BIGINT NOT NULL, PRIMARY KEY (tenant, site))",
          "CREATE TABLE IF NOT EXISTS clock_anchor (tenant TEXT NOT NULL, site TEXT NOT NULL,"
              + " boot_id TEXT NOT NULL, at_ms BIGINT NOT NULL, mono_ms BIGINT NOT NULL, PRIMARY"
              + " KEY (tenant, site, boot_id))",
          "CREATE TABLE IF NOT EXISTS command (tenant TEXT NOT NULL, site TEXT NOT NULL, id TEXT"
              + " NOT NULL, kind TEXT NOT NULL, sent_ms BIGINT NOT NULL, outcome TEXT, reason TEXT,"
              + " detail TEXT, result_ms BIGINT, PRIMARY KEY (tenant, id))",
          "CREATE TABLE IF NOT EXISTS site_status (tenant TEXT NOT NULL, site TEXT NOT NULL,"
              + " status TEXT NOT NULL, at_ms BIGINT NOT NULL, PRIMARY KEY (tenant, site))");

  private final Connection db;
  private final String tenant;
  private final Map<String, Long> watermarks = new HashMap<>();

  private EventStore(Connection db, String tenant) {
    this.db = db;
    this.tenant = tenant;
  }

  public static EventStore open(String jdbcUrl, String user, String password, String tenant)
      throws SQLException {
    Connection db =
        user == null
            ? DriverManager.getConnection(jdbcUrl)
            : DriverManager.getConnection(jdbcUrl, user, password);
    try (Statement s = db.createStatement()) {
      if (jdbcUrl.startsWith("jdbc:sqlite:")) {
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = NORMAL");
        s.execute("PRAGMA busy_timeout = 5000");
      }
      for (String ddl : SCHEMA) {
        s.execute(ddl);
      }
    }
    db.setAutoCommit(false);
    db.commit();
    return new EventStore(db, tenant);
  }

  Connection connection() {
    return db;
  }

  /** Stores a batch idempotently; returns the site's watermark after it. */
  public synchronized long store(EventBatch batch, long nowMs) throws SQLException {
    String site = batch.site();
    try {
      try (PreparedStatement insert =
          db.prepareStatement(
              "INSERT INTO event (tenant, site, seq, type, subject, at_ms, trusted, boot_id,"
                  + " mono_ms, body, received_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT DO NOTHING")) {
        for (WireEvent e : batch.events()) {
          insert.setString(1, tenant);
          insert.setString(2, site);
          insert.setLong(3, e.seq());
          insert.setString(4, e.type());
          insert.setString(5, e.subject());
          insert.setLong(6, e.atMs());
          insert.setInt(7, e.trusted() ? 1 : 0);
          insert.setString(8, e.bootId());
          insert.setLong(9, e.monoMs());
          insert.setString(10, e.body());
          insert.setLong(11, nowMs);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      try (PreparedStatement insert =
          db.prepareStatement(
              "INSERT INTO skipped (tenant, site, from_seq, to_seq) VALUES (?, ?, ?, ?)"
                  + " ON CONFLICT DO NOTHING")) {
        for (long[] range : batch.skipped()) {
          insert.setString(1, tenant);
          insert.setString(2, site);
          insert.setLong(3, range[0]);
          insert.setLong(4, range[1]);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      storeCompactions(site, batch.compactions());
      rebase(site, batch.events());
      long watermark = advance(site);
      db.commit();
      watermarks.put(site, watermark);
      return watermark;
    } catch (SQLException e) {
      db.rollback();
      watermarks.remove(site);
      throw e;
    }
  }

  private void storeCompactions(String site, List<Compaction> compactions) throws SQLException {
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO compaction (tenant, site, id, at_ms, class, from_seq, to_seq, kept,"
                + " dropped, bucket_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO"
                + " NOTHING")) {
      for (Compaction c : compactions) {
        insert.setString(1, tenant);
        insert.setString(2, site);
        insert.setLong(3, c.id());
        insert.setLong(4, c.atMs());
        insert.setString(5, c.dataClass());
        insert.setLong(6, c.fromSeq());
        insert.setLong(7, c.toSeq());
        insert.setLong(8, c.kept());
        insert.setLong(9, c.dropped());
        insert.setLong(10, c.bucketSeconds());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * Untrusted times re-based on their boot's anchor (sync-contract ClockSync): the first trusted
   * entry of a boot becomes its anchor; untrusted entries of that boot, stored before or after, get
   * {@code at = anchor.at - (anchor.mono - mono)} and {@code rebased = 1}.
   */
  private void rebase(String site, List<WireEvent> events) throws SQLException {
    Map<String, WireEvent> anchors = new HashMap<>();
    Map<String, Boolean> untrusted = new HashMap<>();
    for (WireEvent e : events) {
      if (e.bootId().isEmpty()) {
        continue;
      }
      if (e.trusted()) {
        anchors.putIfAbsent(e.bootId(), e);
      } else {
        untrusted.put(e.bootId(), true);
      }
    }
    if (anchors.isEmpty() && untrusted.isEmpty()) {
      return;
    }
    java.util.Set<String> boots = new java.util.HashSet<>(untrusted.keySet());
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO clock_anchor (tenant, site, boot_id, at_ms, mono_ms) VALUES (?, ?, ?, ?,"
                + " ?) ON CONFLICT DO NOTHING")) {
      for (WireEvent anchor : anchors.values()) {
        insert.setString(1, tenant);
        insert.setString(2, site);
        insert.setString(3, anchor.bootId());
        insert.setLong(4, anchor.atMs());
        insert.setLong(5, anchor.monoMs());
        if (insert.executeUpdate() == 1) {
          boots.add(anchor.bootId()); // a new anchor: untrusted entries stored earlier re-base now
        }
      }
    }
    if (boots.isEmpty()) {
      return;
    }
    try (PreparedStatement update =
        db.prepareStatement(
            "UPDATE event SET at_ms = (SELECT a.at_ms - (a.mono_ms - event.mono_ms) FROM"
                + " clock_anchor a WHERE a.tenant = event.tenant AND a.site = event.site AND"
                + " a.boot_id = event.boot_id), rebased = 1 WHERE tenant = ? AND site = ? AND"
                + " boot_id = ? AND trusted = 0 AND rebased = 0 AND EXISTS (SELECT 1 FROM"
                + " clock_anchor a WHERE a.tenant = event.tenant AND a.site = event.site AND"
                + " a.boot_id = event.boot_id)")) {
      for (String boot : boots) {
        update.setString(1, tenant);
        update.setString(2, site);
        update.setString(3, boot);
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  /** Moves the site's watermark over every stored or skipped seq that follows it. */
  private long advance(String site) throws SQLException {
    long watermark = watermark(site);
    long start = watermark;
    boolean moved = true;
    while (moved) {
      moved = false;
      try (PreparedStatement skip =
          db.prepareStatement(
              "SELECT max(to_seq) FROM skipped WHERE tenant = ? AND site = ? AND from_seq <= ?"
                  + " AND to_seq > ?")) {
        skip.setString(1, tenant);
        skip.setString(2, site);
        skip.setLong(3, watermark + 1);
        skip.setLong(4, watermark);
        try (ResultSet rows = skip.executeQuery()) {
          if (rows.next() && rows.getLong(1) > watermark) {
            watermark = rows.getLong(1);
            moved = true;
          }
        }
      }
      try (PreparedStatement next =
          db.prepareStatement(
              "SELECT seq FROM event WHERE tenant = ? AND site = ? AND seq > ? ORDER BY seq LIMIT"
                  + " 10000")) {
        next.setString(1, tenant);
        next.setString(2, site);
        next.setLong(3, watermark);
        try (ResultSet rows = next.executeQuery()) {
          while (rows.next() && rows.getLong(1) == watermark + 1) {
            watermark++;
            moved = true;
          }
        }
      }
    }
    if (watermark != start) {
      try (PreparedStatement upsert =
          db.prepareStatement(
              "INSERT INTO watermark (tenant, site, seq) VALUES (?, ?, ?) ON CONFLICT (tenant,"
                  + " site) DO UPDATE SET seq = excluded.seq")) {
        upsert.setString(1, tenant);
        upsert.setString(2, site);
        upsert.setLong(3, watermark);
        upsert.executeUpdate();
      }
    }
    return watermark;
  }

  private long watermark(String site) throws SQLException {
    Long cached = watermarks.get(site);
    if (cached != null) {
      return cached;
    }
    try (PreparedStatement s =
        db.prepareStatement("SELECT seq FROM watermark WHERE tenant = ? AND site = ?")) {
      s.setString(1, tenant);
      s.setString(2, site);
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  public synchronized void recordCommand(String site, String id, String kind, long nowMs)
      throws SQLException {
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO command (tenant, site, id, kind, sent_ms) VALUES (?, ?, ?, ?, ?) ON"
                + " CONFLICT DO NOTHING")) {
      insert.setString(1, tenant);
      insert.setString(2, site);
      insert.setString(3, id);
      insert.setString(4, kind);
      insert.setLong(5, nowMs);
      insert.executeUpdate();
      db.commit();
    }
  }

  /**
   * A result: the first terminal outcome of a command is kept ({@code applied}, {@code refused},
   * {@code rejected}); {@code duplicate} notes from the agent never overwrite it.
   */
  public synchronized void recordResult(
      String site, String id, String kind, String outcome, String reason, String detail, long nowMs)
      throws SQLException {
    if ("duplicate".equals(outcome)) {
      return;
    }
    try (PreparedStatement insert =
            db.prepareStatement(
                "INSERT INTO command (tenant, site, id, kind, sent_ms) VALUES (?, ?, ?, ?, ?) ON"
                    + " CONFLICT DO NOTHING");
        PreparedStatement update =
            db.prepareStatement(
                "UPDATE command SET outcome = ?, reason = ?, detail = ?, result_ms = ? WHERE tenant"
                    + " = ? AND id = ? AND outcome IS NULL")) {
      insert.setString(1, tenant);
      insert.setString(2, site);
      insert.setString(3, id);
      insert.setString(4, kind == null ? "-" : kind);
      insert.setLong(5, nowMs);
      insert.executeUpdate();
      update.setString(1, outcome);
      update.setString(2, reason);
      update.setString(3, detail);
      update.setLong(4, nowMs);
      update.setString(5, tenant);
      update.setString(6, id);
      update.executeUpdate();
      db.commit();
    }
  }

  /** What an applied command did (the gateway's detail), or null. */
  public synchronized String detail(String id) throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement("SELECT detail FROM command WHERE tenant = ? AND id = ?")) {
      s.setString(1, tenant);
      s.setString(2, id);
      try (ResultSet rows = s.executeQuery()) {
        String detail = rows.next() ? rows.getString(1) : null;
        db.commit();
        return detail;
      }
    }
  }

  /** The outcome of a command, or null while none came. */
  public synchronized String outcome(String id) throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement("SELECT outcome, reason FROM command WHERE tenant = ? AND id = ?")) {
      s.setString(1, tenant);
      s.setString(2, id);
      try (ResultSet rows = s.executeQuery()) {
        String outcome = null;
        if (rows.next() && rows.getString(1) != null) {
          outcome = rows.getString(1) + (rows.getString(2) == null ? "" : ": " + rows.getString(2));
        }
        db.commit();
        return outcome;
      }
    }
  }

  public synchronized void recordStatus(String site, String status, long nowMs)
      throws SQLException {
    try (PreparedStatement upsert =
        db.prepareStatement(
            "INSERT INTO site_status (tenant, site, status, at_ms) VALUES (?, ?, ?, ?) ON CONFLICT"
                + " (tenant, site) DO UPDATE SET status = excluded.status, at_ms ="
                + " excluded.at_ms")) {
      upsert.setString(1, tenant);
      upsert.setString(2, site);
      upsert.setString(3, status);
      upsert.setLong(4, nowMs);
      upsert.executeUpdate();
      db.commit();
    }
  }

  /** The head-office report of one site's local day (what {@code report} prints). */
  public synchronized DayReport dayReport(
      String site, java.time.LocalDate day, java.time.ZoneId zone) throws SQLException {
    return DayReport.of(db, tenant, site, day, zone);
  }

  /** Counts for tests and the operator: events stored for a site, and its watermark. */
  public synchronized long[] counts(String site) throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement(
            "SELECT count(*), coalesce(max(seq), 0) FROM event WHERE tenant = ? AND site = ?")) {
      s.setString(1, tenant);
      s.setString(2, site);
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        long[] counts = {rows.getLong(1), rows.getLong(2), watermark(site)};
        db.commit();
        return counts;
      }
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    db.close();
  }
}
