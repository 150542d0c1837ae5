package dev.parkedge.gateway.display.modbus;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records register writes. It can hold writes until released (to pile up shows behind one write)
 * and fail a number of writes first (a sign that does not answer).
 */
final class RecordingRegisterWriter implements RegisterWriter {

  /** One write that went through. */
  record Write(int unit, int register, int value) {}

  private final List<Write> writes = new CopyOnWriteArrayList<>();
  private final Semaphore permits = new Semaphore(Integer.MAX_VALUE);
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger failingUnit = new AtomicInteger(-1);
  private final AtomicInteger entered = new AtomicInteger();
  private volatile boolean closed;

  /** Holds every write from now on until {@link #release} is called. */
  void hold() {
    permits.drainPermits();
  }

  void release() {
    permits.release(Integer.MAX_VALUE / 2);
  }

  /** Fails the next {@code count} writes (to any unit when {@code unit} is -1). */
  void failNext(int count, int unit) {
    failingUnit.set(unit);
    failuresLeft.set(count);
  }

  /** Writes begun so far, including ones being held or failed. */
  int entered() {
    return entered.get();
  }

  List<Write> writes() {
    return List.copyOf(writes);
  }

  boolean closed() {
    return closed;
  }

  @Override
  public void write(int unit, int register, int value) throws IOException {
    entered.incrementAndGet();
    try {
      if (!permits.tryAcquire(5, TimeUnit.SECONDS)) {
        throw new IOException("test never released the write");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    permits.release();
    int failing = failingUnit.get();
    if ((failing == -1 || failing == unit)
        && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IOException("no response from unit " + unit);
    }
    writes.add(new Write(unit, register, value));
  }

  @Override
  public void close() {
    closed = true;
  }
}
