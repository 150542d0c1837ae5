package dev.parkedge.gateway.cli;

import java.util.HexFormat;

/** Hex text given on the command line: whitespace is ignored, anything else must be hex digits. */
final class HexArgument {

  private HexArgument() {}

  /**
   * The bytes of {@code text}.
   *
   * @param option the option the text came from, named in errors
   * @throws UserError saying where the text stops being hex
   */
  static byte[] parse(String option, String text) {
    String digits = text.replaceAll("\\s+", "");
    for (int i = 0; i < digits.length(); i++) {
      if (!HexFormat.isHexDigit(digits.charAt(i))) {
        throw new UserError(
            option
                + " expects hex digits, got '"
                + digits.charAt(i)
                + "' at position "
                + (i + 1)
                + " of \""
                + digits
                + "\"");
      }
    }
    if (digits.length() % 2 != 0) {
      throw new UserError(
          option + " expects an even number of hex digits (two per byte), got " + digits.length());
    }
    return HexFormat.of().parseHex(digits);
  }
}
