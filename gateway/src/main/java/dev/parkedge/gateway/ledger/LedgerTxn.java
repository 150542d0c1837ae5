package dev.parkedge.gateway.ledger;

import java.time.Instant;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One movement of money, double entry: its postings' debits equal their credits. Never changed once
 * written; a mistake is put right by another movement (a refund), never by an edit.
 *
 * @param id unique, e.g. {@code T-3KQ9X2M7ZP4A}
 * @param key the idempotency key it was asked with (null for movements the gateway makes itself,
 *     such as a charge at exit)
 * @param fingerprint what was asked, to tell a replay from another request with the same key
 * @param ref the session, reservation or violation the money is for; for a top-up, the wallet
 * @param method how it was paid or refunded; null for a charge
 * @param detail what explains it: a charge's tariff trace and tariff hash, a refund's reason
 */
public record LedgerTxn(
    String id,
    String key,
    String fingerprint,
    Kind kind,
    String ref,
    PaymentMethod method,
    Currency currency,
    long amount,
    List<Posting> postings,
    Instant at,
    Map<String, Object> detail) {

  /** What kind of movement. */
  public enum Kind {
    CHARGE,
    PAYMENT,
    REFUND,
    TOP_UP;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind of(String json) {
      return valueOf(json.toUpperCase(Locale.ROOT));
    }
  }

  public LedgerTxn {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(at, "at");
    postings = List.copyOf(postings);
    detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    long debits = 0;
    long credits = 0;
    for (Posting posting : postings) {
      debits = Math.addExact(debits, posting.debit());
      credits = Math.addExact(credits, posting.credit());
    }
    if (debits != credits || debits != amount || amount <= 0) {
      throw new IllegalArgumentException(
          "movement "
              + id
              + " does not balance: debits "
              + debits
              + ", credits "
              + credits
              + ", amount "
              + amount);
    }
  }
}
