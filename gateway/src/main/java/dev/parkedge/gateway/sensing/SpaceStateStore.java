package dev.parkedge.gateway.sensing;

import java.util.Collection;
import java.util.Map;

/**
 * Where space states persist across restarts. A store may hold saves for a while (the SQLite store
 * writes a snapshot every few minutes) and restore the rest from the journal's {@code space.state}
 * and {@code space.maintenance} entries, which therefore carry the whole record
 * (gateway/JOURNAL.md).
 */
public interface SpaceStateStore {

  /** Every saved space, by space id (spaces no longer in the layout included: history stays). */
  Map<String, SpaceRecord> loadSpaces();

  /**
   * Saves a space's state. Never blocks on I/O. Call it before journaling the change it records, so
   * that a snapshot covering that entry holds this save.
   */
  void saveSpace(SpaceRecord record);

  /**
   * Saves the spaces that changed since the last call, as one snapshot covering every entry
   * journaled before this call: the caller marks a space changed before journaling its change and
   * hands all of them over at once, instead of a save per change that a store would hold until its
   * next snapshot. Never blocks on I/O. A store without snapshots just saves them.
   */
  default void snapshotSpaces(Collection<SpaceRecord> changed) {
    changed.forEach(this::saveSpace);
  }

  /**
   * Saves these spaces soon, as part of no snapshot: a caller that hands its changed spaces over in
   * slices passes each slice here, then {@link #snapshotSpaces} the spaces changed again since
   * their slice (and any it has not handed over), so that the snapshot covering the entries
   * journaled before that call holds or follows a save of every space they changed. A save written
   * before the snapshot that covers its change is harmless: restore replays the entries after the
   * last snapshot onto the saves, and replaying an entry onto a newer save gives the same record.
   * Never blocks on I/O.
   */
  default void saveSpaces(Collection<SpaceRecord> slice) {
    slice.forEach(this::saveSpace);
  }
}
