package dev.parkedge.gateway.ledger;

import java.util.Objects;

/**
 * One side of a movement: an account and the minor units debited or credited to it (exactly one is
 * more than zero).
 */
public record Posting(String account, long debit, long credit) {
  public Posting {
    Objects.requireNonNull(account, "account");
    if (debit < 0 || credit < 0 || (debit == 0) == (credit == 0)) {
      throw new IllegalArgumentException(
          "a posting debits or credits a positive amount, got debit "
              + debit
              + " credit "
              + credit);
    }
  }

  public static Posting debit(String account, long minor) {
    return new Posting(account, minor, 0);
  }

  public static Posting credit(String account, long minor) {
    return new Posting(account, 0, minor);
  }

  /** Debit minus credit: what the posting adds to the account's (debit) balance. */
  public long net() {
    return debit - credit;
  }
}
