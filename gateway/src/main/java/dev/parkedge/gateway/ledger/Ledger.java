package dev.parkedge.gateway.ledger;

import dev.parkedge.gateway.billing.Money;
import dev.parkedge.gateway.journal.Ids;
import dev.parkedge.gateway.journal.JournalEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The payments ledger: every movement double entry, balances derived from the movements (kept here,
 * non-zero ones only, and as a projection in storage). Owned by the domain thread, so a check and
 * the movement it allows (a wallet's balance before a debit) cannot interleave with another
 * request: a wallet can never go below zero, however many debits arrive at once.
 *
 * <p>The ledger only decides and records in memory; the caller journals the movement ({@link
 * #entry}) and answers once it is durable.
 */
public final class Ledger {

  /** The journal entry type of a movement. */
  public static final String ENTRY = "ledger.txn";

  /** How long an idempotency key stays in memory (storage keeps it for good). */
  static final Duration RECENT_KEYS = Duration.ofHours(1);

  private final Currency currency;
  private final Clock clock;
  private final Ids ids;
  private final Map<String, Long> balances = new HashMap<>();
  private final LinkedHashMap<String, LedgerTxn> recentByKey = new LinkedHashMap<>();
  private final Map<String, Long> refundedByPayment = new HashMap<>();

  public Ledger(Currency currency, Clock clock, Ids ids) {
    this.currency = currency;
    this.clock = clock;
    this.ids = ids;
  }

  /** The balances storage holds (non-zero accounts), at start. */
  public void restore(Map<String, Long> nonZero) {
    balances.clear();
    balances.putAll(nonZero);
  }

  public Currency currency() {
    return currency;
  }

  /** Debit minus credit of {@code account}, in minor units. */
  public long balance(String account) {
    return balances.getOrDefault(account, 0L);
  }

  /** What is owed for a session, reservation or violation. */
  public long due(String ref) {
    return balance(Accounts.due(ref));
  }

  /** What a wallet holds for its driver (never negative). */
  public long walletHolds(String walletId) {
    return -balance(Accounts.wallet(walletId));
  }

  /** A movement asked for with this key since the gateway started (recently). */
  public Optional<LedgerTxn> recent(String key) {
    return Optional.ofNullable(recentByKey.get(key));
  }

  /** Charges {@code amount} for {@code ref} to a revenue account. */
  public LedgerTxn charge(String ref, String revenue, long amount, Map<String, Object> detail) {
    return record(
        null,
        null,
        LedgerTxn.Kind.CHARGE,
        ref,
        null,
        amount,
        List.of(Posting.debit(Accounts.due(ref), amount), Posting.credit(revenue, amount)),
        detail);
  }

  /**
   * Records a payment for {@code ref}. A wallet payment must be covered by what the wallet holds.
   *
   * @throws LedgerRefusal when the wallet does not hold enough
   */
  public LedgerTxn pay(
      String key, String fingerprint, String ref, long amount, PaymentMethod method, String wallet)
      throws LedgerRefusal {
    String from = source(method, wallet, amount);
    return record(
        key,
        fingerprint,
        LedgerTxn.Kind.PAYMENT,
        ref,
        method,
        amount,
        List.of(Posting.debit(from, amount), Posting.credit(Accounts.due(ref), amount)),
        wallet == null ? Map.of() : Map.of("wallet", wallet));
  }

  private String source(PaymentMethod method, String wallet, long amount) throws LedgerRefusal {
    if (method != PaymentMethod.WALLET) {
      return Accounts.takings(method);
    }
    long holds = walletHolds(wallet);
    if (holds < amount) {
      throw new LedgerRefusal(
          "wallet "
              + wallet
              + " holds "
              + Money.ofMinor(holds, currency)
              + ", less than "
              + Money.ofMinor(amount, currency));
    }
    return Accounts.wallet(wallet);
  }

  /** Puts money into a wallet. */
  public LedgerTxn topUp(
      String key, String fingerprint, String wallet, long amount, PaymentMethod method) {
    return record(
        key,
        fingerprint,
        LedgerTxn.Kind.TOP_UP,
        wallet,
        method,
        amount,
        List.of(
            Posting.debit(Accounts.takings(method), amount),
            Posting.credit(Accounts.wallet(wallet), amount)),
        Map.of("wallet", wallet));
  }

  /**
   * Gives back money paid by {@code payment}: revenue is debited and the money leaves by the
   * payment's method (back into its wallet, for a wallet payment); what the driver owed stays
   * settled.
   *
   * @param alreadyRefunded what earlier refunds of this payment returned, as storage knows it
   * @throws LedgerRefusal when the payment has less left to refund than {@code amount}
   */
  public LedgerTxn refund(
      String key,
      String fingerprint,
      LedgerTxn payment,
      long alreadyRefunded,
      long amount,
      String revenue,
      String reason)
      throws LedgerRefusal {
    long refunded = refundedByPayment.getOrDefault(payment.id(), alreadyRefunded);
    long left = payment.amount() - refunded;
    if (amount > left) {
      throw new LedgerRefusal(
          "payment "
              + payment.id()
              + " has "
              + Money.ofMinor(left, currency)
              + " left to refund, less than "
              + Money.ofMinor(amount, currency));
    }
    String to =
        payment.method() == PaymentMethod.WALLET
            ? Accounts.wallet(String.valueOf(payment.detail().get("wallet")))
            : Accounts.takings(payment.method());
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("payment", payment.id());
    detail.put("reason", reason);
    if (payment.method() == PaymentMethod.WALLET) {
      detail.put("wallet", payment.detail().get("wallet"));
    }
    LedgerTxn txn =
        record(
            key,
            fingerprint,
            LedgerTxn.Kind.REFUND,
            payment.ref(),
            payment.method(),
            amount,
            List.of(Posting.debit(revenue, amount), Posting.credit(to, amount)),
            detail);
    refundedByPayment.put(payment.id(), refunded + amount);
    return txn;
  }

  private LedgerTxn record(
      String key,
      String fingerprint,
      LedgerTxn.Kind kind,
      String ref,
      PaymentMethod method,
      long amount,
      List<Posting> postings,
      Map<String, Object> detail) {
    LedgerTxn txn =
        new LedgerTxn(
            ids.next("T"),
            key,
            fingerprint,
            kind,
            ref,
            method,
            currency,
            amount,
            postings,
            clock.instant(),
            detail);
    for (Posting posting : txn.postings()) {
      balances.merge(posting.account(), posting.net(), Long::sum);
      if (balances.get(posting.account()) == 0) {
        balances.remove(posting.account());
      }
    }
    if (key != null) {
      recentByKey.put(key, txn);
    }
    return txn;
  }

  /** Forgets idempotency keys older than {@link #RECENT_KEYS} (storage still has them). */
  public void pruneKeys() {
    Instant before = clock.instant().minus(RECENT_KEYS);
    for (Iterator<LedgerTxn> it = recentByKey.values().iterator(); it.hasNext(); ) {
      if (it.next().at().isBefore(before)) {
        it.remove();
      } else {
        break;
      }
    }
  }

  /** The journal entry of a movement; storage projects it into its ledger tables. */
  public static JournalEntry entry(LedgerTxn txn, boolean clockTrusted) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("key", txn.key());
    body.put("fingerprint", txn.fingerprint());
    body.put("kind", txn.kind().jsonName());
    body.put("ref", txn.ref());
    body.put("method", txn.method() == null ? null : txn.method().jsonName());
    body.put("currency", txn.currency().getCurrencyCode());
    body.put("amount", txn.amount());
    List<Map<String, Object>> postings = new ArrayList<>();
    for (Posting posting : txn.postings()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("account", posting.account());
      line.put("debit", posting.debit());
      line.put("credit", posting.credit());
      postings.add(line);
    }
    body.put("postings", postings);
    body.put("detail", txn.detail());
    return new JournalEntry(ENTRY, txn.id(), txn.at(), clockTrusted, body);
  }
}
