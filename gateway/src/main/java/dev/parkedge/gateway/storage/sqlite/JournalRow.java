package dev.parkedge.gateway.storage.sqlite;

import java.time.Instant;
import java.util.Objects;

/**
 * One committed journal entry as stored.
 *
 * @param seq its gap-free sequence number, from 1
 * @param at when it happened, to the millisecond (the store keeps epoch milliseconds)
 * @param body the entry's body as JSON object text
 */
public record JournalRow(
    long seq, String type, String subject, Instant at, boolean clockTrusted, String body) {
  public JournalRow {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(body, "body");
  }
}
