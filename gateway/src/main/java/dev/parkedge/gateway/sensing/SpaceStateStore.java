package dev.parkedge.gateway.sensing;

import java.util.Map;

/** Where space states persist across restarts. Saves ride in the journal's next group commit. */
public interface SpaceStateStore {

  /** Every saved space, by space id (spaces no longer in the layout included: history stays). */
  Map<String, SpaceRecord> loadSpaces();

  /** Saves a space's state; committed with the journal's next group. Never blocks on I/O. */
  void saveSpace(SpaceRecord record);
}
