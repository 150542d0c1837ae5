package dev.parkedge.sync.agent;

import dev.parkedge.sync.contract.JournalRecord;
import dev.parkedge.sync.contract.JournalTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Copies the gateway's journal into the outbox: through a read-only connection, in short read
 * transactions of at most {@link #PAGE} entries (a WAL reader never blocks the gateway's writer,
 * and a short one does not hold back its checkpoints). Thread {@code sync-journal-tail}.
 */
final class JournalTail implements Runnable {
  static final int PAGE = 5_000;
  private static final Logger log = LoggerFactory.getLogger(JournalTail.class);

  private final Path database;
  private final Outbox outbox;
  private final Runnable onCopied;
  private volatile boolean running = true;
  private Connection connection;
  private String lastProblem;

  JournalTail(Path database, Outbox outbox, Runnable onCopied) {
    this.database = database;
    this.outbox = outbox;
    this.onCopied = onCopied;
  }

  @Override
  public void run() {
    while (running) {
      try {
        int copied = copyOnce();
        if (copied < PAGE) {
          Thread.sleep(copied == 0 ? 100 : 20);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException | RuntimeException e) {
        problem("reading the gateway journal " + database + " failed, retrying: " + e.getMessage());
        closeConnection();
        sleep(1000);
      }
    }
    closeConnection();
  }

  /** Copies at most one page; returns how many entries. */
  int copyOnce() throws SQLException {
    if (connection == null) {
      if (!Files.exists(database)) {
        problem("waiting for the gateway database " + database);
        return 0;
      }
      SQLiteConfig config = new SQLiteConfig();
      config.setReadOnly(true);
      config.setBusyTimeout(5_000);
      connection = DriverManager.getConnection("jdbc:sqlite:" + database, config.toProperties());
      connection.setAutoCommit(false);
    }
    long after = outbox.copied();
    List<JournalRecord> records;
    try {
      records = JournalTable.readAfter(connection, after, PAGE);
      if (records.isEmpty() && JournalTable.head(connection) < after) {
        problem(
            "the gateway journal ends at seq "
                + JournalTable.head(connection)
                + " but "
                + after
                + " were copied: was the gateway database replaced? Nothing is copied until it"
                + " passes "
                + after);
      }
    } finally {
      connection.commit(); // ends the read transaction at once
    }
    if (!records.isEmpty()) {
      if (records.get(0).seq() != after + 1) {
        problem("the gateway journal skips from " + after + " to " + records.get(0).seq());
      }
      outbox.append(records);
      lastProblem = null;
      onCopied.run();
    }
    return records.size();
  }

  private void problem(String text) {
    if (!text.equals(lastProblem)) {
      log.warn("sync: {}", text);
      lastProblem = text;
    }
  }

  private void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // reopened on the next pass
      }
      connection = null;
    }
  }

  void stop() {
    running = false;
  }
}
