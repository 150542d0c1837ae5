package dev.parkedge.gateway.journal;

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
