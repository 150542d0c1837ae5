package dev.parkedge.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.config.OperationsConfig;
import dev.parkedge.gateway.storage.sqlite.SqliteStore;
import dev.parkedge.gateway.testing.FakeTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupsIT {
  @TempDir Path dir;

  private final FakeTime time = new FakeTime();

  @Test
  void takes_a_backup_when_due_and_keeps_the_newest_few() throws Exception {
    Path database = dir.resolve("parkedge.db");
    SqliteStore.open(database, time, Duration.ofMillis(50)).close();
    Backups backups =
        new Backups(database, new OperationsConfig.Backups(true, Duration.ofDays(1), 2), time);

    for (int day = 0; day < 4; day++) {
      assertThat(backups.backUpIfDue()).isPresent();
      assertThat(backups.backUpIfDue()).as("not due again the same day").isEmpty();
      time.advance(Duration.ofDays(1));
    }

    assertThat(names()).hasSize(2).allMatch(name -> name.startsWith("auto-"));
    assertThat(backups.newest()).isPresent();
  }

  private java.util.List<String> names() throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("backups"))) {
      return files.map(f -> f.getFileName().toString()).toList();
    }
  }
}
