package dev.parkedge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void summarises_both_files_when_they_are_valid() throws IOException {
    Path gateway = example("gateway.yaml");
    example("site.yaml");

    int status = run("check", "-c", gateway.toString());

    assertThat(status).isZero();
    assertThat(out.toString())
        .isEqualTo(
            "gateway.yaml OK: 1 serial bus (bus1 /dev/ttyUSB0 psp), data in "
                + dir.toAbsolutePath().normalize().resolve("var")
                + "\n"
                + "site.yaml OK: site hq \"HQ Garage\", 1 level, 1 zone, 2 spaces, 1 sign\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void prints_every_problem_on_its_own_line_and_exits_2() throws IOException {
    Path gateway = example("gateway.yaml");
    Files.writeString(
        dir.resolve("site.yaml"),
        """
        site: { id: hq, name: HQ, timezone: Europe/Berlin, currency: EUR }
        levels:
          - id: L1
            zones:
              - id: L1-A
                spaces:
                  - { id: A-001, sensor: 70b3 }
                  - { id: A-001, kinds: [vip] }
        """);

    int status = run("check", "--config", gateway.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "site.yaml:7: levels[0].zones[0].spaces[0].sensor: \"70b3\" is not a device EUI"
                + " (expected 16 hex digits)\n"
                + "site.yaml:8: levels[0].zones[0].spaces[1].id: duplicate space id \"A-001\""
                + " (also at line 7)\n"
                + "site.yaml:8: levels[0].zones[0].spaces[1].kinds[0]: unknown kind \"vip\""
                + " (known: standard, ev, accessible, compact, motorcycle, reserved_only, family,"
                + " large_vehicle)\n");
    assertThat(out.toString()).startsWith("gateway.yaml OK: ").doesNotContain("site.yaml OK");
  }

  @Test
  void names_a_missing_config_file_and_exits_2() {
    Path missing = dir.resolve("nowhere.yaml");

    int status = run("check", "-c", missing.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("nowhere.yaml: file not found: " + missing.toAbsolutePath() + "\n");
    assertThat(out.toString()).isEmpty();
  }

  private Path example(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/examples/" + name)) {
      Path target = dir.resolve(name);
      Files.copy(in, target);
      return target;
    }
  }

  private int run(String... args) {
    var cli = ParkEdgeCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }
}
