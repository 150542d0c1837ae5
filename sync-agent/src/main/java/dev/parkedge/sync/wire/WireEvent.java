package dev.parkedge.sync.wire;

/**
 * One journal entry on the wire. The id is {@code {site}:{seq}}.
 *
 * @param body JSON object text, as the gateway wrote it
 */
public record WireEvent(
    long seq,
    String type,
    String subject,
    long atMs,
    boolean trusted,
    String bootId,
    long monoMs,
    String body) {}
