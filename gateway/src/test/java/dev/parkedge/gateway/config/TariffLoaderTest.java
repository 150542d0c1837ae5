package dev.parkedge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkedge.gateway.billing.Tariff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A tariff file that cannot be used is refused with every problem named by line and key. */
class TariffLoaderTest {

  @TempDir Path dir;

  static final String HEAD = "tariff: { id: t, name: T, timezone: Europe/Berlin, currency: EUR }\n";

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of(
            "an amount with too many decimals",
            HEAD + "products:\n  - id: p\n    flat: \"2.505\"\n",
            "tariff.yaml:4: products[0].flat: \"2.505\" has more decimals than EUR has (2)"),
        Arguments.of(
            "a misspelt key",
            HEAD + "products:\n  - id: p\n    flatt: \"2.50\"\n",
            "tariff.yaml:4: products[0]: unknown key \"flatt\""),
        Arguments.of(
            "an unknown time zone",
            "tariff: { id: t, name: T, timezone: Mars/Olympus, currency: EUR }\n",
            "tariff.yaml:1: tariff.timezone: \"Mars/Olympus\" is not an IANA time zone id"),
        Arguments.of(
            "band lines out of order",
            HEAD
                + "products:\n  - id: p\n    table:\n      lines:\n"
                + "        - { up_to: 1h, total: \"2.00\" }\n"
                + "        - { up_to: 30m, total: \"3.00\" }\n",
            "tariff.yaml:7: products[0].table.lines[1].up_to: must be after the previous line's 1h"),
        Arguments.of(
            "a band that costs less than the one before",
            HEAD
                + "products:\n  - id: p\n    table:\n      lines:\n"
                + "        - { up_to: 1h, total: \"2.00\" }\n"
                + "        - { up_to: 2h, total: \"1.00\" }\n"
                + "        - { every: 1h, each: \"1.00\" }\n",
            "tariff.yaml:7: products[0].table.lines[1].total: is less than the 2.00"),
        Arguments.of(
            "a table with no price beyond it",
            HEAD
                + "products:\n  - id: p\n    table:\n      lines:\n"
                + "        - { up_to: 1h, total: \"2.00\" }\n",
            "tariff.yaml:5: products[0].table: stays longer than 1h have no price"),
        Arguments.of(
            "time bands with a gap",
            HEAD
                + "products:\n  - id: p\n    time_bands:\n"
                + "      - { name: day, from: \"08:00\", to: \"20:00\", every: 1h, each: \"1.00\" }\n"
                + "      - { name: night, from: \"21:00\", to: \"08:00\", every: 1h, each: \"1.00\" }\n",
            "tariff.yaml:4: products[0].time_bands: band day ends at 20:00 but the next band starts"
                + " at 21:00"),
        Arguments.of(
            "a class without an all-hours product",
            HEAD
                + "products:\n  - id: p\n    entry: { from: \"05:00\", to: \"07:00\" }\n"
                + "    flat: \"9.00\"\n",
            "tariff.yaml:2: products: class car has no product without days, entry, exit_by or"
                + " max_stay"),
        Arguments.of(
            "an example with an unknown class",
            HEAD
                + "products:\n  - { id: p, flat: \"1.00\" }\n"
                + "examples:\n"
                + "  - { name: x, entry: 2026-05-04T09:00, exit: 2026-05-04T10:00, class: bus,"
                + " amount: \"1.00\" }\n",
            "tariff.yaml:5: examples[0].class: \"bus\" is not a vehicle class of this tariff"),
        Arguments.of(
            "an example leaving before it enters",
            HEAD
                + "products:\n  - { id: p, flat: \"1.00\" }\n"
                + "examples:\n"
                + "  - { name: x, entry: 2026-05-04T09:00, exit: 2026-05-04T08:00, amount: \"1.00\" }\n",
            "tariff.yaml:5: examples[0].exit: exit is before entry"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void refuses_a_bad_file_naming_line_and_key(String name, String yaml, String problem)
      throws IOException {
    Path file = write(yaml);

    assertThatThrownBy(() -> TariffLoader.read(file))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .anySatisfy(p -> assertThat(p).startsWith(problem)));
  }

  @Test
  void refuses_to_load_a_tariff_whose_examples_fail_naming_each() throws IOException {
    Path file =
        write(
            HEAD
                + "products:\n  - { id: p, table: { lines: [ { every: 1h, each: \"2.00\" } ] } }\n"
                + "examples:\n"
                + "  - { name: one hour, entry: 2026-05-04T09:00, exit: 2026-05-04T10:00,"
                + " amount: \"2.00\" }\n"
                + "  - { name: two hours, entry: 2026-05-04T09:00, exit: 2026-05-04T11:00,"
                + " amount: \"3.00\" }\n");

    assertThatThrownBy(() -> TariffLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tariff.yaml:6: examples: \"two hours\": expected 3.00 EUR, got 4.00 EUR");
  }

  @Test
  void identifies_the_tariff_by_the_hash_of_its_exact_bytes() throws Exception {
    String yaml = HEAD + "products:\n  - { id: p, flat: \"1.00\" }\n";
    Path file = write(yaml);

    Tariff tariff = TariffLoader.load(file);

    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8));
    assertThat(tariff.sha256()).isEqualTo(HexFormat.of().formatHex(digest));
    assertThat(TariffLoader.load(write(yaml + "# a comment\n")).sha256())
        .isNotEqualTo(tariff.sha256());
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("tariff.yaml"), yaml, StandardCharsets.UTF_8);
  }
}
