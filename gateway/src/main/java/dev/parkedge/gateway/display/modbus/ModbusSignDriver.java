package dev.parkedge.gateway.display.modbus;

import dev.parkedge.gateway.config.SerialBusConfig;
import dev.parkedge.gateway.display.DisplayDriver;
import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.gateway.display.DisplayStats;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.lot.ModbusRegister;
import dev.parkedge.gateway.lot.Sign;
import dev.parkedge.gateway.runtime.Backoff;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Count signs on one Modbus RTU bus: each sign shows its number from one holding register, written
 * with j2mod.
 *
 * <p>{@link #show} only records the newest count per sign and wakes the worker thread {@code
 * modbus-<bus>}, which writes each pending sign in turn; a count replaced before it was written is
 * counted as coalesced. A failed write (timeout, exception response, port gone) keeps the sign
 * pending and retries it with backoff while the other signs carry on; the first failure of a streak
 * is a WARN naming bus, unit and register, the recovery an INFO.
 *
 * <p>Only the number is sent. A count's arrow and colour are fixed in a Modbus sign's own setup
 * (they have no standard registers), so they are ignored here.
 */
public final class ModbusSignDriver implements DisplayDriver, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ModbusSignDriver.class);
  private static final long IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long REMINDER_NANOS = TimeUnit.MINUTES.toNanos(10);
  private static final long CLOSE_TIMEOUT_MS = 2500;

  private final String bus;
  private final Map<DeviceAddress, Slot> slotsByAddress;
  private final Slot[] slots;
  private final RegisterWriter writer;
  private final LongSupplier nanoTime;
  private final Backoff backoff;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final LongAdder commanded = new LongAdder();
  private final LongAdder coalesced = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final Thread worker;
  private volatile boolean running = true;
  private int cursor;

  /** Starts the worker thread {@code modbus-<bus>}; the port is opened on the first write. */
  public ModbusSignDriver(SerialBusConfig bus, List<Sign> signs) {
    this(bus, signs, new J2modRegisterWriter(bus), System::nanoTime, Backoff.forDevices());
  }

  ModbusSignDriver(
      SerialBusConfig bus,
      List<Sign> signs,
      RegisterWriter writer,
      LongSupplier nanoTime,
      Backoff backoff) {
    if (bus.protocol() != SerialBusConfig.BusProtocol.MODBUS_RTU) {
      throw new IllegalArgumentException(
          "bus " + bus.name() + " speaks " + bus.protocol().yamlName() + ", not modbus-rtu");
    }
    this.bus = bus.name();
    this.writer = writer;
    this.nanoTime = nanoTime;
    this.backoff = backoff;
    this.slotsByAddress = new LinkedHashMap<>();
    for (Sign sign : signs) {
      if (sign.modbus() == null) {
        throw new IllegalArgumentException("sign " + sign.id() + " has no modbus register");
      }
      if (!sign.device().bus().equals(bus.name())) {
        throw new IllegalArgumentException(
            "sign " + sign.id() + " is on bus " + sign.device().bus() + ", not " + bus.name());
      }
      if (slotsByAddress.put(sign.device(), new Slot(sign, nanoTime.getAsLong())) != null) {
        throw new IllegalArgumentException("two signs at " + sign.device() + " on " + bus.name());
      }
    }
    this.slots = slotsByAddress.values().toArray(new Slot[0]);
    this.worker = new Thread(this::run, "modbus-" + this.bus);
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public boolean drives(DeviceAddress address) {
    return slotsByAddress.containsKey(address);
  }

  /**
   * Records {@code state} as the newest for the sign at {@code address}; returns at once.
   *
   * @throws IllegalArgumentException if this driver does not drive {@code address} or {@code state}
   *     is not a count
   */
  @Override
  public void show(DeviceAddress address, DisplayState state) {
    Slot slot = slotsByAddress.get(address);
    if (slot == null) {
      throw new IllegalArgumentException("modbus " + bus + " drives no sign at " + address);
    }
    if (!(state instanceof DisplayState.Count count)) {
      throw new IllegalArgumentException(
          "modbus " + bus + " signs show counts only, got " + state + " for " + address);
    }
    commanded.increment();
    lock.lock();
    try {
      if (slot.pending != null) {
        coalesced.increment();
      }
      slot.pending = count;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public DisplayStats stats() {
    return new DisplayStats(commanded.sum(), coalesced.sum(), sent.sum(), failed.sum());
  }

  /** Stops the worker, which closes the port as it ends (within about 2 s, usually 0.5 s). */
  @Override
  public void close() {
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
      log.warn("modbus {} worker did not stop within {} ms", bus, CLOSE_TIMEOUT_MS);
    }
  }

  // ---- worker thread

  private void run() {
    try {
      while (running) {
        writeOnce();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      writer.close();
    }
  }

  private void writeOnce() throws InterruptedException {
    Slot slot;
    DisplayState.Count count;
    lock.lock();
    try {
      slot = nextDue(nanoTime.getAsLong());
      if (slot == null) {
        wake.awaitNanos(untilNextDue(nanoTime.getAsLong()));
        return;
      }
      count = slot.pending;
      slot.pending = null;
    } finally {
      lock.unlock();
    }
    write(slot, count);
  }

  private void write(Slot slot, DisplayState.Count count) {
    ModbusRegister register = slot.register;
    int value = CountEncoding.registerValue(register, count);
    try {
      writer.write(register.unit(), register.register(), value);
      sent.increment();
      log.debug("modbus {} {} <- {} ({})", bus, slot.name, value, count);
      succeeded(slot);
    } catch (IOException e) {
      failed.increment();
      retryLater(slot, count, e.getMessage());
    }
  }

  private void succeeded(Slot slot) {
    if (slot.failures > 0) {
      log.info(
          "modbus {} {} written again after {} failed attempts", bus, slot.name, slot.failures);
    }
    slot.failures = 0;
  }

  private void retryLater(Slot slot, DisplayState.Count count, String reason) {
    long now = nanoTime.getAsLong();
    if (slot.failures == 0 || now - slot.lastWarnNanos >= REMINDER_NANOS) {
      slot.lastWarnNanos = now;
      log.warn(
          "modbus {} {}: write failed{}: {}; retrying with backoff",
          bus,
          slot.name,
          slot.failures == 0 ? "" : " (" + (slot.failures + 1) + " times)",
          reason);
    } else {
      log.debug("modbus {} {}: write failed again: {}", bus, slot.name, reason);
    }
    long delay = backoff.delayNanos(slot.failures++);
    lock.lock();
    try {
      if (slot.pending == null) {
        slot.pending = count;
      }
      slot.dueNanos = now + delay;
    } finally {
      lock.unlock();
    }
  }

  /** The next pending sign whose retry time has come, taking signs in turn. Holds the lock. */
  private Slot nextDue(long now) {
    for (int i = 0; i < slots.length; i++) {
      Slot slot = slots[(cursor + i) % slots.length];
      if (slot.pending != null && now - slot.dueNanos >= 0) {
        cursor = (cursor + i + 1) % slots.length;
        return slot;
      }
    }
    return null;
  }

  /** How long to sleep: until the earliest retry, at most a second. Holds the lock. */
  private long untilNextDue(long now) {
    long wait = IDLE_WAIT_NANOS;
    for (Slot slot : slots) {
      if (slot.pending != null) {
        wait = Math.min(wait, Math.max(1, slot.dueNanos - now));
      }
    }
    return wait;
  }

  /** One sign: its register and what it should show next. */
  private static final class Slot {
    final ModbusRegister register;
    final String name;
    DisplayState.Count pending; // guarded by lock
    long dueNanos; // guarded by lock
    int failures; // worker thread only
    long lastWarnNanos; // worker thread only

    Slot(Sign sign, long now) {
      this.register = sign.modbus();
      this.dueNanos = now;
      this.name =
          "unit "
              + register.unit()
              + " register "
              + register.register()
              + " (sign "
              + sign.id()
              + ")";
    }
  }
}
