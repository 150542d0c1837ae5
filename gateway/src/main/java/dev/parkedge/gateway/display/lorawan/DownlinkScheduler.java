package dev.parkedge.gateway.display.lorawan;

import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.gateway.lot.DeviceAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which display downlinks go out when: the scheduling core of {@link LorawanDisplayDriver},
 * pure and driven by the caller's clock.
 *
 * <ul>
 *   <li><b>Coalesce.</b> A display keeps only its newest wanted state; a state equal to the one it
 *       was last sent is dropped (optionally re-sent after {@code refresh} without a downlink).
 *   <li><b>Pace each display.</b> Two downlinks to one display are at least {@code minInterval}
 *       apart; a change sooner waits for the interval to end.
 *   <li><b>Stay within the airtime budget</b> of every sliding window, with the real time on air of
 *       each downlink ({@link DataRate}).
 *   <li><b>Signs first.</b> Of the downlinks due at once, changed count signs go first, then
 *       changed lights (each kind oldest change first), then refreshes. Only count-sign changes may
 *       use the last {@link #COUNT_RESERVE} of the budget: a sign tells every arriving driver where
 *       to go, a light only the one already in the aisle. Once a downlink is held back by the
 *       budget, nothing behind it goes out in that round, so a light never overtakes a waiting
 *       sign.
 * </ul>
 *
 * <p>Not thread-safe: the driver calls it under its lock.
 */
final class DownlinkScheduler {

  /** The share of the budget that only count signs may use. */
  static final double COUNT_RESERVE = 0.2;

  /**
   * One downlink to hand to the network server.
   *
   * @param payload the FRMPayload, owned by the receiver
   * @param refresh whether this re-sends the state the display was last sent
   */
  record Downlink(
      DeviceAddress display,
      int fPort,
      byte[] payload,
      DisplayState state,
      Duration airtime,
      boolean refresh) {
    long devEui() {
      return display.eui();
    }
  }

  private final DisplayModels models;
  private final int fPort;
  private final DataRate dataRate;
  private final long minIntervalNanos;
  private final long refreshNanos;
  private final AirtimeBudget budget;
  private final long reserveNanos;
  private final Map<DeviceAddress, Slot> slots = new LinkedHashMap<>();
  private long arrivals;
  private long commanded;
  private long coalesced;
  private long sent;
  private long deferred;
  private boolean heldBack;

  DownlinkScheduler(LorawanDisplayConfig config, DisplayModels models) {
    this.models = models;
    this.fPort = config.fPort();
    this.dataRate = config.downlinkDataRate();
    this.minIntervalNanos = config.minInterval().toNanos();
    this.refreshNanos =
        config.refreshes() ? Math.max(config.refresh().toNanos(), minIntervalNanos) : 0;
    this.budget = new AirtimeBudget(config.budget(), config.window());
    this.reserveNanos = Math.round(budget.budgetNanos() * COUNT_RESERVE);
  }

  /** Whether displays at {@code address} are of a model this scheduler can encode for. */
  boolean knows(DeviceAddress address) {
    return address.model() != null && models.byId(address.model()).isPresent();
  }

  /**
   * Records {@code state} as the newest wanted for the display at {@code address}.
   *
   * @throws IllegalArgumentException if the display's model is not a known LoRaWAN display model
   */
  void offer(DeviceAddress address, DisplayState state) {
    Slot slot = slots.get(address);
    if (slot == null) {
      DisplayModel model =
          models
              .byId(address.model())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "display "
                              + address
                              + " has model "
                              + address.model()
                              + ", not a LoRaWAN display model "
                              + models.ids()));
      slot = new Slot(address, model);
      slots.put(address, slot);
    }
    commanded++;
    if (slot.pending != null) {
      coalesced++;
    } else {
      slot.arrival = ++arrivals;
    }
    slot.deferred = false;
    if (state.equals(slot.shown)) {
      slot.pending = null;
      coalesced++;
    } else {
      slot.pending = state;
    }
  }

  /**
   * The downlinks to send now, signs first, each already counted against the budget.
   *
   * @param now monotonic nanoseconds
   */
  List<Downlink> due(long now) {
    List<Slot> candidates = new ArrayList<>();
    for (Slot slot : slots.values()) {
      if (slot.rank(now) >= 0) {
        candidates.add(slot);
      }
    }
    candidates.sort(Comparator.comparingInt((Slot s) -> s.rank).thenComparingLong(s -> s.order));
    List<Downlink> out = new ArrayList<>();
    heldBack = false;
    for (Slot slot : candidates) {
      boolean refresh = slot.pending == null;
      DisplayState state = refresh ? slot.shown : slot.pending;
      int seq = (slot.seq + 1) & 0xFFFF;
      byte[] payload = slot.model.encode(slot.address.eui(), state, seq);
      long airtime =
          dataRate.timeOnAirNanos(DataRate.LORAWAN_OVERHEAD_BYTES + payload.length, false);
      boolean sign = state instanceof DisplayState.Count && !refresh;
      if (heldBack || !budget.fits(now, airtime, sign ? 0 : reserveNanos)) {
        heldBack = true;
        if (!refresh && !slot.deferred) {
          slot.deferred = true;
          deferred++;
        }
        continue;
      }
      budget.spend(now, airtime);
      slot.sent(now, state, seq);
      sent++;
      out.add(
          new Downlink(slot.address, fPort, payload, state, Duration.ofNanos(airtime), refresh));
    }
    return out;
  }

  /**
   * Takes back a downlink that the network server never got: the display's state is unknown again,
   * and its newest state is sent when its interval allows. Its airtime stays spent (it may have
   * partly gone out, and the budget errs on the safe side).
   */
  void unsent(Downlink downlink) {
    Slot slot = slots.get(downlink.display());
    slot.shown = null;
    if (slot.pending == null) {
      slot.pending = downlink.state();
      slot.arrival = ++arrivals;
    }
  }

  /**
   * How long from {@code now} until {@link #due} may have something to send, or {@link
   * Long#MAX_VALUE} when nothing will be due without a new offer. Call after {@link #due}.
   */
  long nanosUntilDue(long now) {
    long wait = Long.MAX_VALUE;
    long release = budget.nanosUntilRelease(now);
    for (Slot slot : slots.values()) {
      long at;
      if (slot.pending != null) {
        at = slot.intervalLeft(now);
        if (at <= 0) {
          at = release; // it was due but the budget held it back
        }
      } else if (refreshNanos > 0 && slot.shown != null) {
        at = Math.max(slot.lastSentNanos + refreshNanos - now, 0);
        if (at == 0) {
          at = release;
        }
      } else {
        continue;
      }
      wait = Math.min(wait, at);
    }
    return wait;
  }

  /** Whether the last {@link #due} held a downlink back for want of airtime. */
  boolean heldBack() {
    return heldBack;
  }

  AirtimeBudget.Use use(long now) {
    return new AirtimeBudget.Use(
        Duration.ofNanos(budget.usedNanos(now)),
        Duration.ofNanos(budget.budgetNanos()),
        Duration.ofNanos(budget.windowNanos()),
        queued(),
        sent,
        deferred,
        coalesced);
  }

  long commanded() {
    return commanded;
  }

  long coalesced() {
    return coalesced;
  }

  long sent() {
    return sent;
  }

  /** Displays with a state waiting to go out. */
  int queued() {
    int queued = 0;
    for (Slot slot : slots.values()) {
      if (slot.pending != null) {
        queued++;
      }
    }
    return queued;
  }

  /** One display: what it was last sent, when, and what it should show next. */
  private final class Slot {
    final DeviceAddress address;
    final DisplayModel model;
    DisplayState shown;
    DisplayState pending;
    boolean everSent;
    long lastSentNanos;
    int seq;
    long arrival;
    int rank;
    long order;
    boolean deferred;

    Slot(DeviceAddress address, DisplayModel model) {
      this.address = address;
      this.model = model;
    }

    /**
     * Sets and returns its place in the queue now (lower goes first), or -1 when nothing is due: 0
     * a changed sign, 1 a changed light, 2 a sign refresh, 3 a light refresh. {@link #order} breaks
     * ties: oldest change first, or longest unrefreshed first.
     */
    int rank(long now) {
      rank = -1;
      if (intervalLeft(now) > 0) {
        return rank;
      }
      if (pending != null) {
        order = arrival;
        rank = pending instanceof DisplayState.Count ? 0 : 1;
      } else if (refreshNanos > 0 && shown != null && now - lastSentNanos >= refreshNanos) {
        order = lastSentNanos - now;
        rank = shown instanceof DisplayState.Count ? 2 : 3;
      }
      return rank;
    }

    long intervalLeft(long now) {
      return everSent ? Math.max(lastSentNanos + minIntervalNanos - now, 0) : 0;
    }

    void sent(long now, DisplayState state, int seq) {
      this.shown = state;
      this.pending = null;
      this.deferred = false;
      this.everSent = true;
      this.lastSentNanos = now;
      this.seq = seq;
    }
  }
}
