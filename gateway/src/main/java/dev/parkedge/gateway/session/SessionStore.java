package dev.parkedge.gateway.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sessions as storage keeps them (a projection of the {@code session.*} journal entries). Reads
 * only; at start and off the domain thread.
 */
public interface SessionStore {

  /** Every open session, for the domain at start. */
  List<Session> loadOpen();

  Optional<Session> findSession(String id);

  /** Sessions that entered in {@code [from, to)} or are still open, newest first, at most limit. */
  List<Session> list(Instant from, Instant to, Session.Status status, int limit);

  /** Sessions that left in {@code [from, to)}, oldest first. */
  List<Session> exitedBetween(Instant from, Instant to);
}
