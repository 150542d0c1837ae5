package dev.parkedge.gateway.ops;

import dev.parkedge.gateway.api.StatusView;
import dev.parkedge.gateway.api.StatusView.BusView;
import dev.parkedge.gateway.config.OperationsConfig;
import dev.parkedge.gateway.journal.StorageHealth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Decides whether the daemon is healthy by outcome, not by being alive: the domain thread answers a
 * round trip, the storage writer commits (and a probe write succeeds), buses that carried frames
 * still do, and the data directory has room. Runs on the health monitor's thread; not thread-safe.
 */
public final class HealthChecks {

  /** How long the domain thread may take to answer the round trip. */
  static final Duration DOMAIN_TIMEOUT = Duration.ofSeconds(2);

  /** How long a probe write may take before the storage writer counts as stuck. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How often a probe write is made while commits succeed (one WAL page each: an SD card need not
   * be written every 10 s to know it works).
   */
  static final Duration PROBE_EVERY = Duration.ofMinutes(5);

  /** Entries waiting while the committed seq does not move for this long: the writer is stuck. */
  static final Duration NO_COMMIT_PROGRESS = Duration.ofSeconds(30);

  /** What the checks read; the daemon's parts in production, fakes in tests. */
  public interface Probes {
    /** The domain's status; a round trip through the domain thread. Throws when it is stuck. */
    StatusView status();

    StorageHealth storage();

    long lastCommittedSeq();

    /** A write in its own transaction; null when there is no database (running from memory). */
    CompletableFuture<Void> probeWrite();

    /** Free bytes on the data directory's file system, when known. */
    OptionalLong diskFreeBytes();
  }

  private final Probes probes;
  private final OperationsConfig.Health config;
  private final LongSupplier nanoTime;
  private final Map<String, BusWatch> buses = new HashMap<>();
  private long lastProbeNanos;
  private boolean lastProbeFailed;
  private String lastProbeFailure;
  private long seqSeen = -1;
  private long seqMovedNanos;

  public HealthChecks(Probes probes, OperationsConfig.Health config, LongSupplier nanoTime) {
    this.probes = probes;
    this.config = config;
    this.nanoTime = nanoTime;
    this.lastProbeNanos = nanoTime.getAsLong() - PROBE_EVERY.toNanos();
    this.seqMovedNanos = nanoTime.getAsLong();
  }

  /** One round of checks. */
  public HealthVerdict run() {
    List<String> restartWorthy = new ArrayList<>();
    List<String> storageProblems = new ArrayList<>();
    List<String> others = new ArrayList<>();
    StatusView status = null;
    try {
      status = probes.status();
    } catch (RuntimeException e) {
      restartWorthy.add(
          "domain thread did not answer within " + DOMAIN_TIMEOUT.toSeconds() + " s: " + e);
    }
    if (status != null) {
      checkBuses(status, restartWorthy);
    }
    checkStorage(restartWorthy, storageProblems);
    OptionalLong free = probes.diskFreeBytes();
    long floor = config.diskFloorMb() * 1024 * 1024;
    if (free.isPresent() && free.getAsLong() < floor) {
      storageProblems.add(
          "disk: "
              + free.getAsLong() / (1024 * 1024)
              + " MB free on the data directory, below the floor of "
              + config.diskFloorMb()
              + " MB: free space (old backups in data_dir/backups, logs)");
    }
    List<String> problems = new ArrayList<>(restartWorthy);
    problems.addAll(storageProblems);
    problems.addAll(others);
    List<String> withheld = new ArrayList<>(restartWorthy);
    if (config.restartOnStorageFailure()) {
      withheld.addAll(storageProblems);
    }
    return new HealthVerdict(problems, withheld.isEmpty(), withheld);
  }

  private void checkBuses(StatusView status, List<String> restartWorthy) {
    long now = nanoTime.getAsLong();
    for (BusView bus : status.buses()) {
      if (bus.protocol().equals("gpio")) {
        continue; // a loop or a button is quiet while no car comes: silence is normal there
      }
      BusWatch watch = buses.computeIfAbsent(bus.name(), name -> new BusWatch(bus.frames(), now));
      watch.observe(bus.frames(), now);
      if (watch.carriedFrames() && now - watch.lastFrameNanos() > config.busSilence().toNanos()) {
        restartWorthy.add(
            "bus "
                + bus.name()
                + " ("
                + bus.port()
                + "): no frame for "
                + Duration.ofNanos(now - watch.lastFrameNanos()).toMinutes()
                + " min after carrying "
                + (bus.frames() - watch.framesAtStart())
                + " since the start (check the cable, the adapter and the devices' power)");
      }
    }
  }

  private void checkStorage(List<String> restartWorthy, List<String> storageProblems) {
    StorageHealth health = probes.storage();
    long now = nanoTime.getAsLong();
    long seq = probes.lastCommittedSeq();
    if (seq != seqSeen || health.pendingEntries() == 0) {
      seqSeen = seq;
      seqMovedNanos = now;
    }
    if (!health.ok()) {
      storageProblems.add("storage refuses writes: " + health.reason());
    } else if (now - seqMovedNanos > NO_COMMIT_PROGRESS.toNanos()) {
      restartWorthy.add(
          "storage writer stuck: "
              + health.pendingEntries()
              + " entries waiting and nothing committed for "
              + Duration.ofNanos(now - seqMovedNanos).toSeconds()
              + " s");
    }
    if (lastProbeFailed || now - lastProbeNanos >= PROBE_EVERY.toNanos()) {
      probe(now, restartWorthy);
    }
    if (lastProbeFailed && lastProbeFailure != null && health.ok()) {
      storageProblems.add("storage refuses a test write: " + lastProbeFailure);
    }
  }

  private void probe(long now, List<String> restartWorthy) {
    CompletableFuture<Void> write = probes.probeWrite();
    if (write == null) {
      return; // running from memory: the storage alarm says so already
    }
    lastProbeNanos = now;
    try {
      write.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      lastProbeFailed = false;
      lastProbeFailure = null;
    } catch (TimeoutException e) {
      lastProbeFailed = true;
      lastProbeFailure = null;
      restartWorthy.add(
          "storage writer stuck: a test write did not finish within "
              + PROBE_TIMEOUT.toSeconds()
              + " s");
    } catch (ExecutionException e) {
      lastProbeFailed = true;
      lastProbeFailure = e.getCause() == null ? e.toString() : e.getCause().getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Frames seen on one bus since the daemon started. */
  private static final class BusWatch {
    private final long framesAtStart;
    private long frames;
    private long lastFrameNanos;

    BusWatch(long frames, long now) {
      this.framesAtStart = frames;
      this.frames = frames;
      this.lastFrameNanos = now;
    }

    void observe(long count, long now) {
      if (count != frames) {
        frames = count;
        lastFrameNanos = now;
      }
    }

    /**
     * Only a bus that carried frames since this start is judged: one silent from the start is not
     * restarted over and over (a restart reopens a port once, then the daemon stays up).
     */
    boolean carriedFrames() {
      return frames > framesAtStart;
    }

    long lastFrameNanos() {
      return lastFrameNanos;
    }

    long framesAtStart() {
      return framesAtStart;
    }
  }
}
