package dev.parkedge.proto.psp;

/** Range checks for message fields; each message names the field and the value it got. */
final class Ranges {

  private Ranges() {}

  static void seq(int seq) {
    u16("seq", seq);
  }

  static void u8(String field, int value) {
    within(field, value, 0, 0xFF);
  }

  static void u16(String field, int value) {
    within(field, value, 0, 0xFFFF);
  }

  static void i8(String field, int value) {
    within(field, value, Byte.MIN_VALUE, Byte.MAX_VALUE);
  }

  static void i16(String field, int value) {
    within(field, value, Short.MIN_VALUE, Short.MAX_VALUE);
  }

  static void notNull(String field, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
  }

  private static void within(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + " must be " + min + ".." + max + ", got " + value);
    }
  }
}
