package dev.parkedge.sync.agent;

import dev.parkedge.sync.contract.InboxTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * The agent's only write into the gateway's database: one row per received command message
 * (sync-contract {@link InboxTable}), in its own short transaction.
 */
final class GatewayInbox implements AutoCloseable {
  private final Path database;
  private Connection connection;

  GatewayInbox(Path database) {
    this.database = database;
  }

  synchronized InboxTable.Offer offer(byte[] message, String claimedId, long nowMs)
      throws SQLException {
    if (connection == null) {
      SQLiteConfig config = new SQLiteConfig();
      config.setBusyTimeout(5_000);
      connection = DriverManager.getConnection("jdbc:sqlite:" + database, config.toProperties());
    }
    try {
      return InboxTable.offer(connection, message, claimedId, nowMs);
    } catch (SQLException e) {
      close();
      throw e;
    }
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // reopened on the next command
      }
      connection = null;
    }
  }
}
