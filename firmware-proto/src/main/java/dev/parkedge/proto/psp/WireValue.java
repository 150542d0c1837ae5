package dev.parkedge.proto.psp;

import java.util.Locale;

/** An enumerated payload field: a wire code and a lowercase JSON name. */
public interface WireValue {

  /** The byte on the wire. */
  int code();

  /** The lowercase name used in the JSON form. */
  default String jsonName() {
    return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
  }

  /** The value with this code among {@code values}, or null. Allocation-free. */
  static <E extends Enum<E> & WireValue> E byCode(E[] values, int code) {
    for (E value : values) {
      if (value.code() == code) {
        return value;
      }
    }
    return null;
  }

  /** The value with this JSON name among {@code values}, or null. */
  static <E extends Enum<E> & WireValue> E byJsonName(E[] values, String name) {
    for (E value : values) {
      if (value.jsonName().equals(name)) {
        return value;
      }
    }
    return null;
  }
}
