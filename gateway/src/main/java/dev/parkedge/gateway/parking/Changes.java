package dev.parkedge.gateway.parking;

import dev.parkedge.gateway.journal.JournalEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal entries one request produces, collected while the services decide, then committed
 * together in one transaction before the request is answered or the gate moves.
 */
public final class Changes {

  private final List<JournalEntry> entries = new ArrayList<>();

  public void add(JournalEntry entry) {
    entries.add(entry);
  }

  public List<JournalEntry> entries() {
    return List.copyOf(entries);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }
}
