package dev.parkedge.gateway.display.psp;

import dev.parkedge.gateway.display.DisplayDriver;
import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.gateway.display.DisplayStats;
import dev.parkedge.gateway.display.PspLink;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.proto.psp.PspMessage;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives PSP/1 indicators and count signs on one bus. {@link #show} only records the newest state
 * per display; a sender thread writes them to the link, paced to the bus's baud rate so that states
 * wait here (where a newer one replaces an older one) rather than in the link's queue.
 */
public final class PspDisplayDriver implements DisplayDriver, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PspDisplayDriver.class);

  /** Bytes on the wire of an indicator or counter frame, with COBS and delimiter. */
  private static final int FRAME_BYTES = 21;

  /** How far the driver may run ahead of the wire before it sleeps: a few frames' worth. */
  private static final long MAX_AHEAD_NANOS = 5_000_000;

  private final PspLink link;
  private long wireFreeAtNanos;
  private final long nanosPerFrame;
  // Keyed by the layout's own address objects (one per EUI, as all are on this bus), where a
  // boxed EUI per display cost 24 bytes more each.
  private final Map<DeviceAddress, DisplayState> pending = new LinkedHashMap<>();

  /** By EUI: every address this driver drives is on its bus, so the EUI alone names a display. */
  private final DisplaySeqs seqs = new DisplaySeqs();

  private final AtomicLong commanded = new AtomicLong();
  private final AtomicLong coalesced = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final Thread sender;
  private volatile boolean running = true;

  /**
   * @param baud the bus's baud rate, used to pace writes; 0 for a link with no rate (in memory)
   */
  public PspDisplayDriver(PspLink link, int baud) {
    this.link = link;
    this.nanosPerFrame = baud <= 0 ? 0 : FRAME_BYTES * 10L * 1_000_000_000L / baud;
    this.sender = new Thread(this::run, "display-psp-" + link.bus());
    this.sender.setDaemon(true);
    this.sender.start();
  }

  @Override
  public boolean drives(DeviceAddress address) {
    return address.bus().equals(link.bus()) && address.model() == null;
  }

  @Override
  public void show(DeviceAddress address, DisplayState state) {
    commanded.incrementAndGet();
    synchronized (pending) {
      if (pending.put(address, state) != null) {
        coalesced.incrementAndGet();
      }
      pending.notifyAll();
    }
  }

  @Override
  public DisplayStats stats() {
    return new DisplayStats(commanded.get(), coalesced.get(), sent.get(), 0);
  }

  @Override
  public void close() {
    running = false;
    sender.interrupt();
    try {
      sender.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (running) {
      try {
        sendOnce();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.error("display {}: sending failed", link.bus(), e);
      }
    }
  }

  private void sendOnce() throws InterruptedException {
    DeviceAddress address;
    DisplayState state;
    synchronized (pending) {
      while (pending.isEmpty()) {
        pending.wait();
      }
      Iterator<Map.Entry<DeviceAddress, DisplayState>> first = pending.entrySet().iterator();
      Map.Entry<DeviceAddress, DisplayState> next = first.next();
      first.remove();
      address = next.getKey();
      state = next.getValue();
    }
    link.send(message(address, state));
    sent.incrementAndGet();
    pace();
  }

  /**
   * Keeps the average send rate within what the bus carries. Sleeping per frame would cost a whole
   * millisecond each (sleep granularity), so the driver keeps a send budget and sleeps only when it
   * is more than {@link #MAX_AHEAD_NANOS} ahead of the wire.
   */
  private void pace() throws InterruptedException {
    if (nanosPerFrame == 0) {
      return;
    }
    long now = System.nanoTime();
    wireFreeAtNanos = Math.max(wireFreeAtNanos, now) + nanosPerFrame;
    long ahead = wireFreeAtNanos - now;
    if (ahead > MAX_AHEAD_NANOS) {
      Thread.sleep((ahead - MAX_AHEAD_NANOS) / 1_000_000 + 1);
    }
  }

  private PspMessage message(DeviceAddress address, DisplayState state) {
    return state.pspMessage(address.eui(), seqs.next(address.eui()));
  }
}
