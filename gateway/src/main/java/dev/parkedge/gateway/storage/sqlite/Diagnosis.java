package dev.parkedge.gateway.storage.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Turns what went wrong with the database into words an operator can act on: the refusal messages
 * at open, and the reasons {@code health()} reports while running.
 */
final class Diagnosis {
  static final String RESTORE =
      "move it aside and restore a backup (parkedge backup) or start empty";

  private Diagnosis() {}

  /** The SQLite primary result code of a failure, or -1 when it did not come from SQLite. */
  static int primaryCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException) {
        return ((SQLiteException) t).getResultCode().code & 0xff;
      }
    }
    return -1;
  }

  static boolean isDiskFull(Throwable failure) {
    return primaryCode(failure) == SQLiteErrorCode.SQLITE_FULL.code;
  }

  /** A short reason for {@code health()}, e.g. {@code disk full: …}. */
  static String reason(Path file, Throwable failure) {
    int code = primaryCode(failure);
    if (code == SQLiteErrorCode.SQLITE_FULL.code) {
      return "disk full: "
          + file
          + " cannot grow ("
          + freeSpace(file)
          + "); entries are kept in memory and retried; free space on that disk";
    }
    if (code == SQLiteErrorCode.SQLITE_READONLY.code) {
      return "read-only: " + file + " cannot be written; make it writable by the parkedge user";
    }
    if (code == SQLiteErrorCode.SQLITE_IOERR.code) {
      return "I/O error writing " + file + " (" + failure.getMessage() + "); check the SD card";
    }
    if (code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
      return "database corrupt: " + file + "; stop the daemon, " + RESTORE;
    }
    return "storage error on " + file + ": " + failure.getMessage();
  }

  /** The refusal for a failure while opening, checking or migrating the database. */
  static StorageException refusal(Path file, String doing, SQLException failure) {
    int code = primaryCode(failure);
    String message;
    if (code == SQLiteErrorCode.SQLITE_NOTADB.code) {
      message = notSqlite(file, "SQLite says: " + failure.getMessage());
    } else if (code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
      message = corrupt(file, failure.getMessage());
    } else if (code == SQLiteErrorCode.SQLITE_FULL.code) {
      message =
          file
              + ": disk full while "
              + doing
              + " ("
              + freeSpace(file)
              + "); free space on that disk and start again";
    } else if (code == SQLiteErrorCode.SQLITE_READONLY.code
        || code == SQLiteErrorCode.SQLITE_CANTOPEN.code
        || code == SQLiteErrorCode.SQLITE_PERM.code) {
      message = readOnly(file, "SQLite says: " + failure.getMessage());
    } else if (code == SQLiteErrorCode.SQLITE_BUSY.code) {
      message =
          file
              + " is locked by another process while "
              + doing
              + "; is another parkedge daemon running on it?";
    } else {
      message = file + ": storage error while " + doing + ": " + failure.getMessage();
    }
    return new StorageException(message, failure);
  }

  static String notSqlite(Path file, String detail) {
    return file + " is not an SQLite database (" + detail + "); " + RESTORE;
  }

  static String corrupt(Path file, String detail) {
    return file
        + " is corrupt (integrity check: "
        + detail
        + "); "
        + RESTORE
        + "; keep the damaged file for analysis";
  }

  static String readOnly(Path file, String detail) {
    return file
        + " cannot be written ("
        + detail
        + "); parkedge needs write access to the file and to its folder (for the -wal and -shm"
        + " files next to it): fix the owner or permissions, or remount the disk read-write";
  }

  static String freeSpace(Path file) {
    Path folder = file.toAbsolutePath().getParent();
    try {
      long free = Files.getFileStore(folder).getUsableSpace();
      return String.format(Locale.ROOT, "%d bytes free on %s", free, folder);
    } catch (IOException | RuntimeException e) {
      return "free space on " + folder + " unknown";
    }
  }
}
