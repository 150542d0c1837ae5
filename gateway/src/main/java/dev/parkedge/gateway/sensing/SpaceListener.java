package dev.parkedge.gateway.sensing;

import dev.parkedge.gateway.lot.SiteLayout;
import java.util.Map;

/** Told when a space's shown state changes (the display feature listens). Domain thread. */
public interface SpaceListener {

  void spaceChanged(String spaceId, SpaceState from, SpaceState to);

  /**
   * The layout is (re)applied: every display may have to be recomputed.
   *
   * @param states the shown state of every space in the new layout
   */
  void layoutApplied(SiteLayout layout, Map<String, SpaceState> states);
}
