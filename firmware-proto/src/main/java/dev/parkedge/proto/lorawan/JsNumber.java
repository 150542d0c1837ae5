package dev.parkedge.proto.lorawan;

/**
 * Numbers typed as a vendor's JavaScript codec prints them. JavaScript has one number type, so a
 * whole result such as 3 V or -10 °C prints without a fraction and is an {@link Integer} here,
 * while 3.344 or 11.5 stays a {@link Double}: {@code parkedge decode} then prints exactly what the
 * vendor's codec does.
 */
public final class JsNumber {

  private JsNumber() {}

  /** The value as an Integer when it is whole and fits, otherwise as a Double. */
  public static Number of(double value) {
    int whole = (int) value;
    if (whole == value) {
      return whole; // not a ?: expression, which would promote the Integer back to double
    }
    return value;
  }
}
