package dev.parkedge.gateway.sensing;

import dev.parkedge.gateway.config.SensingConfig;
import dev.parkedge.gateway.devices.DeviceRegistry;
import dev.parkedge.gateway.devices.Heard;
import dev.parkedge.gateway.journal.ChangedPass;
import dev.parkedge.gateway.journal.Journal;
import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.lot.Space;
import dev.parkedge.gateway.lot.SpaceTable;
import dev.parkedge.proto.psp.Eui64;
import dev.parkedge.proto.psp.FrameError;
import dev.parkedge.proto.psp.PspMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns sensor frames into space states. Every frame goes through named steps: identify (unwrap
 * radio envelopes), drop duplicates, record device health, debounce, apply to the space, journal,
 * and tell the displays. Owned by the domain thread: no locks, and it never blocks on I/O.
 */
public final class SensingService {

  private static final Logger log = LoggerFactory.getLogger(SensingService.class);

  /**
   * Wall and monotonic time drift apart by a little (NTP slews by up to 0.5 ms/s); beyond this, the
   * wall clock was set (runtime's ClockWatch reports jumps beyond it).
   */
  public static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(2);

  private final SensingConfig config;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final BooleanSupplier clockTrusted;
  private final Journal journal;
  private final SpaceStateStore store;
  private final DeviceRegistry devices;
  private final SpaceListener listener;
  private final SensingCounters counters = new SensingCounters();

  /** In site-file order, by space id. A sensor's space is the registry's to say. */
  private SpaceTable<SpaceCell> cells = SpaceTable.empty();

  /** Changed spaces a reload removed before the store was handed them. */
  private final List<SpaceRecord> removedChanged = new ArrayList<>();

  /** The snapshot's pass over the cells ({@link #snapshotSlice}). */
  private final ChangedPass snapshotPass = new ChangedPass();

  /** Whether the pass under way handed any space over yet. */
  private boolean handedInPass;

  private SiteLayout layout;

  public SensingService(
      SensingConfig config,
      Clock clock,
      LongSupplier nanoTime,
      BooleanSupplier clockTrusted,
      Journal journal,
      SpaceStateStore store,
      DeviceRegistry devices,
      SpaceListener listener) {
    this.config = config;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.clockTrusted = clockTrusted;
    this.journal = journal;
    this.store = store;
    this.devices = devices;
    this.listener = listener;
  }

  /** Starts with a layout and the states saved before the last stop. */
  public void start(SiteLayout layout, Map<String, SpaceRecord> saved) {
    long now = nanoTime.getAsLong();
    Instant started = clock.instant(); // one moment, shared by every space not restored
    List<SpaceCell> inOrder = new ArrayList<>();
    for (Space space : layout.spaces()) {
      SpaceCell cell = new SpaceCell(space, started, now);
      SpaceRecord record = saved.get(space.id());
      if (record != null) {
        cell.sensed = record.sensed();
        cell.maintenance = record.maintenance();
        cell.shown = record.state();
        cell.since = record.since();
        // a since after now (the clock went back while the gateway was down) counts as now
        Duration shownFor = Duration.between(record.since(), clock.instant());
        cell.sinceNanos = now - (shownFor.isNegative() ? 0 : shownFor.toNanos());
        cell.sensorFrameCounter = record.sensorFrameCounter();
      }
      inOrder.add(cell);
    }
    cells = table(inOrder);
    this.layout = layout;
    devices.configure(layout);
    for (SpaceCell cell : cells.inOrder()) {
      if (cell.sensorFrameCounter != null && cell.space.sensor() != null) {
        devices.restoreFrameCounter(
            cell.space.sensor().eui(), cell.space.sensor().bus(), cell.sensorFrameCounter);
      }
    }
    listener.layoutApplied(layout, shownStates());
  }

  private Map<String, SpaceState> shownStates() {
    Map<String, SpaceState> states = new HashMap<>();
    cells.inOrder().forEach(cell -> states.put(cell.space.id(), cell.shown));
    return states;
  }

  private static SpaceTable<SpaceCell> table(List<SpaceCell> inOrder) {
    return SpaceTable.of(inOrder, cell -> cell.space.id());
  }

  // ---- the frame pipeline -------------------------------------------------------------------

  /** A decoded packet from a bus. */
  public void onMessage(String bus, PspMessage message, long receivedNanos) {
    onHeard(Heard.of(bus, message, receivedNanos));
  }

  /**
   * A report already unwrapped by its transport (a LoRaWAN uplink through a network server). Its
   * frame counter goes with the space's state into the journal, so that a redelivery after a
   * restart is recognised.
   */
  public void onHeard(Heard heard) {
    counters.frame(heard.bus());
    switch (devices.hear(heard)) {
      case DUPLICATE -> counters.duplicates++;
      case NEW_ORPHAN -> journalOrphan(heard);
      case ORPHAN -> counters.orphanFrames++;
      case ACCEPTED -> applyToSpace(heard);
    }
  }

  /** A LoRaWAN device joined (again): its frame counter restarts. */
  public void onJoined(long eui, String bus) {
    devices.joined(eui, bus);
  }

  /** A frame a bus rejected. */
  public void onRejected(String bus, FrameError error, String detail) {
    counters.rejected(bus, error);
    log.debug("sensing {}: rejected frame: {}: {}", bus, error.code(), detail);
  }

  private void applyToSpace(Heard heard) {
    String spaceId = devices.spaceOfSensor(heard.device());
    SpaceCell cell = spaceId == null ? null : cells.get(spaceId);
    if (cell == null) {
      return; // an indicator's ack, a bridge, a lane device: health only
    }
    cell.lastHeardNanos = heard.receivedNanos();
    cell.heardSinceStart = true;
    if (heard.frameCounter() != null) {
      cell.sensorFrameCounter = heard.frameCounter();
    }
    if (heard.message() instanceof PspMessage.Occupancy occupancy) {
      debounce(cell, sensed(occupancy), heard.receivedNanos());
    }
  }

  private static SpaceState sensed(PspMessage.Occupancy occupancy) {
    return switch (occupancy.state()) {
      case FREE -> SpaceState.FREE;
      case OCCUPIED -> SpaceState.OCCUPIED;
      case FAULT -> SpaceState.UNKNOWN;
    };
  }

  private void debounce(SpaceCell cell, SpaceState reported, long nowNanos) {
    if (reported == cell.sensed) {
      cell.pending = null;
      return;
    }
    boolean immediate = config.debounce().isZero() || reported == SpaceState.UNKNOWN;
    if (immediate) {
      cell.pending = null;
      sense(cell, reported, reported == SpaceState.UNKNOWN ? "fault" : "sensor", nowNanos);
    } else if (cell.pending != reported) {
      cell.pending = reported;
      cell.pendingSinceNanos = nowNanos;
    } else if (nowNanos - cell.pendingSinceNanos >= config.debounce().toNanos()) {
      cell.pending = null;
      sense(cell, reported, "sensor", nowNanos);
    }
  }

  private void sense(SpaceCell cell, SpaceState sensed, String cause, long nowNanos) {
    SpaceState before = cell.sensed;
    cell.sensed = sensed;
    if (cell.space.sensor() != null && isFlap(before, cause)) {
      devices.stateChanged(cell.space.sensor().eui(), nowNanos);
    }
    show(cell, cause);
  }

  /**
   * Whether a sensed change counts toward the sensor's "flapping: N state changes in the last
   * hour": a change between two states the sensor reported (free, occupied, or a fault, which is
   * sensed unknown). A change from unknown is not one: a first reading (a sensor that reported once
   * has not flapped), the first after the space went stale or its sensor was re-paired, or the
   * recovery from a fault, whose start already counted (so a sensor toggling between a fault and
   * free counts once a cycle, as before). Counting every first reading also gave each of a site's
   * sensors its flap buckets (64 bytes) at its first frame.
   */
  private static boolean isFlap(SpaceState before, String cause) {
    return before != SpaceState.UNKNOWN && ("sensor".equals(cause) || "fault".equals(cause));
  }

  /**
   * Marks the space changed (for the next hand-over to the store), then journals and announces its
   * new shown state, if it changed.
   */
  private void show(SpaceCell cell, String cause) {
    SpaceState from = cell.shown;
    boolean changed = reshow(cell);
    cell.changed = true; // before journaling: the next snapshot covering the entry holds the save
    if (changed) {
      announce(cell, from, cause);
    }
  }

  /** Sets the shown state from the sensed state and maintenance; true if it changed. */
  private boolean reshow(SpaceCell cell) {
    SpaceState to = cell.derived();
    if (to == cell.shown) {
      return false;
    }
    cell.shown = to;
    cell.since = clock.instant();
    cell.sinceNanos = nanoTime.getAsLong();
    return true;
  }

  private void announce(SpaceCell cell, SpaceState from, String cause) {
    counters.stateChanges++;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", from.jsonName());
    body.put("to", cell.shown.jsonName());
    body.put("cause", cause);
    body.put(
        "sensor", cell.space.sensor() == null ? null : Eui64.format(cell.space.sensor().eui()));
    putRecord(body, cell);
    journal.append(new JournalEntry("space.state", cell.space.id(), cell.since, trusted(), body));
    listener.spaceChanged(cell.space.id(), from, cell.shown);
  }

  /**
   * The whole record, in every space entry, so the journal alone restores a space (see
   * gateway/JOURNAL.md): {@code to} (the shown state), {@code sensed}, {@code maintenance}; {@code
   * since} is the entry's time.
   */
  private static void putRecord(Map<String, Object> body, SpaceCell cell) {
    body.put("to", cell.shown.jsonName());
    body.put("sensed", cell.sensed.jsonName());
    body.put("maintenance", cell.maintenance);
    if (cell.sensorFrameCounter != null) {
      body.put("fcnt", cell.sensorFrameCounter);
    }
  }

  private void journalOrphan(Heard heard) {
    counters.orphanFrames++;
    String eui = Eui64.format(heard.device());
    log.info(
        "sensing {}: orphan device {} heard; pair it to a space in site.yaml", heard.bus(), eui);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("bus", heard.bus());
    body.put("type", heard.message().type().jsonName());
    journal.append(new JournalEntry("device.orphan", eui, clock.instant(), trusted(), body));
  }

  // ---- time-driven steps --------------------------------------------------------------------

  /** Completes debounces that held long enough and marks silent sensors' spaces unknown. */
  public void tick() {
    long now = nanoTime.getAsLong();
    long staleNanos = config.staleAfter().toNanos();
    for (SpaceCell cell : cells.inOrder()) {
      if (cell.pending != null && now - cell.pendingSinceNanos >= config.debounce().toNanos()) {
        SpaceState pending = cell.pending;
        cell.pending = null;
        sense(cell, pending, "sensor", now);
      }
      if (cell.sensed != SpaceState.UNKNOWN && now - cell.lastHeardNanos > staleNanos) {
        cell.pending = null;
        sense(cell, SpaceState.UNKNOWN, "stale", now);
      }
    }
    for (var change : devices.assess()) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("from", change.from().verdict().jsonName());
      body.put("to", change.to().verdict().jsonName());
      body.put("reason", change.to().reason());
      journal.append(
          new JournalEntry(
              "device.health", Eui64.format(change.eui()), clock.instant(), trusted(), body));
    }
  }

  // ---- operator requests --------------------------------------------------------------------

  /**
   * Holds a space for a reservation about to start (it shows reserved while free), or releases it.
   * Unknown spaces are ignored (a reservation outliving a reload).
   */
  public void setHeld(String spaceId, boolean held) {
    SpaceCell cell = cells.get(spaceId);
    if (cell == null || cell.held == held) {
      return;
    }
    cell.held = held;
    show(cell, "reservation");
  }

  /**
   * Takes a space out of service or returns it.
   *
   * @throws IllegalArgumentException when no space has this id
   */
  public SpaceSnapshot setMaintenance(String spaceId, boolean on) {
    SpaceCell cell = cells.get(spaceId);
    if (cell == null) {
      throw new IllegalArgumentException("no space \"" + spaceId + "\"");
    }
    if (cell.maintenance != on) {
      cell.maintenance = on;
      SpaceState from = cell.shown;
      boolean changed = reshow(cell);
      cell.changed = true;
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("on", on);
      putRecord(body, cell);
      Instant at = changed ? cell.since : clock.instant();
      journal.append(new JournalEntry("space.maintenance", spaceId, at, trusted(), body));
      if (changed) {
        announce(cell, from, "maintenance");
      }
    }
    return snapshot(cell);
  }

  /**
   * Applies a new layout as a diff: spaces kept by id keep their state (a re-paired sensor starts
   * unknown), new spaces start unknown, removed spaces leave the live view (their history stays in
   * the database).
   */
  public void applyLayout(SiteLayout next, List<String> changes) {
    long now = nanoTime.getAsLong();
    Map<String, Space> nextById = next.spacesById();
    for (SpaceCell cell : cells.inOrder()) {
      if (cell.changed && !nextById.containsKey(cell.space.id())) {
        removedChanged.add(cell.record()); // its journaled change must not outrun its save
      }
    }
    List<SpaceCell> kept = new ArrayList<>();
    for (Space space : next.spaces()) {
      SpaceCell cell = cells.get(space.id());
      if (cell == null) {
        cell = new SpaceCell(space, clock.instant(), now);
      } else if (!sameSensor(cell.space, space)) {
        cell.space = space;
        cell.lastHeardNanos = now;
        cell.pending = null;
        sense(cell, SpaceState.UNKNOWN, "layout", now);
      }
      cell.space = space;
      kept.add(cell);
    }
    cells = table(kept);
    layout = next;
    devices.configure(next);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("changes", List.copyOf(changes));
    journal.append(
        new JournalEntry("layout.applied", next.site().id(), clock.instant(), trusted(), body));
    listener.layoutApplied(next, shownStates());
  }

  /**
   * Hands every space changed since it was last handed over to the store at once, as one snapshot
   * covering every entry journaled before (SpaceStateStore.snapshotSpaces); ends any pass. At stop,
   * on the domain thread.
   */
  public void snapshotSpaces() {
    snapshotPass.end();
    snapshot(false);
  }

  /**
   * The snapshot of every space changed since it was last handed over; when none has, one anyway if
   * {@code evenIfQuiet} (a pass's slices handed some over, and the seq that covers their changes is
   * worth recording), else none (a quiet site writes no snapshot).
   */
  private void snapshot(boolean evenIfQuiet) {
    handedInPass = false;
    List<SpaceRecord> changed = new ArrayList<>(removedChanged);
    removedChanged.clear();
    changed.addAll(ChangedPass.all(cells.inOrder(), SpaceCell::takeChange));
    if (!changed.isEmpty() || evenIfQuiet) {
      store.snapshotSpaces(changed);
    }
  }

  /**
   * Starts a snapshot pass that {@link #snapshotSlice} carries out a slice at a time (once per
   * snapshot interval, on the domain thread); restarts a pass still under way.
   */
  public void startSnapshot() {
    snapshotPass.start();
    handedInPass = false;
  }

  /**
   * The next slice of the snapshot pass: up to {@code max} changed spaces to the store's next
   * commit (SpaceStateStore.saveSpaces). Once the pass has been through every space, hands over
   * those changed since their slice, and any a reload moved past it, as the snapshot covering every
   * entry journaled before ({@link #snapshotSpaces}), which ends the pass. Returns whether the pass
   * goes on; false between passes.
   *
   * <p>So no more than a slice of records is alive at a time: 5,000 at once (~0.4 MB with the
   * store's map) outlived the 2 MB young generation and could set the old generation's size for
   * good (DESIGN-DECISIONS, "The periodic saves go in slices").
   */
  public boolean snapshotSlice(int max) {
    if (!snapshotPass.underWay()) {
      return false;
    }
    List<SpaceRecord> slice = snapshotPass.next(cells.inOrder(), max, SpaceCell::takeChange);
    if (!slice.isEmpty()) {
      store.saveSpaces(slice);
      handedInPass = true;
    }
    if (snapshotPass.underWay()) {
      return true;
    }
    snapshot(handedInPass);
    return false;
  }

  // ---- queries ------------------------------------------------------------------------------

  public SiteLayout layout() {
    return layout;
  }

  public SpaceState stateOf(String spaceId) {
    SpaceCell cell = cells.get(spaceId);
    return cell == null ? SpaceState.UNKNOWN : cell.shown;
  }

  public Optional<SpaceSnapshot> space(String spaceId) {
    return Optional.ofNullable(cells.get(spaceId)).map(this::snapshot);
  }

  public List<SpaceSnapshot> spaces() {
    List<SpaceSnapshot> all = new ArrayList<>(cells.size());
    cells.inOrder().forEach(cell -> all.add(snapshot(cell)));
    return all;
  }

  public Map<SpaceState, Long> countByState() {
    Map<SpaceState, Long> counts = new EnumMap<>(SpaceState.class);
    for (SpaceState state : SpaceState.values()) {
      counts.put(state, 0L);
    }
    cells.inOrder().forEach(cell -> counts.merge(cell.shown, 1L, Long::sum));
    return counts;
  }

  public SensingCounters counters() {
    return counters;
  }

  private SpaceSnapshot snapshot(SpaceCell cell) {
    Space space = cell.space;
    return new SpaceSnapshot(
        space.id(),
        space.levelId(),
        space.zoneId(),
        cell.shown,
        shownSince(cell),
        space.sensor() == null ? null : space.sensor().eui());
  }

  /**
   * When the shown state began, as the wall clock reads now: the recorded {@code since}, unless the
   * wall clock has jumped since then; then now minus the monotonic time the state has been shown,
   * so that "since" is never after now and "for how long" never counts the jump.
   */
  private Instant shownSince(SpaceCell cell) {
    Instant now = clock.instant();
    Instant byMonotonic = now.minusNanos(nanoTime.getAsLong() - cell.sinceNanos);
    return Duration.between(cell.since, byMonotonic).abs().compareTo(CLOCK_TOLERANCE) > 0
        ? byMonotonic
        : cell.since;
  }

  private static boolean sameSensor(Space a, Space b) {
    return a.sensor() == null ? b.sensor() == null : a.sensor().equals(b.sensor());
  }

  private boolean trusted() {
    return clockTrusted.getAsBoolean();
  }
}
