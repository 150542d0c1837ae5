package dev.parkedge.gateway.storage.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The rows a prepared statement has batched in the writer's transaction, executed every {@link
 * #ROWS} rows rather than all at once at the end.
 *
 * <p>sqlite-jdbc keeps a statement's batch array as large as the largest batch it ever held: its
 * {@code executeBatch} and {@code clearBatch} empty the array but do not shrink it. One commit of
 * the 20,000 journal entries a flood leaves pending held 1.4 MB of arrays for the daemon's
 * lifetime. Executed every 256 rows, inside the same transaction, the arrays stay at 256 rows.
 */
final class ChunkedBatch {

  static final int ROWS = 256;

  private final PreparedStatement statement;
  private int pending;

  ChunkedBatch(PreparedStatement statement) {
    this.statement = statement;
  }

  /** Adds the statement's current parameters as a row; executes the batch when it is full. */
  void add() throws SQLException {
    statement.addBatch();
    if (++pending == ROWS) {
      execute();
    }
  }

  /** Executes the rows not yet executed, if any. */
  void execute() throws SQLException {
    if (pending > 0) {
      pending = 0;
      statement.executeBatch();
    }
  }

  /** Forgets the rows not yet executed (the transaction is being rolled back). */
  void clear() throws SQLException {
    pending = 0;
    statement.clearBatch();
  }
}
