package dev.parkedge.gateway.storage.sqlite;

import com.fasterxml.jackson.core.JsonParser;
import dev.parkedge.gateway.json.BodyJson;
import dev.parkedge.gateway.ledger.LedgerStore;
import dev.parkedge.gateway.ledger.LedgerTxn;
import dev.parkedge.gateway.ledger.PaymentMethod;
import dev.parkedge.gateway.ledger.Posting;
import dev.parkedge.gateway.lot.SpaceKind;
import dev.parkedge.gateway.reservation.Reservation;
import dev.parkedge.gateway.reservation.ReservationStore;
import dev.parkedge.gateway.session.Session;
import dev.parkedge.gateway.session.SessionStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the parking tables (reservations, sessions, the ledger) on a read-only connection of its
 * own, so that the API's lists and reports never wait for the space reads or the writer. The rows
 * are written by {@link ParkingProjection} with their journal entries.
 */
public final class SqliteParkingStore
    implements ReservationStore, SessionStore, LedgerStore, AutoCloseable {

  /** The longest reservation a window query looks back for (its start index bounds the scan). */
  static final Duration LONGEST_RESERVATION = Duration.ofDays(366);

  private static final String RESERVATION_COLUMNS =
      "id, idem_key, fingerprint, source, space_id, zone_id, kinds, start_ms, end_ms, plate,"
          + " status, price, payment_id, method, created_ms, checked_in_ms, session_id";
  private static final String SESSION_COLUMNS =
      "id, vehicle, ticket, plate, reservation_id, entry_lane, entry_ms, status, paid_ms,"
          + " lost_ticket, exit_lane, exit_ms, exit_reason";
  private static final String TXN_JOIN =
      "SELECT t.id, t.idem_key, t.fingerprint, t.kind, t.ref, t.method, t.currency, t.amount,"
          + " t.at_ms, t.detail, p.account, p.debit, p.credit FROM ledger_txn t"
          + " JOIN ledger_posting p ON p.txn_id = t.id ";

  private final Path file;
  private final Connection reader;

  SqliteParkingStore(Path file) throws StorageException {
    this.file = file;
    this.reader = Database.openReader(file);
  }

  // ---- reservations -------------------------------------------------------------------------

  @Override
  public List<Reservation> loadActive() {
    return reservations(
        "SELECT "
            + RESERVATION_COLUMNS
            + " FROM reservation WHERE status IN ('booked', 'checked_in')",
        s -> {});
  }

  @Override
  public Optional<Reservation> findByKey(String key) {
    return reservations(
            "SELECT " + RESERVATION_COLUMNS + " FROM reservation WHERE idem_key = ?",
            s -> s.setString(1, key))
        .stream()
        .findFirst();
  }

  @Override
  public Optional<Reservation> find(String id) {
    return reservations(
            "SELECT " + RESERVATION_COLUMNS + " FROM reservation WHERE id = ?",
            s -> s.setString(1, id))
        .stream()
        .findFirst();
  }

  @Override
  public List<Reservation> list(Instant from, Instant to, Reservation.Status status, int limit) {
    return reservations(
        "SELECT "
            + RESERVATION_COLUMNS
            + " FROM reservation WHERE start_ms >= ? AND start_ms < ? AND end_ms > ?"
            + (status == null ? "" : " AND status = ?")
            + " ORDER BY start_ms, id LIMIT ?",
        s -> {
          s.setLong(1, from.minus(LONGEST_RESERVATION).toEpochMilli());
          s.setLong(2, to.toEpochMilli());
          s.setLong(3, from.toEpochMilli());
          int next = 4;
          if (status != null) {
            s.setString(next++, status.jsonName());
          }
          s.setInt(next, limit);
        });
  }

  private List<Reservation> reservations(String sql, Binder bind) {
    List<Reservation> found = new ArrayList<>();
    query(sql, bind, rows -> found.add(reservation(rows)));
    return found;
  }

  private static Reservation reservation(ResultSet r) throws SQLException {
    String kinds = r.getString(7);
    Set<SpaceKind> parsed =
        kinds.isEmpty()
            ? Set.of()
            : java.util.Arrays.stream(kinds.split(","))
                .map(k -> SpaceKind.valueOf(k.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toSet());
    String method = r.getString(14);
    return new Reservation(
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getString(6),
        parsed,
        Instant.ofEpochMilli(r.getLong(8)),
        Instant.ofEpochMilli(r.getLong(9)),
        r.getString(10),
        Reservation.Status.of(r.getString(11)),
        r.getLong(12),
        r.getString(13),
        method == null ? null : PaymentMethod.parse(method).orElseThrow(),
        Instant.ofEpochMilli(r.getLong(15)),
        instant(r, 16),
        r.getString(17));
  }

  // ---- sessions -----------------------------------------------------------------------------

  @Override
  public List<Session> loadOpen() {
    return sessions("SELECT " + SESSION_COLUMNS + " FROM session WHERE status = 'open'", s -> {});
  }

  @Override
  public Optional<Session> findSession(String id) {
    return sessions(
            "SELECT " + SESSION_COLUMNS + " FROM session WHERE id = ?", s -> s.setString(1, id))
        .stream()
        .findFirst();
  }

  @Override
  public List<Session> list(Instant from, Instant to, Session.Status status, int limit) {
    return sessions(
        "SELECT "
            + SESSION_COLUMNS
            + " FROM session WHERE ((entry_ms >= ? AND entry_ms < ?) OR status = 'open')"
            + (status == null ? "" : " AND status = ?")
            + " ORDER BY entry_ms DESC, id LIMIT ?",
        s -> {
          s.setLong(1, from.toEpochMilli());
          s.setLong(2, to.toEpochMilli());
          int next = 3;
          if (status != null) {
            s.setString(next++, status.jsonName());
          }
          s.setInt(next, limit);
        });
  }

  @Override
  public List<Session> exitedBetween(Instant from, Instant to) {
    return sessions(
        "SELECT "
            + SESSION_COLUMNS
            + " FROM session WHERE exit_ms >= ? AND exit_ms < ? ORDER BY exit_ms, id",
        s -> {
          s.setLong(1, from.toEpochMilli());
          s.setLong(2, to.toEpochMilli());
        });
  }

  private List<Session> sessions(String sql, Binder bind) {
    List<Session> found = new ArrayList<>();
    query(sql, bind, rows -> found.add(session(rows)));
    return found;
  }

  private static Session session(ResultSet r) throws SQLException {
    long exitLane = r.getLong(11);
    Integer lane = r.wasNull() ? null : (int) exitLane;
    return new Session(
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getInt(6),
        Instant.ofEpochMilli(r.getLong(7)),
        Session.Status.of(r.getString(8)),
        instant(r, 9),
        r.getInt(10) == 1,
        lane,
        instant(r, 12),
        r.getString(13));
  }

  // ---- ledger -------------------------------------------------------------------------------

  @Override
  public Map<String, Long> loadBalances() {
    Map<String, Long> balances = new LinkedHashMap<>();
    query(
        "SELECT account, balance FROM ledger_balance WHERE balance <> 0",
        s -> {},
        rows -> balances.put(rows.getString(1), rows.getLong(2)));
    return balances;
  }

  @Override
  public Optional<LedgerTxn> findTxnByKey(String key) {
    return txns(TXN_JOIN + "WHERE t.idem_key = ? ORDER BY p.line", s -> s.setString(1, key))
        .stream()
        .findFirst();
  }

  @Override
  public Optional<LedgerTxn> findTxn(String txnId) {
    return txns(TXN_JOIN + "WHERE t.id = ? ORDER BY p.line", s -> s.setString(1, txnId)).stream()
        .findFirst();
  }

  @Override
  public long refunded(String paymentId) {
    long[] sum = new long[1];
    query(
        "SELECT coalesce(sum(amount), 0) FROM ledger_txn WHERE payment_id = ? AND kind = 'refund'",
        s -> s.setString(1, paymentId),
        rows -> sum[0] = rows.getLong(1));
    return sum[0];
  }

  @Override
  public List<LedgerTxn> forRef(String ref) {
    return txns(TXN_JOIN + "WHERE t.ref = ? ORDER BY t.seq, p.line", s -> s.setString(1, ref));
  }

  @Override
  public List<LedgerTxn> between(Instant from, Instant to) {
    return txns(
        TXN_JOIN + "WHERE t.at_ms >= ? AND t.at_ms < ? ORDER BY t.seq, p.line",
        s -> {
          s.setLong(1, from.toEpochMilli());
          s.setLong(2, to.toEpochMilli());
        });
  }

  /** Rows of the join, one per posting, grouped back into movements. */
  private List<LedgerTxn> txns(String sql, Binder bind) {
    Map<String, List<Object>> heads = new LinkedHashMap<>();
    Map<String, List<Posting>> postings = new LinkedHashMap<>();
    query(
        sql,
        bind,
        r -> {
          String id = r.getString(1);
          if (!heads.containsKey(id)) {
            List<Object> head = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
              head.add(r.getObject(i));
            }
            heads.put(id, head);
            postings.put(id, new ArrayList<>());
          }
          postings.get(id).add(new Posting(r.getString(11), r.getLong(12), r.getLong(13)));
        });
    List<LedgerTxn> txns = new ArrayList<>();
    for (Map.Entry<String, List<Object>> e : heads.entrySet()) {
      List<Object> h = e.getValue();
      String method = (String) h.get(5);
      txns.add(
          new LedgerTxn(
              e.getKey(),
              (String) h.get(1),
              (String) h.get(2),
              LedgerTxn.Kind.of((String) h.get(3)),
              (String) h.get(4),
              method == null ? null : PaymentMethod.parse(method).orElseThrow(),
              Currency.getInstance((String) h.get(6)),
              ((Number) h.get(7)).longValue(),
              postings.get(e.getKey()),
              Instant.ofEpochMilli(((Number) h.get(8)).longValue()),
              detail((String) h.get(9))));
    }
    return txns;
  }

  /** A txn's detail as ParkingProjection wrote it (a map, or JSON null for none). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> detail(String json) {
    try (JsonParser parser = BodyJson.FACTORY.createParser(json)) {
      if (parser.nextToken() == null) {
        return Map.of("unreadable", json);
      }
      Object detail = BodyJson.read(parser);
      if (detail == null) {
        return Map.of();
      }
      return detail instanceof Map<?, ?> map
          ? (Map<String, Object>) map
          : Map.of("unreadable", json);
    } catch (IOException e) {
      return Map.of("unreadable", json);
    }
  }

  // ---- plumbing -----------------------------------------------------------------------------

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private interface RowReader {
    void read(ResultSet rows) throws SQLException;
  }

  private void query(String sql, Binder bind, RowReader row) {
    synchronized (reader) {
      try (PreparedStatement statement = reader.prepareStatement(sql)) {
        bind.bind(statement);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            row.read(rows);
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException(Diagnosis.reason(file, e), e);
      }
    }
  }

  private static Instant instant(ResultSet rows, int column) throws SQLException {
    long millis = rows.getLong(column);
    return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  @Override
  public void close() {
    synchronized (reader) {
      Database.closeQuietly(reader);
    }
  }
}
