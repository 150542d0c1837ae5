package dev.parkedge.gateway.journal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The append-only record of everything that happened, with a gap-free sequence number. State tables
 * are projections of it. Implementations commit in groups on one writer thread.
 */
public interface Journal {

  /**
   * Appends an entry; it is committed with its group within the configured delay (at most a
   * second). Never blocks on I/O.
   */
  void append(JournalEntry entry);

  /**
   * Appends an entry and completes with its sequence number once it is durably committed. For
   * anything that moves money or grants access: answer the request only after this completes.
   */
  CompletableFuture<Long> appendDurably(JournalEntry entry);

  /**
   * Appends entries that belong together (a session closed and its charge, a reservation and its
   * payment) and completes with the seq of the last once all are durably committed, in one
   * transaction: after a crash either all of them are in the journal or none is. Adapters that
   * cannot group (in-memory fakes) may append them one by one.
   */
  default CompletableFuture<Long> appendAllDurably(List<JournalEntry> entries) {
    CompletableFuture<Long> last = CompletableFuture.completedFuture(lastCommittedSeq());
    for (JournalEntry entry : entries) {
      last = appendDurably(entry);
    }
    return last;
  }

  /**
   * Completes, with the highest committed seq, once every entry appended before this call is
   * committed and on stable storage (fsynced). A transport that must acknowledge upstream only what
   * is durable (LoRaWAN uplinks over MQTT) acknowledges when this completes. Never blocks. Fails
   * (at once, or when the commit it waits for fails) while storage cannot commit (disk full): the
   * entries are kept in memory and retried, but nothing can be promised durable.
   */
  CompletableFuture<Long> sync();

  /** The highest sequence number committed so far (0 when empty). */
  long lastCommittedSeq();

  /** Whether storage is working, and if not, why. */
  StorageHealth health();
}
