package dev.parkedge.gateway.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A pass over a domain table in order that hands what changed in it to a store a slice at a time:
 * the spaces for the snapshot, the devices for their saves. Slices keep only a few hundred records
 * alive at a time, where records of a whole site at once outlived the daemon's 2 MB young
 * generation (gateway/DESIGN-DECISIONS.md, "The periodic saves go in slices"). Owned by the domain
 * thread.
 *
 * <p>The pass remembers only a position, so a table replaced during a pass (a reload) may shift an
 * item past it; that item stays marked changed and goes with the next pass, or with whatever sweep
 * the owner makes at the end.
 */
public final class ChangedPass {

  /** Where the pass is in the table, or -1 between passes. */
  private int at = -1;

  /** Starts a pass from the table's first item; restarts one under way. */
  public void start() {
    at = 0;
  }

  /** Ends the pass under way, if any. */
  public void end() {
    at = -1;
  }

  public boolean underWay() {
    return at >= 0;
  }

  /**
   * The records of up to {@code max} changed items from where the pass is, in the table's order;
   * {@code take} gives an item's record and clears its mark, or null when it has not changed. Ends
   * the pass once it has been through the table. Empty between passes.
   */
  public <T, R> List<R> next(List<T> table, int max, Function<T, R> take) {
    if (at < 0) {
      return List.of();
    }
    List<R> slice = new ArrayList<>(Math.min(max, 256));
    while (at < table.size() && slice.size() < max) {
      R record = take.apply(table.get(at++));
      if (record != null) {
        slice.add(record);
      }
    }
    if (at >= table.size()) {
      at = -1;
    }
    return slice;
  }

  /** Every changed item's record at once, outside any pass (at stop). */
  public static <T, R> List<R> all(List<T> table, Function<T, R> take) {
    ChangedPass whole = new ChangedPass();
    whole.start();
    return whole.next(table, Integer.MAX_VALUE, take);
  }
}
