package dev.parkedge.gateway.config;

import dev.parkedge.proto.psp.Eui64;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Converts scalars to typed values, reporting each value that does not convert as a problem at its
 * line and key. Shared by the gateway and site readers and the spreadsheet import.
 */
final class Values {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern EUI = Pattern.compile("[0-9A-Fa-f]{16}");

  private Values() {}

  /** A whole number in {@code min..max}, written in decimal or as hex ({@code 0xFFFF}). */
  static OptionalInt integer(Scalar scalar, int min, int max, Problems problems) {
    String text = scalar.value().strip();
    long value;
    try {
      value =
          text.startsWith("0x") || text.startsWith("0X")
              ? Long.parseLong(text.substring(2), 16)
              : Long.parseLong(text);
    } catch (NumberFormatException e) {
      problems.add(scalar, scalar.quoted() + " is not a whole number");
      return OptionalInt.empty();
    }
    if (value < min || value > max) {
      problems.add(scalar, text + " is out of range " + min + ".." + max);
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) value);
  }

  /** One of {@code allowed}, exactly as written there. */
  static Optional<String> oneOf(Scalar scalar, List<String> allowed, String what, Problems p) {
    if (allowed.contains(scalar.value())) {
      return Optional.of(scalar.value());
    }
    p.add(
        scalar,
        scalar.quoted() + " is not " + what + " (one of " + String.join(", ", allowed) + ")");
    return Optional.empty();
  }

  /** A duration such as {@code 90s}; see {@link Durations}. */
  static Optional<Duration> duration(Scalar scalar, Problems problems) {
    try {
      return Optional.of(Durations.parse(scalar.value()));
    } catch (IllegalArgumentException e) {
      problems.add(scalar, e.getMessage());
      return Optional.empty();
    }
  }

  /** An id of a level, zone, space, sign or bus. */
  static Optional<String> id(Scalar scalar, Problems problems) {
    if (isId(scalar.value())) {
      return Optional.of(scalar.value());
    }
    problems.add(scalar, scalar.quoted() + " is not a valid id " + ID_RULE);
    return Optional.empty();
  }

  static final String ID_RULE =
      "(letters, digits, '.', '_' and '-', starting with a letter or digit)";

  static boolean isId(String text) {
    return ID.matcher(text).matches();
  }

  /** A device EUI-64: 16 hex digits, either case. */
  static Optional<Long> eui(Scalar scalar, Problems problems) {
    if (isEui(scalar.value())) {
      return Optional.of(Eui64.parse(scalar.value()));
    }
    problems.add(scalar, scalar.quoted() + " is not a device EUI (expected 16 hex digits)");
    return Optional.empty();
  }

  static boolean isEui(String text) {
    return EUI.matcher(text).matches();
  }

  static final String TIMEZONE_RULE = "an IANA time zone id (e.g. Europe/Berlin, UTC)";
  static final String CURRENCY_RULE = "an ISO 4217 currency code (e.g. EUR, USD)";

  /** An IANA region id such as {@code Europe/Berlin}, or {@code UTC}; not a bare offset. */
  static Optional<ZoneId> timezone(String text) {
    if (text.contains("/") || text.equals("UTC")) {
      try {
        return Optional.of(ZoneId.of(text));
      } catch (DateTimeException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** A three-letter ISO 4217 code in capitals, such as {@code EUR}. */
  static Optional<Currency> currency(String text) {
    if (text.matches("[A-Z]{3}")) {
      try {
        return Optional.of(Currency.getInstance(text));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
