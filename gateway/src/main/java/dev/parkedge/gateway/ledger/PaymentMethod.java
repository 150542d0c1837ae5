package dev.parkedge.gateway.ledger;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where money came from (or went back to): the reconciliation report counts per method. */
public enum PaymentMethod {
  /** A pay-on-foot machine in the lot. */
  PAY_STATION,
  /** A self-service kiosk (bookings, payments). */
  KIOSK,
  /** The payment terminal at an exit lane. */
  LANE,
  /** A prepaid wallet held at this site. */
  WALLET,
  /** Paid online; the cloud tells the gateway. */
  CLOUD,
  /** Cash taken by an attendant. */
  CASH;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<PaymentMethod> parse(String text) {
    return Arrays.stream(values()).filter(m -> m.jsonName().equals(text)).findFirst();
  }

  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(PaymentMethod::jsonName).toList());
  }
}
