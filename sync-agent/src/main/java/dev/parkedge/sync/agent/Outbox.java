package dev.parkedge.sync.agent;

import dev.parkedge.sync.contract.DataClass;
import dev.parkedge.sync.contract.JournalRecord;
import dev.parkedge.sync.wire.Compaction;
import dev.parkedge.sync.wire.WireEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's own SQLite file: journal entries copied and not yet acknowledged by the cloud, the
 * cursor into the gateway's journal (committed with the rows it copied), the cloud's watermark, and
 * the seq ranges compaction dropped. The gateway's database is only ever read; this file is the
 * agent's alone. Bounded in bytes per data class: money, access and command results are never
 * evicted; occupancy is compacted when its budget is full.
 */
public final class Outbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  /** A copied entry. */
  public record Row(long seq, DataClass dataClass, WireEvent event, int bytes) {}

  private final Path file;
  private final Connection db;
  private final Map<DataClass, Long> bytes = new EnumMap<>(DataClass.class);
  private final Map<DataClass, Long> budgets;
  private long copied;
  private long acked;
  private long bucketSeconds = 300;

  private Outbox(Path file, Connection db, Map<DataClass, Long> budgets) {
    this.file = file;
    this.db = db;
    this.budgets = budgets;
  }

  /**
   * Opens (or creates) the file.
   *
   * @param budgets bytes per class; a class not in the map is unbounded (never evicted)
   */
  public static Outbox open(Path file, Map<DataClass, Long> budgets) throws SQLException {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (java.io.IOException e) {
      throw new SQLException("cannot create the folder of " + file + ": " + e.getMessage(), e);
    }
    Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("PRAGMA synchronous = NORMAL");
      s.execute("PRAGMA busy_timeout = 5000");
      s.execute(
          "CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY NOT NULL, class INTEGER NOT"
              + " NULL, type TEXT NOT NULL, subject TEXT NOT NULL, at_ms INTEGER NOT NULL, trusted"
              + " INTEGER NOT NULL, boot_id TEXT NOT NULL, mono_ms INTEGER NOT NULL, body TEXT NOT"
              + " NULL, bytes INTEGER NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS outbox_by_class ON outbox (class, seq)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS skipped (from_seq INTEGER PRIMARY KEY NOT NULL, to_seq"
              + " INTEGER NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS compaction (id INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL,"
              + " class TEXT NOT NULL, from_seq INTEGER NOT NULL, to_seq INTEGER NOT NULL, kept"
              + " INTEGER NOT NULL, dropped INTEGER NOT NULL, bucket_s INTEGER NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT"
              + " NULL)");
    }
    db.setAutoCommit(false);
    Outbox outbox = new Outbox(file, db, budgets);
    outbox.load();
    return outbox;
  }

  private void load() throws SQLException {
    copied = state("copied");
    acked = state("acked");
    for (DataClass c : DataClass.values()) {
      bytes.put(c, 0L);
    }
    try (PreparedStatement s =
            db.prepareStatement(
                "SELECT class, coalesce(sum(bytes), 0) FROM outbox GROUP BY class");
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        bytes.put(DataClass.values()[rows.getInt(1)], rows.getLong(2));
      }
    }
    db.commit();
  }

  private long state(String key) throws SQLException {
    try (PreparedStatement s = db.prepareStatement("SELECT value FROM state WHERE key = ?")) {
      s.setString(1, key);
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  private void setState(String key, long value) throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement(
            "INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value ="
                + " excluded.value")) {
      s.setString(1, key);
      s.setLong(2, value);
      s.executeUpdate();
    }
  }

  /** The highest journal seq copied here. */
  public synchronized long copied() {
    return copied;
  }

  /** The cloud's watermark: every seq up to it is stored there. */
  public synchronized long acked() {
    return acked;
  }

  /**
   * Copies entries read from the journal, and moves the cursor to the last, in one transaction: a
   * crash copies each entry exactly once.
   */
  public synchronized void append(List<JournalRecord> records) throws SQLException {
    if (records.isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT OR IGNORE INTO outbox (seq, class, type, subject, at_ms, trusted, boot_id,"
                + " mono_ms, body, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (JournalRecord r : records) {
        if (r.seq() <= copied) {
          continue;
        }
        int size = size(r);
        DataClass c = r.dataClass();
        insert.setLong(1, r.seq());
        insert.setInt(2, c.ordinal());
        insert.setString(3, r.type());
        insert.setString(4, r.subject());
        insert.setLong(5, r.atMs());
        insert.setInt(6, r.clockTrusted() ? 1 : 0);
        insert.setString(7, r.bootId());
        insert.setLong(8, r.monoMs());
        insert.setString(9, r.body());
        insert.setInt(10, size);
        insert.addBatch();
        bytes.merge(c, (long) size, Long::sum);
      }
      insert.executeBatch();
      copied = Math.max(copied, records.get(records.size() - 1).seq());
      setState("copied", copied);
      db.commit();
    } catch (SQLException e) {
      db.rollback();
      load();
      throw e;
    }
  }

  private static int size(JournalRecord r) {
    return 64
        + r.type().length()
        + r.subject().length()
        + r.bootId().length()
        + r.body().getBytes(StandardCharsets.UTF_8).length;
  }

  private static final String SELECT_ROWS =
      "SELECT seq, class, type, subject, at_ms, trusted, boot_id, mono_ms, body, bytes FROM outbox";

  /** Rows of one class with seq in ({@code after}, {@code upTo}], in seq order. */
  public synchronized List<Row> read(DataClass c, long after, long upTo, int limit)
      throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement(
            SELECT_ROWS
                + " WHERE class = ? AND seq > ? AND seq <= ? ORDER BY class, seq LIMIT ?")) {
      s.setInt(1, c.ordinal());
      s.setLong(2, after);
      s.setLong(3, upTo);
      s.setInt(4, limit);
      return rows(s);
    }
  }

  /** Rows of any class with seq after {@code after}, in seq order (the live stream). */
  public synchronized List<Row> readAll(long after, int limit) throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement(SELECT_ROWS + " WHERE seq > ? ORDER BY seq LIMIT ?")) {
      s.setLong(1, after);
      s.setInt(2, limit);
      return rows(s);
    }
  }

  private List<Row> rows(PreparedStatement s) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        rows.add(
            new Row(
                r.getLong(1),
                DataClass.values()[r.getInt(2)],
                new WireEvent(
                    r.getLong(1),
                    r.getString(3),
                    r.getString(4),
                    r.getLong(5),
                    r.getInt(6) == 1,
                    r.getString(7),
                    r.getLong(8),
                    r.getString(9)),
                r.getInt(10)));
      }
    } finally {
      db.commit();
    }
    return rows;
  }

  /**
   * The cloud stored every seq up to {@code watermark}: those rows, skipped ranges and compaction
   * reports go. A watermark not ahead of the last one changes nothing.
   */
  public synchronized void acknowledge(long watermark) throws SQLException {
    if (watermark <= acked) {
      return;
    }
    try {
      try (PreparedStatement sum =
          db.prepareStatement(
              "SELECT class, coalesce(sum(bytes), 0) FROM outbox WHERE seq <= ? GROUP BY class")) {
        sum.setLong(1, watermark);
        try (ResultSet rows = sum.executeQuery()) {
          while (rows.next()) {
            bytes.merge(DataClass.values()[rows.getInt(1)], -rows.getLong(2), Long::sum);
          }
        }
      }
      update("DELETE FROM outbox WHERE seq <= ?", watermark);
      update("DELETE FROM skipped WHERE to_seq <= ?", watermark);
      update("DELETE FROM compaction WHERE to_seq <= ?", watermark);
      acked = watermark;
      setState("acked", watermark);
      db.commit();
    } catch (SQLException e) {
      db.rollback();
      load();
      throw e;
    }
  }

  private void update(String sql, long value) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.setLong(1, value);
      s.executeUpdate();
    }
  }

  /** Seq ranges dropped by compaction and not yet acknowledged. */
  public synchronized List<long[]> skipped() throws SQLException {
    List<long[]> ranges = new ArrayList<>();
    try (PreparedStatement s =
            db.prepareStatement("SELECT from_seq, to_seq FROM skipped ORDER BY from_seq");
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        ranges.add(new long[] {rows.getLong(1), rows.getLong(2)});
      }
    } finally {
      db.commit();
    }
    return ranges;
  }

  public synchronized List<Compaction> compactions() throws SQLException {
    List<Compaction> list = new ArrayList<>();
    try (PreparedStatement s =
            db.prepareStatement(
                "SELECT id, at_ms, class, from_seq, to_seq, kept, dropped, bucket_s FROM compaction"
                    + " ORDER BY id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        list.add(
            new Compaction(
                r.getLong(1),
                r.getLong(2),
                r.getString(3),
                r.getLong(4),
                r.getLong(5),
                r.getLong(6),
                r.getLong(7),
                r.getLong(8)));
      }
    } finally {
      db.commit();
    }
    return list;
  }

  /** Bytes held per class. */
  public synchronized Map<DataClass, Long> bytes() {
    return new EnumMap<>(bytes);
  }

  /** Rows held per class, and the oldest entry's wall time (0 when empty). */
  public synchronized Map<String, Long> backlog() throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    for (DataClass c : DataClass.values()) {
      counts.put(c.label(), 0L);
    }
    long oldest = 0;
    try (PreparedStatement s =
            db.prepareStatement("SELECT class, count(*) FROM outbox GROUP BY class");
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        counts.put(DataClass.values()[rows.getInt(1)].label(), rows.getLong(2));
      }
    }
    try (PreparedStatement s =
            db.prepareStatement("SELECT at_ms FROM outbox ORDER BY seq LIMIT 1");
        ResultSet rows = s.executeQuery()) {
      if (rows.next()) {
        oldest = rows.getLong(1);
      }
    }
    db.commit();
    counts.put("oldest_at_ms", oldest);
    return counts;
  }

  /**
   * Keeps each bounded class within its budget. Occupancy over budget is compacted: its oldest
   * half, from the row after the watermark, is thinned to the last entry per subject per bucket (5
   * min, doubling while one pass is not enough), the dropped seqs recorded as skipped ranges and
   * the pass itself as a compaction report. Returns the reports made.
   */
  public synchronized List<Compaction> enforceBudgets(long nowMs) throws SQLException {
    List<Compaction> made = new ArrayList<>();
    for (Map.Entry<DataClass, Long> budget : budgets.entrySet()) {
      DataClass c = budget.getKey();
      int passes = 0;
      while (bytes.get(c) > budget.getValue() && c.compactable() && passes++ < 64) {
        long before = bytes.get(c);
        Compaction report = compactOnce(c, nowMs);
        if (report == null) {
          break;
        }
        if (report.dropped() > 0) {
          made.add(report);
        }
        if (before - bytes.get(c) < before / 20) {
          if (bucketSeconds >= 86_400) {
            log.warn(
                "sync {}: {} still over its budget of {} bytes with one entry per subject per day",
                file,
                c.label(),
                budget.getValue());
            break;
          }
          bucketSeconds = Math.min(bucketSeconds * 2, 86_400);
        }
      }
    }
    return made;
  }

  private Compaction compactOnce(DataClass c, long nowMs) throws SQLException {
    List<long[]> keys = new ArrayList<>(); // seq, subject hash bucket index, bytes
    List<String> subjects = new ArrayList<>();
    List<Long> ats = new ArrayList<>();
    long total = bytes.get(c);
    long taken = 0;
    try (PreparedStatement s =
        db.prepareStatement(
            "SELECT seq, subject, at_ms, bytes FROM outbox WHERE class = ? ORDER BY class, seq")) {
      s.setInt(1, c.ordinal());
      try (ResultSet r = s.executeQuery()) {
        while (r.next() && taken < total / 2) {
          keys.add(new long[] {r.getLong(1), r.getLong(4)});
          subjects.add(r.getString(2));
          ats.add(r.getLong(3));
          taken += r.getLong(4);
        }
      }
    }
    if (keys.size() < 2) {
      db.commit();
      return null;
    }
    long bucketMs = bucketSeconds * 1000;
    Map<String, Integer> lastInBucket = new HashMap<>();
    boolean[] drop = new boolean[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      String key = subjects.get(i) + "\u0000" + Math.floorDiv(ats.get(i), bucketMs);
      Integer previous = lastInBucket.put(key, i);
      if (previous != null) {
        drop[previous] = true;
      }
    }
    long from = keys.get(0)[0];
    long to = keys.get(keys.size() - 1)[0];
    boolean any = false;
    for (boolean d : drop) {
      any |= d;
    }
    if (!any) {
      db.commit();
      return new Compaction(0, nowMs, c.label(), from, to, keys.size(), 0, bucketSeconds);
    }
    List<long[]> ranges = new ArrayList<>();
    long dropped = 0;
    long freed = 0;
    try (PreparedStatement delete = db.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
      for (int i = 0; i < keys.size(); i++) {
        if (!drop[i]) {
          continue;
        }
        long seq = keys.get(i)[0];
        delete.setLong(1, seq);
        delete.addBatch();
        dropped++;
        freed += keys.get(i)[1];
        long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
        if (last != null && last[1] + 1 == seq) {
          last[1] = seq;
        } else {
          ranges.add(new long[] {seq, seq});
        }
      }
      delete.executeBatch();
    }
    // Seqs between two dropped ones that belong to no row any more (acked, or dropped before) may
    // be merged into one range: fewer ranges on the wire.
    ranges = mergeAcrossAbsent(ranges);
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO skipped (from_seq, to_seq) VALUES (?, ?) ON CONFLICT (from_seq) DO UPDATE"
                + " SET to_seq = max(to_seq, excluded.to_seq)")) {
      for (long[] range : ranges) {
        insert.setLong(1, range[0]);
        insert.setLong(2, range[1]);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    long id;
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO compaction (at_ms, class, from_seq, to_seq, kept, dropped, bucket_s)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setLong(1, nowMs);
      insert.setString(2, c.label());
      insert.setLong(3, from);
      insert.setLong(4, to);
      insert.setLong(5, keys.size() - dropped);
      insert.setLong(6, dropped);
      insert.setLong(7, bucketSeconds);
      insert.executeUpdate();
      try (ResultSet generated = insert.getGeneratedKeys()) {
        generated.next();
        id = generated.getLong(1);
      }
    }
    db.commit();
    bytes.merge(c, -freed, Long::sum);
    Compaction report =
        new Compaction(
            id, nowMs, c.label(), from, to, keys.size() - dropped, dropped, bucketSeconds);
    log.warn(
        "sync {}: {} budget full: compacted seqs {}..{} to the last entry per subject per {} s,"
            + " kept {}, dropped {} ({} skipped ranges)",
        file,
        c.label(),
        from,
        to,
        bucketSeconds,
        report.kept(),
        dropped,
        ranges.size());
    return report;
  }

  /** Joins ranges when no outbox row lies between them. */
  private List<long[]> mergeAcrossAbsent(List<long[]> ranges) throws SQLException {
    if (ranges.size() < 2) {
      return ranges;
    }
    List<long[]> merged = new ArrayList<>();
    try (PreparedStatement between =
        db.prepareStatement("SELECT 1 FROM outbox WHERE seq > ? AND seq < ? LIMIT 1")) {
      long[] current = ranges.get(0);
      for (int i = 1; i < ranges.size(); i++) {
        long[] next = ranges.get(i);
        between.setLong(1, current[1]);
        between.setLong(2, next[0]);
        boolean rowBetween;
        try (ResultSet r = between.executeQuery()) {
          rowBetween = r.next();
        }
        if (rowBetween) {
          merged.add(current);
          current = next;
        } else {
          current = new long[] {current[0], next[1]};
        }
      }
      merged.add(current);
    }
    return merged;
  }

  @Override
  public synchronized void close() {
    try {
      db.commit();
      db.close();
    } catch (SQLException e) {
      log.warn("sync {}: closing the outbox failed: {}", file, e.getMessage());
    }
  }
}
