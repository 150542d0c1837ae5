package dev.parkedge.sync.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Commands in: the {@code command_inbox} table of the gateway's database (created by the gateway's
 * migration V004). The agent only ever inserts a received message, in a one-row transaction; the
 * gateway reads the unresolved ones, verifies them, applies them, and resolves each in the same
 * transaction as the {@code command.result} journal entry that reports it, so a command is applied
 * and reported exactly once whichever process stops when.
 *
 * <p>Rows are keyed by the SHA-256 of the message bytes: the broker redelivering a message the
 * agent had not acknowledged inserts nothing. The command id a message claims is trusted only once
 * the gateway has verified its signature: a forged message with a real command's id is rejected and
 * does not stop the real one, and a second verified message with an id already applied or refused
 * is a replay.
 */
public final class InboxTable {

  /** What the gateway decided. {@code rejected}: not verified (bad signature, scope, malformed). */
  public enum Resolution {
    APPLIED("applied"),
    REFUSED("refused"),
    REJECTED("rejected");

    private final String state;

    Resolution(String state) {
      this.state = state;
    }

    public String state() {
      return state;
    }
  }

  /** A message waiting for the gateway. */
  public record Received(String digest, String claimedId, long receivedMs, byte[] message) {}

  /** What happened to an offered message. */
  public record Offer(boolean inserted, String state) {}

  static final String INSERT =
      "INSERT OR IGNORE INTO command_inbox (digest, command_id, received_ms, message, state)"
          + " VALUES (?, ?, ?, ?, 'received')";
  static final String STATE_OF = "SELECT state FROM command_inbox WHERE digest = ?";
  static final String UNRESOLVED =
      "SELECT digest, command_id, received_ms, message FROM command_inbox"
          + " WHERE state = 'received' ORDER BY received_ms, digest LIMIT ?";
  static final String SEEN_VERIFIED =
      "SELECT state FROM command_inbox WHERE command_id = ? AND state IN ('applied', 'refused')"
          + " LIMIT 1";
  static final String RESOLVE =
      "UPDATE command_inbox SET state = ?, reason = ?, result_seq = ?, resolved_ms = ?"
          + " WHERE digest = ? AND state = 'received'";

  static final String COUNTS = "SELECT state, count(*) FROM command_inbox GROUP BY state";

  private InboxTable() {}

  /**
   * How many messages are in each state ({@code received}, {@code applied}, {@code refused}, {@code
   * rejected}): what {@code parkedge sync status} reports as commands applied and refused.
   */
  public static java.util.Map<String, Long> counts(Connection connection) throws SQLException {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    try (PreparedStatement select = connection.prepareStatement(COUNTS);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getLong(2));
      }
    }
    return counts;
  }

  /** The key of a message: lowercase hex SHA-256 of its bytes. */
  public static String digest(byte[] message) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(message));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * The agent's one write: stores a received message unless the same bytes are already there. Runs
   * in the connection's own (auto-commit) transaction: the gateway's write lock is held for one
   * row.
   */
  public static Offer offer(Connection connection, byte[] message, String claimedId, long nowMs)
      throws SQLException {
    String digest = digest(message);
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, digest);
      insert.setString(2, claimedId.getBytes(StandardCharsets.UTF_8).length > 200 ? "" : claimedId);
      insert.setLong(3, nowMs);
      insert.setBytes(4, message);
      if (insert.executeUpdate() == 1) {
        return new Offer(true, "received");
      }
    }
    try (PreparedStatement select = connection.prepareStatement(STATE_OF)) {
      select.setString(1, digest);
      try (ResultSet rows = select.executeQuery()) {
        return new Offer(false, rows.next() ? rows.getString(1) : "received");
      }
    }
  }

  /** The gateway: messages not yet resolved, oldest first. */
  public static List<Received> unresolved(Connection connection, int limit) throws SQLException {
    List<Received> received = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(UNRESOLVED)) {
      select.setInt(1, limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          received.add(
              new Received(
                  rows.getString(1), rows.getString(2), rows.getLong(3), rows.getBytes(4)));
        }
      }
    }
    return received;
  }

  /**
   * The gateway: how an earlier verified message with this command id was resolved ({@code applied}
   * or {@code refused}), if there was one: then this one is a replay.
   */
  public static Optional<String> seenVerified(Connection connection, String commandId)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(SEEN_VERIFIED)) {
      select.setString(1, commandId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  /**
   * The gateway: resolves a message. Call it inside the transaction that appends its {@code
   * command.result} entry (seq {@code resultSeq}). Returns false when it was already resolved.
   */
  public static boolean resolve(
      Connection connection,
      String digest,
      Resolution resolution,
      String reason,
      long resultSeq,
      long nowMs)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(RESOLVE)) {
      update.setString(1, resolution.state());
      update.setString(2, reason);
      update.setLong(3, resultSeq);
      update.setLong(4, nowMs);
      update.setString(5, digest);
      return update.executeUpdate() == 1;
    }
  }
}
