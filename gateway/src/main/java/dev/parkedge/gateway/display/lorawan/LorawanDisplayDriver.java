package dev.parkedge.gateway.display.lorawan;

import dev.parkedge.gateway.display.DisplayDriver;
import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.gateway.display.DisplayStats;
import dev.parkedge.gateway.display.lorawan.DownlinkScheduler.Downlink;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.proto.psp.Eui64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives class C LoRaWAN displays (space lights and count signs) with downlinks, within a radio
 * airtime budget. {@link #show} only records the newest state and returns; the thread {@code
 * display-lorawan} asks the {@link DownlinkScheduler} what is due (paced per display, signs first,
 * within the budget) and hands it to the {@link DownlinkSender}.
 *
 * <p>It drives every display whose model is a LoRaWAN display model ({@code psp1-lorawan}), on any
 * bus: downlinks go through the network server, not a serial bus.
 */
public final class LorawanDisplayDriver implements DisplayDriver, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LorawanDisplayDriver.class);
  private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(10);
  private static final long CLOSE_TIMEOUT_MS = 2000;

  private final DownlinkScheduler scheduler;
  private final DownlinkSender sender;
  private final LongSupplier nanoTime;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final Thread worker;
  private volatile boolean running = true;
  private boolean offered; // guarded by lock
  private long failed; // guarded by lock
  private boolean tight; // ticking thread only
  private long lastTightWarnNanos; // ticking thread only
  private long failuresInRow; // ticking thread only

  /** Starts the thread {@code display-lorawan}. */
  public LorawanDisplayDriver(LorawanDisplayConfig config, DownlinkSender sender) {
    this(config, DisplayModels.builtIn(), sender, System::nanoTime, true);
  }

  /**
   * @param ownThread whether to start the sending thread; without it the caller calls {@link #tick}
   */
  LorawanDisplayDriver(
      LorawanDisplayConfig config,
      DisplayModels models,
      DownlinkSender sender,
      LongSupplier nanoTime,
      boolean ownThread) {
    this.scheduler = new DownlinkScheduler(config, models);
    this.sender = sender;
    this.nanoTime = nanoTime;
    this.lastTightWarnNanos = nanoTime.getAsLong() - WARN_EVERY_NANOS;
    log.info(
        "lorawan displays: downlinks on fPort {} at {}, {} s of airtime per {} min ({} %), {} s"
            + " apart per display",
        config.fPort(),
        config.dataRate(),
        config.budget().toMillis() / 1000.0,
        config.window().toMinutes(),
        config.budgetFraction() * 100,
        config.minInterval().toMillis() / 1000.0);
    this.worker = ownThread ? new Thread(this::run, "display-lorawan") : null;
    if (worker != null) {
      worker.setDaemon(true);
      worker.start();
    }
  }

  @Override
  public boolean drives(DeviceAddress address) {
    return scheduler.knows(address);
  }

  /**
   * Records {@code state} as the newest for the display at {@code address}; returns at once.
   *
   * @throws IllegalArgumentException if the display's model is not a LoRaWAN display model
   */
  @Override
  public void show(DeviceAddress address, DisplayState state) {
    lock.lock();
    try {
      scheduler.offer(address, state);
      offered = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public DisplayStats stats() {
    lock.lock();
    try {
      return new DisplayStats(
          scheduler.commanded(), scheduler.coalesced(), scheduler.sent(), failed);
    } finally {
      lock.unlock();
    }
  }

  /** Airtime used in the current window and the queue behind it, for status. */
  public AirtimeBudget.Use budgetUse() {
    lock.lock();
    try {
      return scheduler.use(nanoTime.getAsLong());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    if (worker == null) {
      return;
    }
    running = false;
    lock.lock();
    try {
      wake.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      worker.join(CLOSE_TIMEOUT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      log.warn("lorawan displays: thread did not stop within {} ms", CLOSE_TIMEOUT_MS);
    }
  }

  /** Sends what is due now. Called by the thread (or by tests, without one). */
  void tick() {
    long now = nanoTime.getAsLong();
    List<Downlink> due;
    boolean heldBack;
    lock.lock();
    try {
      offered = false;
      due = scheduler.due(now);
      heldBack = scheduler.heldBack();
    } finally {
      lock.unlock();
    }
    due.forEach(this::send);
    reportBudget(now, heldBack);
  }

  private void run() {
    while (running) {
      try {
        tick();
      } catch (RuntimeException e) {
        log.error("lorawan displays: tick failed", e);
      }
      try {
        awaitWork();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void awaitWork() throws InterruptedException {
    lock.lock();
    try {
      if (running && !offered) {
        long wait = scheduler.nanosUntilDue(nanoTime.getAsLong());
        wake.awaitNanos(Math.max(1, Math.min(wait, MAX_WAIT_NANOS)));
      }
    } finally {
      lock.unlock();
    }
  }

  private void send(Downlink downlink) {
    try {
      sender.send(downlink.devEui(), downlink.fPort(), downlink.payload());
      if (failuresInRow > 0) {
        log.info("lorawan displays: downlinks taken again after {} refused", failuresInRow);
        failuresInRow = 0;
      }
      if (log.isDebugEnabled()) {
        log.debug(
            "lorawan display {}: {} on fPort {} ({} ms on air{}): {}",
            Eui64.format(downlink.devEui()),
            HexFormat.of().formatHex(downlink.payload()),
            downlink.fPort(),
            downlink.airtime().toNanos() / 1e6,
            downlink.refresh() ? ", refresh" : "",
            downlink.state());
      }
    } catch (RuntimeException e) {
      if (failuresInRow++ == 0) {
        log.warn(
            "lorawan display {}: downlink not taken ({}); sending again later",
            Eui64.format(downlink.devEui()),
            e.toString());
      }
      lock.lock();
      try {
        failed++;
        scheduler.unsent(downlink);
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * A WARN when the budget starts holding displays back (at most every 10 min), an INFO when the
   * queue is empty again.
   */
  private void reportBudget(long now, boolean heldBack) {
    if (heldBack && !tight) {
      tight = true;
      if (now - lastTightWarnNanos >= WARN_EVERY_NANOS) {
        lastTightWarnNanos = now;
        AirtimeBudget.Use use = budgetUse();
        log.warn(
            "lorawan displays: airtime budget nearly spent ({} of {} s in the last {} min);"
                + " count signs go first, {} displays wait",
            use.used().toMillis() / 1000.0,
            use.budget().toMillis() / 1000.0,
            use.window().toMinutes(),
            use.queued());
      }
    } else if (tight && !heldBack && budgetUse().queued() == 0) {
      tight = false;
      log.info("lorawan displays: every display has its newest state again");
    }
  }
}
