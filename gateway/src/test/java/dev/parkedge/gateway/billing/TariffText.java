package dev.parkedge.gateway.billing;

import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.TariffLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Tariffs written inline in tests, read through the real loader. */
final class TariffText {

  private TariffText() {}

  /** A tariff with the given header fields and body (products, settings, ...). */
  static Tariff of(String zone, String currency, String body) {
    return parse(
        "tariff: { id: t, name: Test, timezone: "
            + zone
            + ", currency: "
            + currency
            + " }\n"
            + body);
  }

  /** A Europe/Berlin EUR tariff with the given body. */
  static Tariff berlin(String body) {
    return of("Europe/Berlin", "EUR", body);
  }

  static Tariff parse(String yaml) {
    try {
      Path file = Files.createTempFile("tariff", ".yaml");
      try {
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return TariffLoader.read(file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ConfigException e) {
      throw new AssertionError("test tariff does not load:\n" + e.getMessage(), e);
    }
  }

  /** A stay from {@code entry} to {@code exit}, local to the tariff unless they carry an offset. */
  static Stay stay(Tariff tariff, String entry, String exit) {
    return Stay.of(at(tariff, entry), at(tariff, exit));
  }

  static Instant at(Tariff tariff, String time) {
    return Stay.parseInstant(time, tariff.zone());
  }

  /** The amount of a quote as text with decimals, e.g. {@code 12.50}. */
  static String amount(Quote quote) {
    return quote.amount().decimal();
  }
}
