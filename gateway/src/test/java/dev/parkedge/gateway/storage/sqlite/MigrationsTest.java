package dev.parkedge.gateway.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  @Test
  void lists_every_migration_in_the_resource_folder_in_version_order() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted())
          .containsExactlyElementsOf(Migrations.ALL);
    }
    for (int i = 0; i < Migrations.ALL.size(); i++) {
      assertThat(Migrations.version(Migrations.ALL.get(i))).isEqualTo(i + 1);
    }
  }

  @Test
  void splits_a_script_at_semicolons_ending_a_line_and_skips_comments() {
    String script = "-- a comment\nCREATE TABLE a (x INTEGER);\n\nCREATE TABLE b (\n  y TEXT\n);\n";

    assertThat(Migrations.statements(script))
        .containsExactly("CREATE TABLE a (x INTEGER);", "CREATE TABLE b (\n  y TEXT\n);");
  }
}
