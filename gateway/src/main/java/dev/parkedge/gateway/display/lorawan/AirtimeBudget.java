package dev.parkedge.gateway.display.lorawan;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Radio time spent in a sliding window, against a budget. A transmission counts in full from the
 * instant it is handed over, for one window. Spending only what {@link #fits} keeps the airtime of
 * every window of that length within the budget: the sends of any window all lie in the window that
 * ends at its last send, which was checked when that send was made.
 *
 * <p>Not thread-safe: owned by one {@link DownlinkScheduler}.
 */
public final class AirtimeBudget {

  /**
   * How much of the budget is in use, for status.
   *
   * @param used airtime of the downlinks sent in the last {@code window}
   * @param budget what may be used per window
   * @param window the length of the sliding window
   * @param queued displays waiting for a downlink (their interval, or the budget)
   * @param sent downlinks handed to the network server so far
   * @param deferred states held back at least once because the budget (or its reserve for count
   *     signs) was spent
   * @param coalesced states never sent because a newer one replaced them or the display already
   *     showed them
   */
  public record Use(
      Duration used,
      Duration budget,
      Duration window,
      int queued,
      long sent,
      long deferred,
      long coalesced) {
    public Use {
      Objects.requireNonNull(used, "used");
      Objects.requireNonNull(budget, "budget");
      Objects.requireNonNull(window, "window");
    }

    /** The airtime still free in the current window. */
    public Duration left() {
      return budget.compareTo(used) > 0 ? budget.minus(used) : Duration.ZERO;
    }
  }

  private record Spent(long atNanos, long airtimeNanos) {}

  private final long budgetNanos;
  private final long windowNanos;
  private final ArrayDeque<Spent> spent = new ArrayDeque<>();
  private long usedNanos;

  AirtimeBudget(Duration budget, Duration window) {
    if (budget.isNegative() || budget.isZero() || budget.compareTo(window) > 0) {
      throw new IllegalArgumentException(
          "an airtime budget must be more than 0 and at most its window, got "
              + budget
              + " per "
              + window);
    }
    this.budgetNanos = budget.toNanos();
    this.windowNanos = window.toNanos();
  }

  long budgetNanos() {
    return budgetNanos;
  }

  long windowNanos() {
    return windowNanos;
  }

  /** Airtime spent in the window that ends at {@code now}. */
  long usedNanos(long now) {
    forgetBefore(now);
    return usedNanos;
  }

  /**
   * Whether {@code airtimeNanos} more fits in the window now and still leaves {@code keepNanos}.
   */
  boolean fits(long now, long airtimeNanos, long keepNanos) {
    return usedNanos(now) + airtimeNanos + keepNanos <= budgetNanos;
  }

  void spend(long now, long airtimeNanos) {
    forgetBefore(now);
    spent.addLast(new Spent(now, airtimeNanos));
    usedNanos += airtimeNanos;
  }

  /**
   * How long until the oldest transmission in the window leaves it and frees its airtime, or {@link
   * Long#MAX_VALUE} when the window is empty (nothing more will be freed).
   */
  long nanosUntilRelease(long now) {
    forgetBefore(now);
    Spent oldest = spent.peekFirst();
    return oldest == null ? Long.MAX_VALUE : oldest.atNanos() + windowNanos - now;
  }

  private void forgetBefore(long now) {
    while (!spent.isEmpty() && now - spent.peekFirst().atNanos() >= windowNanos) {
      usedNanos -= spent.removeFirst().airtimeNanos();
    }
  }
}
