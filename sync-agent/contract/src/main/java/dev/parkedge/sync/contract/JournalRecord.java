package dev.parkedge.sync.contract;

import java.util.Objects;

/**
 * One committed journal entry as the sync-agent reads it.
 *
 * @param seq gap-free sequence number, from 1; with the site id it is the event's stable id
 * @param atMs wall-clock time, UTC epoch milliseconds
 * @param clockTrusted whether the wall clock was trusted (synchronised, no recent jump)
 * @param bootId the boot the entry was written in ({@code /proc/sys/kernel/random/boot_id}, or the
 *     gateway process's own id where there is none); empty for entries older than schema version 4
 * @param monoMs the monotonic clock at that moment, milliseconds (CLOCK_MONOTONIC on Linux): with
 *     the boot id and a trusted {@code clock.synced} anchor of the same boot it re-bases an
 *     untrusted {@code atMs}
 * @param body the entry's body, JSON object text
 */
public record JournalRecord(
    long seq,
    String type,
    String subject,
    long atMs,
    boolean clockTrusted,
    String bootId,
    long monoMs,
    String body) {
  public JournalRecord {
    if (seq < 1) {
      throw new IllegalArgumentException("journal seq starts at 1, got " + seq);
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(bootId, "bootId");
    Objects.requireNonNull(body, "body");
  }

  public DataClass dataClass() {
    return DataClass.of(type);
  }

  /** {@code {site}:{seq}}: the event's id, stable across resends. */
  public String eventId(String site) {
    return site + ":" + seq;
  }
}
