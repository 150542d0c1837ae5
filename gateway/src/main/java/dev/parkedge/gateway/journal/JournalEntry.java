package dev.parkedge.gateway.journal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing that happened, as the journal keeps it (the sync-agent ships these to head office).
 *
 * @param type what happened, dotted, e.g. {@code space.state}, {@code device.orphan}
 * @param subject what it happened to: a space id, a device EUI, a sign id
 * @param at wall-clock time it happened
 * @param clockTrusted whether the wall clock was trusted when it happened (synchronised, no jump)
 * @param body the details; values are JSON-compatible (String, Number, Boolean, null, List, Map)
 */
public record JournalEntry(
    String type, String subject, Instant at, boolean clockTrusted, Map<String, Object> body) {
  public JournalEntry {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(at, "at");
    body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
  }
}
