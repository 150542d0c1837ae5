package dev.parkedge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parkedge tariff check} and {@code parkedge tariff quote}: output and exit codes. */
class TariffCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void check_prints_each_example_and_exits_0_when_all_pass() throws IOException {
    Path file = board("gatwick-short-stay.yaml");

    int status = run("tariff", "check", file.toString());

    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("ok    25 minutes: up to 30 mins: 5.00 GBP (short_stay)\n")
        .contains(
            "gatwick-short-stay.yaml OK: tariff lgw-short-stay, 1 product, all 14 examples pass, sha256 ");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void check_exits_1_naming_each_example_that_fails() throws IOException {
    Path file = board("gatwick-short-stay.yaml");
    String yaml = Files.readString(file).replace("amount: \"8.00\" }", "amount: \"7.00\" }");
    Files.writeString(file, yaml);

    int status = run("tariff", "check", file.toString());

    assertThat(status).isEqualTo(1);
    assertThat(out.toString())
        .contains(
            "FAIL  31 minutes is in 31 - 60 mins: 8.00 GBP (short_stay) — expected 7.00 GBP, got 8.00 GBP");
    assertThat(err.toString())
        .contains(
            "gatwick-short-stay.yaml:42: example \"31 minutes is in 31 - 60 mins\" fails: expected 7.00 GBP, got 8.00 GBP\n")
        .contains(
            "gatwick-short-stay.yaml:43: example \"exactly an hour is in 31 - 60 mins\" fails")
        .endsWith("gatwick-short-stay.yaml: 2 of 14 examples fail\n");
  }

  @Test
  void check_exits_2_for_a_file_it_cannot_use() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        "tariff: { id: t, name: T, timezone: Europe/Berlin, currency: EUR }\n"
            + "products:\n  - { id: p, flat: \"1.005\" }\n");

    int status = run("tariff", "check", file.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("bad.yaml:3: products[0].flat: \"1.005\" has more decimals than EUR has (2)\n");
  }

  @Test
  void quote_prints_the_fee_as_json_with_its_trace() throws IOException {
    Path file = board("jacksonville-city-garage.yaml");

    int status =
        run(
            "tariff",
            "quote",
            file.toString(),
            "--entry",
            "2026-05-04T07:30",
            "--exit",
            "2026-05-04T18:45");

    assertThat(status).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("amount_minor").asLong()).isEqualTo(700);
    assertThat(json.get("currency").asText()).isEqualTo("USD");
    assertThat(json.get("product").asText()).isEqualTo("hourly");
    long sum = 0;
    for (JsonNode line : json.get("trace")) {
      sum += line.get("amount_minor").asLong();
    }
    assertThat(sum).isEqualTo(700);
    assertThat(json.get("trace").toString()).contains("cap 7.00 per calendar day");
    assertThat(json.get("entry").asText()).isEqualTo("2026-05-04T07:30-04:00");
    assertThat(json.get("tariff_sha256").asText()).hasSize(64);
  }

  @Test
  void quote_takes_the_class_the_lost_ticket_and_validations() throws IOException {
    Path file = board("jacksonville-city-garage.yaml");

    int status =
        run(
            "tariff",
            "quote",
            file.toString(),
            "--entry",
            "2026-05-04T08:00",
            "--exit",
            "2026-05-04T08:30",
            "--class",
            "car",
            "--lost-ticket");

    assertThat(status).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("amount_minor").asLong()).isEqualTo(700);
    assertThat(json.get("product").asText()).isEqualTo("lost_ticket");
  }

  @Test
  void quote_exits_2_when_the_exit_is_before_the_entry() throws IOException {
    Path file = board("jacksonville-city-garage.yaml");

    int status =
        run(
            "tariff",
            "quote",
            file.toString(),
            "--entry",
            "2026-05-04T10:00",
            "--exit",
            "2026-05-04T09:00");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("quote: --exit 2026-05-04T09:00 is before --entry 2026-05-04T10:00\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void quote_exits_2_for_an_unknown_class() throws IOException {
    Path file = board("jacksonville-city-garage.yaml");

    int status =
        run(
            "tariff",
            "quote",
            file.toString(),
            "--entry",
            "2026-05-04T10:00",
            "--exit",
            "2026-05-04T11:00",
            "--class",
            "bus");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("quote: unknown vehicle class \"bus\" (known: car)\n");
  }

  @Test
  void quote_exits_2_for_an_unknown_validation_and_an_unreadable_time() throws IOException {
    Path file = board("jacksonville-city-garage.yaml");

    int unknown =
        run(
            "tariff",
            "quote",
            file.toString(),
            "--entry",
            "2026-05-04T10:00",
            "--exit",
            "2026-05-04T11:00",
            "--validation",
            "FREE");
    int badTime =
        run(
            "tariff",
            "quote",
            file.toString(),
            "--entry",
            "yesterday",
            "--exit",
            "2026-05-04T11:00");

    assertThat(unknown).isEqualTo(2);
    assertThat(badTime).isEqualTo(2);
    assertThat(err.toString())
        .contains("quote: unknown validation \"FREE\" (known: )\n")
        .contains("quote: --entry \"yesterday\" is not a time");
  }

  @Test
  void quote_exits_2_for_a_bad_file_naming_line_and_key() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        "tariff: { id: t, name: T, timezone: Europe/Berlin, currency: EUR }\n"
            + "products:\n  - id: p\n    table: { lines: [ { every: 0m, each: \"1.00\" } ] }\n");

    int status =
        run(
            "tariff",
            "quote",
            file.toString(),
            "--entry",
            "2026-05-04T10:00",
            "--exit",
            "2026-05-04T11:00");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("bad.yaml:4: products[0].table.lines[0].every: must be at least 1s\n");
  }

  private Path board(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/tariffs/" + name)) {
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
