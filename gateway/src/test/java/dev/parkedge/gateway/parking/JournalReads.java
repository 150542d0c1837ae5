package dev.parkedge.gateway.parking;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads journal entries straight from a gateway's SQLite file (committed ones only). */
final class JournalReads {

  private JournalReads() {}

  /** "subject: body" of every entry of a type, in seq order. */
  static List<String> types(Path db, String type) {
    List<String> found = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        PreparedStatement s =
            c.prepareStatement("SELECT subject, body FROM journal WHERE type = ? ORDER BY seq")) {
      s.setString(1, type);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          found.add(rows.getString(1) + ": " + rows.getString(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return found;
  }

  static long count(Path db, String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rows = s.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
