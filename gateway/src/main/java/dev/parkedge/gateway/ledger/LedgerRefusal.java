package dev.parkedge.gateway.ledger;

/**
 * A movement the ledger refuses (a wallet that does not hold enough, a refund beyond the payment).
 */
public final class LedgerRefusal extends Exception {
  private static final long serialVersionUID = 1L;

  public LedgerRefusal(String reason) {
    super(reason, null, false, false);
  }
}
