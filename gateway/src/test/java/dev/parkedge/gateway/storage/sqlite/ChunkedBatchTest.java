package dev.parkedge.gateway.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkedBatchTest {

  private Connection connection;
  private PreparedStatement insert;
  private ChunkedBatch rows;

  @BeforeEach
  void openADatabaseInMemory() throws SQLException {
    connection = DriverManager.getConnection("jdbc:sqlite::memory:");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE row (n INTEGER PRIMARY KEY)");
    }
    insert = connection.prepareStatement("INSERT INTO row (n) VALUES (?)");
    rows = new ChunkedBatch(insert);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @ParameterizedTest(name = "{0} rows")
  @ValueSource(ints = {1, ChunkedBatch.ROWS - 1, ChunkedBatch.ROWS, ChunkedBatch.ROWS + 1, 1000})
  void every_row_added_is_written_once_when_the_batch_is_executed(int count) throws SQLException {
    for (int n = 1; n <= count; n++) {
      insert.setInt(1, n);
      rows.add();
    }
    rows.execute();

    assertThat(query("SELECT count(*) FROM row")).isEqualTo(count);
    assertThat(query("SELECT max(n) FROM row")).isEqualTo(count);
  }

  @Test
  void a_full_chunk_is_written_before_the_end_of_the_batch_and_inside_its_transaction()
      throws SQLException {
    connection.setAutoCommit(false);
    for (int n = 1; n <= ChunkedBatch.ROWS + 10; n++) {
      insert.setInt(1, n);
      rows.add();
    }

    assertThat(query("SELECT count(*) FROM row")).isEqualTo(ChunkedBatch.ROWS);

    rows.clear();
    connection.rollback();
    assertThat(query("SELECT count(*) FROM row")).isZero();
  }

  @Test
  void rows_cleared_are_not_written_by_the_next_execute() throws SQLException {
    insert.setInt(1, 1);
    rows.add();
    rows.clear();
    insert.setInt(1, 2);
    rows.add();

    rows.execute();

    assertThat(query("SELECT group_concat(n) FROM row")).isEqualTo(2);
  }

  private int query(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        var result = statement.executeQuery(sql)) {
      result.next();
      return result.getInt(1);
    }
  }
}
