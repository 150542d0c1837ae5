package dev.parkedge.gateway.storage.sqlite;

import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.json.BodyJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Projects the parking entries of the journal into their tables, on the writer's connection, in the
 * transaction that inserts the entry: a reservation, session or movement is in its table exactly
 * when its entry is in the journal. Each entry carries the whole record, so the latest entry of a
 * reservation or session is its row; a movement is inserted once and its postings are added to the
 * balances. Replaying the journal's parking entries in seq order through {@link #apply} into empty
 * tables rebuilds them.
 */
final class ParkingProjection {

  private final PreparedStatement upsertReservation;
  private final PreparedStatement upsertSession;
  private final PreparedStatement insertTxn;
  private final PreparedStatement insertPosting;
  private final PreparedStatement addBalance;
  private final PreparedStatement insertViolation;

  ParkingProjection(Connection connection) throws SQLException {
    upsertReservation =
        connection.prepareStatement(
            "INSERT INTO reservation (id, idem_key, fingerprint, source, space_id, zone_id, kinds,"
                + " start_ms, end_ms, plate, status, price, currency, payment_id, method,"
                + " created_ms, checked_in_ms, session_id, seq)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET space_id = excluded.space_id,"
                + " status = excluded.status, checked_in_ms = excluded.checked_in_ms,"
                + " session_id = excluded.session_id, seq = excluded.seq");
    upsertSession =
        connection.prepareStatement(
            "INSERT INTO session (id, vehicle, ticket, plate, reservation_id, entry_lane, entry_ms,"
                + " status, paid_ms, lost_ticket, exit_lane, exit_ms, exit_reason, due_at_exit, seq)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET status = excluded.status,"
                + " paid_ms = excluded.paid_ms, lost_ticket = excluded.lost_ticket,"
                + " exit_lane = excluded.exit_lane, exit_ms = excluded.exit_ms,"
                + " exit_reason = excluded.exit_reason, due_at_exit = excluded.due_at_exit,"
                + " seq = excluded.seq");
    insertTxn =
        connection.prepareStatement(
            "INSERT INTO ledger_txn (id, idem_key, fingerprint, kind, ref, method, currency,"
                + " amount, payment_id, at_ms, detail, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?)");
    insertPosting =
        connection.prepareStatement(
            "INSERT INTO ledger_posting (txn_id, line, account, debit, credit) VALUES (?, ?, ?, ?,"
                + " ?)");
    addBalance =
        connection.prepareStatement(
            "INSERT INTO ledger_balance (account, balance) VALUES (?, ?)"
                + " ON CONFLICT (account) DO UPDATE SET balance = balance + excluded.balance");
    insertViolation =
        connection.prepareStatement(
            "INSERT INTO violation (id, kind, subject, ref, penalty, currency, at_ms, detail, seq)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  }

  /** Projects one entry (any other type is left alone). */
  void apply(long seq, JournalEntry entry) throws SQLException {
    String type = entry.type();
    if (type.startsWith("reservation.") && !type.equals("reservation.refused")) {
      reservation(seq, entry.body());
    } else if (type.startsWith("session.")) {
      session(seq, entry.body());
    } else if (type.equals("ledger.txn")) {
      txn(seq, entry);
    } else if (type.equals("violation.raised")) {
      violation(seq, entry);
    }
  }

  private void reservation(long seq, Map<String, Object> b) throws SQLException {
    PreparedStatement s = upsertReservation;
    s.setString(1, text(b, "id"));
    s.setString(2, text(b, "key"));
    s.setString(3, text(b, "fingerprint"));
    s.setString(4, text(b, "source"));
    s.setString(5, text(b, "space"));
    s.setString(6, text(b, "zone"));
    s.setString(7, String.join(",", strings(b.get("kinds"))));
    s.setLong(8, millis(b, "start"));
    s.setLong(9, millis(b, "end"));
    setText(s, 10, text(b, "plate"));
    s.setString(11, text(b, "status"));
    s.setLong(12, number(b, "price"));
    s.setString(13, text(b, "currency"));
    setText(s, 14, text(b, "payment"));
    setText(s, 15, text(b, "method"));
    s.setLong(16, millis(b, "created_at"));
    setMillis(s, 17, text(b, "checked_in_at"));
    setText(s, 18, text(b, "session"));
    s.setLong(19, seq);
    s.executeUpdate();
  }

  private void session(long seq, Map<String, Object> b) throws SQLException {
    PreparedStatement s = upsertSession;
    s.setString(1, text(b, "id"));
    s.setString(2, text(b, "vehicle"));
    setText(s, 3, text(b, "ticket"));
    setText(s, 4, text(b, "plate"));
    setText(s, 5, text(b, "reservation"));
    s.setLong(6, number(b, "entry_lane"));
    s.setLong(7, millis(b, "entry"));
    s.setString(8, text(b, "status"));
    setMillis(s, 9, text(b, "paid_at"));
    s.setInt(10, Boolean.TRUE.equals(b.get("lost_ticket")) ? 1 : 0);
    setNumber(s, 11, b.get("exit_lane"));
    setMillis(s, 12, text(b, "exit"));
    setText(s, 13, text(b, "exit_reason"));
    setNumber(s, 14, b.get("due"));
    s.setLong(15, seq);
    s.executeUpdate();
  }

  private void txn(long seq, JournalEntry entry) throws SQLException {
    Map<String, Object> b = entry.body();
    Object detail = b.get("detail");
    PreparedStatement s = insertTxn;
    s.setString(1, entry.subject());
    setText(s, 2, text(b, "key"));
    setText(s, 3, text(b, "fingerprint"));
    s.setString(4, text(b, "kind"));
    s.setString(5, text(b, "ref"));
    setText(s, 6, text(b, "method"));
    s.setString(7, text(b, "currency"));
    s.setLong(8, number(b, "amount"));
    setText(
        s,
        9,
        detail instanceof Map<?, ?> d && d.get("payment") != null
            ? d.get("payment").toString()
            : null);
    s.setLong(10, entry.at().toEpochMilli());
    s.setString(11, json(detail));
    s.setLong(12, seq);
    s.executeUpdate();
    int line = 0;
    for (Object item : (List<?>) b.get("postings")) {
      Map<?, ?> posting = (Map<?, ?>) item;
      long debit = ((Number) posting.get("debit")).longValue();
      long credit = ((Number) posting.get("credit")).longValue();
      insertPosting.setString(1, entry.subject());
      insertPosting.setInt(2, ++line);
      insertPosting.setString(3, posting.get("account").toString());
      insertPosting.setLong(4, debit);
      insertPosting.setLong(5, credit);
      insertPosting.executeUpdate();
      addBalance.setString(1, posting.get("account").toString());
      addBalance.setLong(2, debit - credit);
      addBalance.executeUpdate();
    }
  }

  private void violation(long seq, JournalEntry entry) throws SQLException {
    Map<String, Object> b = entry.body();
    PreparedStatement s = insertViolation;
    s.setString(1, entry.subject());
    s.setString(2, text(b, "kind"));
    s.setString(3, text(b, "subject"));
    s.setString(4, text(b, "ref"));
    s.setLong(5, number(b, "penalty"));
    s.setString(6, text(b, "currency"));
    s.setLong(7, entry.at().toEpochMilli());
    s.setString(8, String.valueOf(b.get("detail")));
    s.setLong(9, seq);
    s.executeUpdate();
  }

  private static String text(Map<String, Object> body, String key) {
    Object value = body.get(key);
    return value == null ? null : value.toString();
  }

  private static long number(Map<String, Object> body, String key) {
    return ((Number) body.get(key)).longValue();
  }

  private static long millis(Map<String, Object> body, String key) {
    return Instant.parse(text(body, key)).toEpochMilli();
  }

  private static List<String> strings(Object list) {
    return list == null ? List.of() : ((List<?>) list).stream().map(Object::toString).toList();
  }

  private static void setText(PreparedStatement s, int index, String value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.VARCHAR);
    } else {
      s.setString(index, value);
    }
  }

  private static void setMillis(PreparedStatement s, int index, String instant)
      throws SQLException {
    if (instant == null) {
      s.setNull(index, Types.INTEGER);
    } else {
      s.setLong(index, Instant.parse(instant).toEpochMilli());
    }
  }

  private static void setNumber(PreparedStatement s, int index, Object value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.INTEGER);
    } else {
      s.setLong(index, ((Number) value).longValue());
    }
  }

  private static String json(Object value) {
    try {
      return BodyJson.write(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("detail is not JSON", e);
    }
  }
}
