package dev.parkedge.gateway.runtime;

import dev.parkedge.gateway.api.GatewayControl;
import dev.parkedge.gateway.api.ReloadOutcome;
import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.devices.DeviceRecord;
import dev.parkedge.gateway.devices.DeviceRegistry;
import dev.parkedge.gateway.devices.HealthPolicy;
import dev.parkedge.gateway.devices.Heard;
import dev.parkedge.gateway.display.DisplayService;
import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.gateway.journal.StorageHealth;
import dev.parkedge.gateway.lot.LayoutDiff;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.sensing.FrameSink;
import dev.parkedge.gateway.sensing.FrameSource;
import dev.parkedge.gateway.sensing.SensingService;
import dev.parkedge.gateway.storage.sqlite.SqliteStore;
import dev.parkedge.proto.psp.FrameError;
import dev.parkedge.proto.psp.PspMessage;
import dev.parkedge.sync.contract.ClockSync;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: wires the domain (sensing, devices, displays) to its adapters, runs it on
 * the domain thread, and stops it cleanly. No DI container: everything is wired here, by hand.
 */
public final class Gateway implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  /** Frames handed to the domain thread and not yet applied, at most. */
  static final int MAX_QUEUED_FRAMES = 4096;

  /** Journal entries waiting for a commit above which transports are held back. */
  static final long MAX_PENDING_ENTRIES = 10_000;

  /** How long an API call may wait for the domain thread. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

  /**
   * How often the changed spaces and devices go to their stores: once per the SQLite store's
   * snapshot interval, in slices ({@link #SAVES_PER_SLICE}) written with the commits that follow;
   * the spaces' pass ends with a snapshot covering what was journaled before its end. Each row is
   * still written at most once per pass (neighbouring rows in the same commit), and no record per
   * space or device waits in memory between two passes: the domain holds the state, and only marks
   * what changed.
   */
  static final Duration SNAPSHOT_PERIOD = SqliteStore.DEFAULT_SNAPSHOT_INTERVAL;

  /**
   * The changed spaces, then the changed devices, go to their stores this many at a time, one slice
   * per {@link #SLICE_PERIOD} (the store's commit delay), rather than all at once: a record per
   * changed space and device (~5,000 and ~9,000 at 5,000 spaces, ~2.5 MB with the store's maps) all
   * alive at once outlived the 2 MB young generation and set off a full collection that sized the
   * old generation with them in it, for good (DESIGN-DECISIONS, "The periodic saves go in slices").
   * A pass over 5,000 spaces and 10,000 devices takes ~15 s.
   */
  static final int SAVES_PER_SLICE = 512;

  static final Duration SLICE_PERIOD = SqliteStore.DEFAULT_MAX_COMMIT_DELAY;

  private final GatewayParts parts;
  private final DomainThread domain = new DomainThread();
  private final ClockWatch clockWatch;
  private final DeviceRegistry devices;
  private final DisplayService displays;
  private final SensingService sensing;
  private final LocalControl control;
  private final ParkingRuntime parking; // null without a parking section (issue 6)
  private final Instant startedAt;
  private final long startedNanos;
  private volatile boolean closed;
  private boolean clockWasTrusted;
  private boolean clockEverUntrusted;

  private Gateway(GatewayParts parts) {
    this.parts = parts;
    this.startedAt = parts.clock().instant();
    this.startedNanos = parts.nanoTime().getAsLong();
    this.clockWatch = new ClockWatch(parts.clock(), parts.nanoTime());
    this.devices =
        new DeviceRegistry(
            HealthPolicy.withStaleAfter(parts.config().sensing().staleAfter()),
            parts.clock(),
            parts.nanoTime());
    this.displays =
        new DisplayService(parts.config().displays(), parts.drivers(), parts.nanoTime());
    this.parking =
        parts
            .parking()
            .map(
                p ->
                    new ParkingRuntime(
                        p,
                        parts.layout(),
                        parts.clock(),
                        clockWatch::trusted,
                        parts.journal(),
                        this::sensing))
            .orElse(null);
    this.sensing =
        new SensingService(
            parts.config().sensing(),
            parts.clock(),
            parts.nanoTime(),
            clockWatch::trusted,
            parts.journal(),
            parts.spaceStore(),
            devices,
            parking == null ? displays : parking.around(displays));
    this.control = new LocalControl(this);
  }

  /**
   * Restores the saved state, starts the domain and every source, and re-sends every display.
   * Returns once the gateway is ready.
   */
  public static Gateway start(GatewayParts parts) {
    Gateway gateway = new Gateway(parts);
    gateway.startDomain();
    return gateway;
  }

  private void startDomain() {
    try {
      domain.call(
          () -> {
            devices.restore(parts.deviceStore().loadDevices());
            // Applying the layout sends every display its restored state.
            sensing.start(parts.layout(), parts.spaceStore().loadSpaces());
            parts.sources().forEach(source -> source.layoutApplied(parts.layout()));
            if (parking != null) {
              parking.restore();
            }
            journal("gateway.started", Map.of("spaces", parts.layout().spaces().size()));
            return null;
          },
          Duration.ofSeconds(30));
    } catch (TimeoutException e) {
      throw new IllegalStateException("the domain did not start within 30 s", e);
    }
    log.info(
        "sensing started: site {} with {} spaces, {} signs",
        parts.layout().site().id(),
        parts.layout().spaces().size(),
        parts.layout().signs().size());
    domain.every(Duration.ofMillis(250), "sensing tick", sensing::tick);
    domain.every(Duration.ofMillis(250), "display refresh", displays::refreshTick);
    domain.every(Duration.ofSeconds(1), "clock watch", this::watchClock);
    domain.every(Duration.ofSeconds(1), "rates", control::sampleRates);
    if (parking != null) {
      parking.schedule(domain);
    }
    domain.every(SNAPSHOT_PERIOD, "snapshot", this::handOverChanges);
    domain.every(SLICE_PERIOD, "saves", this::handOverSlice);
    FrameSink sink = new DomainSink();
    for (FrameSource source : parts.sources()) {
      source.start(sink);
    }
  }

  /**
   * Starts a pass that hands the changed spaces to their store, ending with a snapshot, then the
   * changed devices to theirs, a slice at a time; on the domain thread, once per snapshot period.
   */
  private void handOverChanges() {
    sensing.startSnapshot();
    devices.startHandOver();
    handOverSlice();
  }

  /** The next slice of the pass under way, if any; on the domain thread. */
  private void handOverSlice() {
    if (sensing.snapshotSlice(SAVES_PER_SLICE)) {
      return;
    }
    List<DeviceRecord> slice = devices.takeChanged(SAVES_PER_SLICE);
    if (!slice.isEmpty()) {
      parts.deviceStore().saveDevices(slice);
    }
  }

  /** Every changed space and device to their stores at once: at stop, on the domain thread. */
  private void handOverEverything() {
    sensing.snapshotSpaces();
    parts.deviceStore().saveDevices(devices.takeChanged());
  }

  /**
   * Hands decoded frames from transport threads to the domain thread. At most {@link
   * #MAX_QUEUED_FRAMES} wait at a time: a transport that delivers faster than the domain applies
   * waits here, so memory stays bounded and the backlog stays in the OS's serial buffers.
   */
  private final class DomainSink implements FrameSink {
    private final Semaphore room = new Semaphore(MAX_QUEUED_FRAMES);

    private int sinceStorageCheck;

    @Override
    public void onMessage(String bus, PspMessage message, long receivedNanos) {
      if (!admit()) {
        return;
      }
      domain.execute(
          () -> {
            room.release();
            sensing.onMessage(bus, message, receivedNanos);
            if (parking != null && ParkingRuntime.isLaneMessage(message)) {
              parking.onLaneMessage(message);
            }
          });
    }

    /** Waits for room in the domain's queue; false when interrupted (the gateway is stopping). */
    private boolean admit() {
      try {
        waitForStorage();
        room.acquire();
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /**
     * Holds the transport while more than {@link #MAX_PENDING_ENTRIES} journal entries wait for
     * their commit: a flood faster than storage can commit waits in the OS's buffers instead of
     * growing the heap. Only a healthy store is waited for; a failing one must not stop sensing.
     */
    private void waitForStorage() throws InterruptedException {
      if (++sinceStorageCheck < 256) {
        return;
      }
      sinceStorageCheck = 0;
      StorageHealth health = parts.journal().health();
      while (health.ok() && health.pendingEntries() > MAX_PENDING_ENTRIES && !closed) {
        Thread.sleep(2);
        health = parts.journal().health();
      }
    }

    @Override
    public void onRejected(String bus, FrameError error, String detail) {
      domain.execute(() -> sensing.onRejected(bus, error, detail));
    }

    @Override
    public void onHeard(Heard heard, Runnable durable) {
      if (!admit()) {
        return;
      }
      domain.execute(
          () -> {
            room.release();
            sensing.onHeard(heard);
            parts
                .journal()
                .sync()
                .whenComplete(
                    (seq, storageFailed) -> {
                      // Durable: acknowledge. Storage failing (disk full): acknowledge too, so the
                      // network server keeps delivering and the lot keeps being guided; the entry
                      // is kept in memory and committed when the disk recovers. Stopping: do not,
                      // the network server delivers it again to the next run.
                      if (storageFailed == null || !closed) {
                        durable.run();
                      }
                    });
          });
    }

    @Override
    public void onJoined(String bus, long eui) {
      domain.execute(() -> sensing.onJoined(eui, bus));
    }

    @Override
    public void onLinkStatus(String bus, long eui, Integer batteryPercent, Integer marginDb) {
      domain.execute(() -> devices.linkStatus(eui, bus, batteryPercent, marginDb));
    }
  }

  /** The local API's view of this gateway. */
  public GatewayControl control() {
    return control;
  }

  /** The money-and-access API (issue 6), when gateway.yaml has a parking section. */
  public java.util.Optional<dev.parkedge.gateway.api.ParkingApi> parkingApi() {
    return java.util.Optional.ofNullable(parking).map(p -> new ParkingControl(this, p));
  }

  /**
   * Makes a checked tariff the one every new quote uses (tariff.publish), on the domain thread;
   * completes once {@code tariff.activated} is durable, or exceptionally with a {@link
   * dev.parkedge.gateway.parking.Refusal}. Only with a parking section.
   */
  public java.util.concurrent.CompletableFuture<dev.parkedge.gateway.parking.Parking.TariffChange>
      activateTariff(
          dev.parkedge.gateway.billing.Tariff tariff, String source, java.nio.file.Path file) {
    if (parking == null) {
      throw new IllegalStateException("no parking section: there is no tariff to replace");
    }
    return domain
        .submit(() -> parking.parking().useTariff(tariff, source, file.toString()))
        .thenCompose(done -> done.durable().thenApply(seq -> done.value()));
  }

  /** The journal's seq once everything appended so far is committed (tests: nothing changed). */
  public long parkingJournalSeq() {
    return parts.journal().sync().join();
  }

  /** Hands a decoded frame to the domain as a bus would (tests, the demo). */
  public void sensingFrame(String bus, PspMessage message) {
    domain.execute(
        () -> {
          sensing.onMessage(bus, message, parts.nanoTime().getAsLong());
          if (parking != null && ParkingRuntime.isLaneMessage(message)) {
            parking.onLaneMessage(message);
          }
        });
  }

  <T> java.util.concurrent.CompletableFuture<T> submit(java.util.concurrent.Callable<T> task) {
    return domain.submit(task);
  }

  /** Re-reads site.yaml and applies it as a diff (SIGHUP, {@code parkedge reload}). */
  public ReloadOutcome reload() {
    SiteLayout next;
    try {
      next = parts.reloader().load();
    } catch (ConfigException e) {
      log.warn("reload: site file refused, the running layout stays:\n{}", e.getMessage());
      return new ReloadOutcome(false, e.problems(), List.of());
    }
    return call(
        () -> {
          LayoutDiff diff = LayoutDiff.between(sensing.layout(), next);
          if (!diff.isEmpty()) {
            sensing.applyLayout(next, diff.changes());
            if (parking != null) {
              parking.useLayout(next);
            }
            parts.sources().forEach(source -> source.layoutApplied(next));
            diff.changes().forEach(change -> log.info("reload: {}", change));
          }
          return new ReloadOutcome(true, List.of(), diff.changes());
        });
  }

  <T> T call(java.util.concurrent.Callable<T> task) {
    try {
      return domain.call(task, CALL_TIMEOUT);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the gateway is busy: no answer from the domain within "
              + CALL_TIMEOUT.toSeconds()
              + " s",
          e);
    }
  }

  /** Whether events stamped now can trust the wall clock. */
  boolean clockTrusted() {
    return clockWatch.trusted();
  }

  private void watchClock() {
    // sync-contract ClockSync: any trusted entry anchors its boot; this one marks the moment the
    // clock becomes trusted after untrusted entries, so they can be re-based without waiting.
    boolean trusted = clockWatch.trusted();
    if (trusted && !clockWasTrusted && clockEverUntrusted) {
      journal(ClockSync.TYPE, Map.of());
    }
    clockEverUntrusted |= !trusted;
    clockWasTrusted = trusted;
    ClockWatch.Jump jump = clockWatch.check();
    if (jump != null) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("from", jump.from().toString());
      body.put("to", jump.to().toString());
      body.put("by_ms", jump.by().toMillis());
      journal("clock.jump", body);
    }
  }

  /**
   * On the domain thread: appends an entry that must be durable before its request is answered, or
   * fails at once, recording nothing, when storage is not taking writes (a disk full would
   * otherwise hold the request until the next retry fails it). Money operations use this.
   */
  CompletableFuture<Long> journalDurably(String type, String subject, Map<String, Object> body) {
    StorageHealth health = parts.journal().health();
    if (!health.ok()) {
      return CompletableFuture.failedFuture(new IllegalStateException(health.reason()));
    }
    return parts
        .journal()
        .appendDurably(
            new JournalEntry(type, subject, parts.clock().instant(), clockWatch.trusted(), body));
  }

  private void journal(String type, Map<String, Object> body) {
    parts
        .journal()
        .append(
            new JournalEntry(
                type,
                parts.layout().site().id(),
                parts.clock().instant(),
                clockWatch.trusted(),
                body));
  }

  GatewayParts parts() {
    return parts;
  }

  SensingService sensing() {
    return sensing;
  }

  DeviceRegistry devices() {
    return devices;
  }

  DisplayService displays() {
    return displays;
  }

  Instant startedAt() {
    return startedAt;
  }

  /** How long the gateway has run, by monotonic time (the wall clock may have been set since). */
  Duration uptime() {
    return Duration.ofNanos(parts.nanoTime().getAsLong() - startedNanos);
  }

  /**
   * Whether the domain thread runs a task and answers within {@code timeout}: the health check's
   * round trip (ops), proof that the thread that owns all state is alive and not stuck.
   */
  public boolean domainAnswers(Duration timeout) {
    try {
      return domain.call(() -> Boolean.TRUE, timeout);
    } catch (TimeoutException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Stops reading, lets the domain finish what is queued, stops the drivers, then closes the stores
   * (which commit what is pending). Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (FrameSource source : parts.sources()) {
      closeQuietly(source, "source " + source.bus());
    }
    domain.execute(this::handOverEverything);
    domain.close();
    for (AutoCloseable closeable : parts.closeables()) {
      closeQuietly(closeable, closeable.getClass().getSimpleName());
    }
    log.info("gateway stopped");
  }

  private static void closeQuietly(AutoCloseable closeable, String what) {
    try {
      closeable.close();
    } catch (Exception e) {
      log.warn("stopping {} failed: {}", what, e.toString());
    }
  }
}
