package dev.parkedge.gateway.ops;

import dev.parkedge.gateway.storage.sqlite.SqliteStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the journal from filling the SD card: every hour, deletes the entries older than {@code
 * journal.keep}, oldest first, in transactions of {@link #BATCH} so that ingest commits in between.
 * An entry stays while the space snapshot does not cover it yet, and, once a sync-agent has
 * reported here, while the agent has not copied it into its own outbox: head office never misses an
 * entry because the gateway pruned it. Nothing is deleted while the wall clock is not trusted (a
 * box that boots in 2040 must not think a month of entries old). SQLite reuses the freed pages, so
 * the file stops growing rather than shrinking.
 */
public final class JournalRetention implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JournalRetention.class);

  /** How often the oldest entries are looked at. */
  static final Duration EVERY = Duration.ofHours(1);

  /** Entries deleted per transaction (~1 MB of WAL). */
  static final int BATCH = 5_000;

  /** How long one batch may take on the writer thread before the pass gives up until next time. */
  private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(1);

  /** How far the sync-agent has copied the journal. */
  @FunctionalInterface
  public interface SyncedUpTo {
    /**
     * The last seq the agent holds in its own outbox; empty when no agent has reported here.
     *
     * @throws IOException when an agent's status exists but cannot be read
     */
    OptionalLong copiedSeq() throws IOException;
  }

  private final SqliteStore store;
  private final Duration keep;
  private final SyncedUpTo sync;
  private final BooleanSupplier clockTrusted;
  private final Clock clock;
  private ScheduledFuture<?> schedule;
  private volatile String lastError;

  public JournalRetention(
      SqliteStore store,
      Duration keep,
      SyncedUpTo sync,
      BooleanSupplier clockTrusted,
      Clock clock) {
    this.store = store;
    this.keep = keep;
    this.sync = sync;
    this.clockTrusted = clockTrusted;
    this.clock = clock;
  }

  /** Prunes every {@code EVERY} on {@code maintenance}. */
  public synchronized void start(ScheduledExecutorService maintenance) {
    schedule =
        maintenance.scheduleWithFixedDelay(
            this::pruneQuietly, EVERY.toSeconds() / 12, EVERY.toSeconds(), TimeUnit.SECONDS);
  }

  /** Why the last pass failed; null when it worked. */
  public String lastError() {
    return lastError;
  }

  private void pruneQuietly() {
    try {
      prune();
      lastError = null;
    } catch (IOException | RuntimeException e) {
      if (!String.valueOf(e.getMessage()).equals(lastError)) {
        log.warn("journal: old entries not deleted: {}", e.getMessage());
      }
      lastError = String.valueOf(e.getMessage());
    }
  }

  /**
   * One pass: deletes what may go, batch by batch.
   *
   * @return how many entries were deleted
   * @throws IOException when the agent's status cannot be read (nothing is deleted then) or the
   *     database refuses
   */
  public long prune() throws IOException {
    if (!clockTrusted.getAsBoolean()) {
      log.info("journal: old entries kept for now: the wall clock is not trusted");
      return 0;
    }
    OptionalLong copied = sync.copiedSeq();
    long below = copied.isPresent() ? copied.getAsLong() + 1 : Long.MAX_VALUE;
    Instant cutoff = clock.instant().minus(keep);
    long total = 0;
    while (true) {
      int deleted;
      try {
        deleted =
            store
                .pruneJournal(below, cutoff, BATCH)
                .get(BATCH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException | TimeoutException e) {
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        throw new IOException("the database refused: " + cause.getMessage(), cause);
      }
      total += deleted;
      if (deleted < BATCH) {
        break;
      }
    }
    if (total > 0) {
      log.info(
          "journal: deleted {} entries written before {} (journal.keep {}){}",
          total,
          cutoff,
          keep,
          copied.isPresent() ? ", all copied by the sync-agent" : "");
    }
    return total;
  }

  /** Stops the schedule; a pass under way is interrupted by its executor's owner. */
  @Override
  public synchronized void close() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }
}
