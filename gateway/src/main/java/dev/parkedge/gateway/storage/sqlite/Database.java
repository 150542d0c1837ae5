package dev.parkedge.gateway.storage.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/** Opening and checking the database file: the checks that run before anything is written. */
final class Database {
  static final int APPLICATION_ID = 0x50454447; // 'PEDG'
  static final int BUSY_TIMEOUT_MS = 5_000;

  /**
   * Page cache per connection, in KiB (SQLite's default is 2,000 KiB each). The writer appends to
   * the journal's last pages and the reader reads at start and on request, so a small cache costs
   * neither; the daemon's resident memory is budgeted (see the README's daemon benchmark).
   */
  static final int WRITER_CACHE_KIB = 512;

  static final int READER_CACHE_KIB = 256;
  private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private Database() {}

  /** Creates the folder, and refuses a file that is not SQLite or cannot be written. */
  static void preflight(Path file) throws StorageException {
    Path folder = file.getParent();
    try {
      Files.createDirectories(folder);
    } catch (FileSystemException e) {
      throw new StorageException(
          Diagnosis.readOnly(file, "cannot create the folder " + folder + ": " + e.getMessage()),
          e);
    } catch (IOException e) {
      throw new StorageException("cannot create the folder " + folder + ": " + e.getMessage(), e);
    }
    if (Files.isDirectory(file)) {
      throw new StorageException(file + " is a folder, not a database file; use a file path");
    }
    if (Files.exists(file)) {
      checkHeader(file);
      if (!Files.isWritable(file)) {
        throw new StorageException(Diagnosis.readOnly(file, "the file is read-only"));
      }
    }
    if (!Files.isWritable(folder)) {
      throw new StorageException(
          Diagnosis.readOnly(file, "the folder " + folder + " is read-only"));
    }
  }

  private static void checkHeader(Path file) throws StorageException {
    byte[] start;
    try (InputStream in = Files.newInputStream(file)) {
      start = in.readNBytes(HEADER.length);
    } catch (IOException e) {
      throw new StorageException(
          Diagnosis.readOnly(file, "cannot read the file: " + e.getMessage()), e);
    }
    if (start.length == 0) {
      return; // an empty file is an empty database to SQLite
    }
    if (!Arrays.equals(start, HEADER)) {
      throw new StorageException(
          Diagnosis.notSqlite(file, "file header is not \"SQLite format 3\""));
    }
  }

  /**
   * The one connection that writes: WAL, synchronous=NORMAL (the writer raises it to FULL for
   * commits that carry an appendDurably), foreign keys, busy timeout.
   */
  static Connection openWriter(Path file) throws StorageException {
    Connection connection = connect(file, new Properties());
    try {
      pragma(connection, "PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
      pragma(connection, "PRAGMA cache_size = -" + WRITER_CACHE_KIB);
      pragma(connection, "PRAGMA page_size = 4096"); // only takes effect on a new file
      String mode = query(connection, "PRAGMA journal_mode = WAL").get(0);
      if (!"wal".equalsIgnoreCase(mode)) {
        throw new StorageException(
            file
                + ": SQLite refused WAL mode (journal_mode is "
                + mode
                + "); "
                + Diagnosis.RESTORE);
      }
      pragma(connection, "PRAGMA synchronous = NORMAL");
      pragma(connection, "PRAGMA foreign_keys = ON");
      pragma(connection, "PRAGMA wal_autocheckpoint = 1000");
      pragma(connection, "PRAGMA journal_size_limit = 16777216");
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection);
      throw Diagnosis.refusal(file, "opening it", e);
    } catch (StorageException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  /** A read-only connection; WAL lets it read while the writer commits. */
  static Connection openReader(Path file) throws StorageException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setCacheSize(-READER_CACHE_KIB);
    return connect(file, config.toProperties());
  }

  private static Connection connect(Path file, Properties properties) throws StorageException {
    try {
      return DriverManager.getConnection("jdbc:sqlite:" + file, properties);
    } catch (SQLException e) {
      throw Diagnosis.refusal(file, "opening it", e);
    }
  }

  /**
   * Refuses a database that fails SQLite's integrity_check, or that belongs to another application.
   * integrity_check, not quick_check: the schema has no secondary index, so both read every page
   * and cost the same (measured: about 120 ms each on a 100 MB file, see the README).
   */
  static void check(Connection connection, Path file) throws StorageException {
    List<String> problems;
    int applicationId;
    try {
      problems = query(connection, "PRAGMA integrity_check(20)");
      applicationId = Integer.parseInt(query(connection, "PRAGMA application_id").get(0));
    } catch (SQLException e) {
      throw Diagnosis.refusal(file, "checking its integrity", e);
    }
    if (!problems.equals(List.of("ok"))) {
      throw new StorageException(Diagnosis.corrupt(file, String.join("; ", problems)));
    }
    if (applicationId != 0 && applicationId != APPLICATION_ID) {
      throw new StorageException(
          file
              + " is an SQLite database of another application (application_id "
              + applicationId
              + "), not ParkEdge's; point parkedge at its own database file");
    }
  }

  static void pragma(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.execute();
    }
  }

  /** The first column of every row. */
  static List<String> query(Connection connection, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  static long maxSeq(Connection connection) throws SQLException {
    try (PreparedStatement statement =
            connection.prepareStatement("SELECT coalesce(max(seq), 0) FROM journal");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing after a failure; the failure is what gets reported
    }
  }
}
