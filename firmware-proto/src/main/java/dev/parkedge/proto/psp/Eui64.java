package dev.parkedge.proto.psp;

import java.util.HexFormat;
import java.util.Locale;

/** EUI-64 device identifiers (the same space as LoRaWAN DevEUIs), held as a {@code long}. */
public final class Eui64 {

  private Eui64() {}

  /** 16 lowercase hex digits, e.g. {@code 70b3d57ed0001001}. */
  public static String format(long eui) {
    return HexFormat.of().toHexDigits(eui);
  }

  /**
   * Parses 16 hex digits, upper or lower case; dashes or colons between byte pairs are allowed.
   *
   * @throws IllegalArgumentException naming the text when it is not an EUI-64
   */
  public static long parse(String text) {
    String digits = text.replace("-", "").replace(":", "").toLowerCase(Locale.ROOT);
    if (digits.length() != 16 || !digits.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException("device EUI must be 16 hex digits, got \"" + text + "\"");
    }
    return HexFormat.fromHexDigitsToLong(digits);
  }
}
