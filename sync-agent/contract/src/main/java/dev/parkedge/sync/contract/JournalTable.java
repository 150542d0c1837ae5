package dev.parkedge.sync.contract;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Events out: how the journal table of the gateway's database is read. The gateway's migrations
 * create it (V001, V004) and only the gateway's storage writer appends to it; the agent reads it
 * through its own read-only connection, in short read transactions (WAL readers never block the
 * writer), and keeps its cursor in its own file.
 */
public final class JournalTable {

  /** Entries after a seq, in seq order. */
  public static final String READ_AFTER =
      "SELECT seq, type, subject, at_ms, clock_trusted, coalesce(boot_id, ''),"
          + " coalesce(mono_ms, 0), body FROM journal WHERE seq > ? ORDER BY seq LIMIT ?";

  /** The highest committed seq (0 when empty). */
  public static final String HEAD = "SELECT coalesce(max(seq), 0) FROM journal";

  private JournalTable() {}

  /** At most {@code limit} entries with seq greater than {@code afterSeq}, in seq order. */
  public static List<JournalRecord> readAfter(Connection connection, long afterSeq, int limit)
      throws SQLException {
    List<JournalRecord> records = new ArrayList<>(Math.min(limit, 10_000));
    try (PreparedStatement statement = connection.prepareStatement(READ_AFTER)) {
      statement.setLong(1, afterSeq);
      statement.setInt(2, limit);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          records.add(
              new JournalRecord(
                  rows.getLong(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getLong(4),
                  rows.getInt(5) == 1,
                  rows.getString(6),
                  rows.getLong(7),
                  rows.getString(8)));
        }
      }
    }
    return records;
  }

  public static long head(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(HEAD);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
