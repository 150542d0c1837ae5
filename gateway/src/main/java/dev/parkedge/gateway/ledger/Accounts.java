package dev.parkedge.gateway.ledger;

/**
 * The names of the ledger's accounts. Balances are debit minus credit: a receivable ({@code due:})
 * or takings account is positive, revenue and wallets (money held for drivers) are negative.
 */
public final class Accounts {

  /** What the driver of a session, reservation or violation owes: charges minus payments. */
  public static String due(String ref) {
    return "due:" + ref;
  }

  /** Money received through one payment method. */
  public static String takings(PaymentMethod method) {
    return "takings:" + method.jsonName();
  }

  /** A prepaid wallet: its balance is minus what the driver holds in it. */
  public static String wallet(String walletId) {
    return "wallet:" + walletId;
  }

  public static final String PARKING = "revenue:parking";
  public static final String BOOKINGS = "revenue:bookings";
  public static final String PENALTIES = "revenue:penalties";

  private Accounts() {}
}
