package dev.parkedge.gateway.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger as storage keeps it (a projection of the {@code ledger.txn} journal entries). Reads
 * only: movements reach storage through the journal. Called off the domain thread.
 */
public interface LedgerStore {

  /** Every account whose balance is not zero. */
  Map<String, Long> loadBalances();

  Optional<LedgerTxn> findTxnByKey(String key);

  Optional<LedgerTxn> findTxn(String txnId);

  /** What refunds of this payment have returned so far. */
  long refunded(String paymentId);

  /** The movements for a session, reservation, violation or wallet, oldest first. */
  List<LedgerTxn> forRef(String ref);

  /** The movements recorded in {@code [from, to)}, oldest first. */
  List<LedgerTxn> between(Instant from, Instant to);
}
