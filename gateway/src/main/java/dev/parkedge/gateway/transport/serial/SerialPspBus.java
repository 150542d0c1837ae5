package dev.parkedge.gateway.transport.serial;

import dev.parkedge.gateway.config.SerialBusConfig;
import dev.parkedge.gateway.display.PspLink;
import dev.parkedge.gateway.runtime.Backoff;
import dev.parkedge.gateway.sensing.FrameSink;
import dev.parkedge.gateway.sensing.FrameSource;
import dev.parkedge.proto.psp.FrameError;
import dev.parkedge.proto.psp.PspCodec;
import dev.parkedge.proto.psp.PspDeframer;
import dev.parkedge.proto.psp.PspMessage;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PSP/1 over one serial port (RS-485 through a USB adapter, or a UART), with jSerialComm.
 *
 * <p>Two threads: {@code serial-<bus>-reader} opens the port, reads, deframes and hands messages to
 * the sink; {@code serial-<bus>-writer} writes queued frames. A port that fails (adapter unplugged,
 * device node gone) is closed and reopened with exponential backoff; the loss is logged once at
 * WARN and the recovery once at INFO. Nothing here ever blocks a caller: {@link #send} queues, and
 * when the queue is full the oldest frame is dropped and counted.
 */
public final class SerialPspBus implements FrameSource, PspLink {

  /** Frames waiting to be written; beyond this the oldest are dropped. */
  static final int WRITE_QUEUE_CAPACITY = 256;

  private static final Logger log = LoggerFactory.getLogger(SerialPspBus.class);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long PATH_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long REMINDER_NANOS = TimeUnit.MINUTES.toNanos(10);
  private static final long CLOSE_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(900);

  private final SerialBusConfig config;
  private final LongSupplier nanoTime;
  private final Backoff backoff;
  private final ConfiguredPort port;
  private final BlockingDeque<PspMessage> outbox;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final LongAdder bytesRead = new LongAdder();
  private final LongAdder frames = new LongAdder();
  private final AtomicLongArray rejected = new AtomicLongArray(FrameError.values().length);
  private final LongAdder reopenAttempts = new LongAdder();
  private final LongAdder framesWritten = new LongAdder();
  private final LongAdder writeDrops = new LongAdder();
  private final LongAdder writeFailures = new LongAdder();
  private final AtomicLong lastDropWarnNanos = new AtomicLong();
  private volatile boolean running;
  private Thread reader;
  private Thread writer;

  // Reader-thread state.
  private FrameSink sink;
  private PspDeframer deframer;
  private final byte[] buffer = new byte[4096];
  private boolean everOpened;
  private int attempts;
  private int backoffStep;
  private long downSinceNanos;
  private long lastWarnNanos;
  private long lastPathCheckNanos;
  private long lastSinkWarnNanos;

  public SerialPspBus(SerialBusConfig config) {
    this(config, System::nanoTime, Backoff.forDevices(), WRITE_QUEUE_CAPACITY);
  }

  SerialPspBus(
      SerialBusConfig config, LongSupplier nanoTime, Backoff backoff, int writeQueueCapacity) {
    this.config = Objects.requireNonNull(config, "config");
    this.nanoTime = nanoTime;
    this.backoff = backoff;
    this.port = new ConfiguredPort(config);
    this.outbox = new LinkedBlockingDeque<>(writeQueueCapacity);
  }

  @Override
  public String bus() {
    return config.name();
  }

  @Override
  public synchronized void start(FrameSink sink) {
    Objects.requireNonNull(sink, "sink");
    if (reader != null) {
      throw new IllegalStateException("serial " + bus() + " is already started");
    }
    if (stopping.getCount() == 0) {
      throw new IllegalStateException("serial " + bus() + " is closed");
    }
    this.sink = sink;
    running = true;
    reader = thread("reader", this::readLoop);
    writer = thread("writer", this::writeLoop);
    reader.start();
    writer.start();
  }

  @Override
  public boolean connected() {
    return port.isOpen();
  }

  /**
   * Queues the frame of {@code message}; when the queue is full, drops the oldest and counts it.
   */
  @Override
  public void send(PspMessage message) {
    Objects.requireNonNull(message, "message");
    while (!outbox.offerLast(message)) {
      if (outbox.pollFirst() != null) {
        writeDrops.increment();
        warnDropsAtMostEveryMinute();
      }
    }
  }

  public SerialBusStats stats() {
    Map<FrameError, Long> byError = new EnumMap<>(FrameError.class);
    for (FrameError error : FrameError.values()) {
      byError.put(error, rejected.get(error.ordinal()));
    }
    return new SerialBusStats(
        bytesRead.sum(),
        frames.sum(),
        byError,
        reopenAttempts.sum(),
        framesWritten.sum(),
        writeDrops.sum(),
        writeFailures.sum());
  }

  /** Stops both threads (within about a second) and closes the port. */
  @Override
  public void close() {
    Thread readerThread;
    Thread writerThread;
    synchronized (this) {
      running = false;
      stopping.countDown();
      readerThread = reader;
      writerThread = writer;
    }
    long deadline = System.nanoTime() + CLOSE_TIMEOUT_NANOS;
    join(readerThread, deadline);
    join(writerThread, deadline);
    port.close();
  }

  // ---- reader thread

  private void readLoop() {
    try {
      while (running) {
        if (port.isOpen()) {
          readOnce();
        } else {
          openOnce();
        }
      }
    } finally {
      port.close();
    }
  }

  private void readOnce() {
    int count;
    try {
      count = port.read(buffer);
    } catch (RuntimeException e) {
      lost("read threw " + e);
      return;
    }
    if (count > 0) {
      bytesRead.add(count);
      deframer.feed(buffer, 0, count);
    } else if (count < 0) {
      lost("read failed (errno " + port.lastErrorCode() + ")");
    } else if (pathCheckDue() && !port.pathExists()) {
      lost(port.path() + " is gone");
    }
  }

  private void openOnce() {
    attempts++;
    if (everOpened || attempts > 1) {
      reopenAttempts.increment();
    }
    try {
      port.open();
      opened();
    } catch (NoSuchFileException e) {
      openFailed("no such file");
    } catch (IOException e) {
      openFailed(e.getMessage());
    } catch (RuntimeException e) {
      openFailed(e.toString());
    }
  }

  private void opened() {
    deframer = new PspDeframer(new SinkForwarder());
    if (!everOpened) {
      log.info("serial {} open on {} at {} baud", bus(), port.path(), config.baud());
    } else {
      log.info(
          "serial {} reopened on {} at {} baud after {} s down, attempt {}",
          bus(),
          port.path(),
          config.baud(),
          seconds(nanoTime.getAsLong() - downSinceNanos),
          attempts);
    }
    everOpened = true;
    attempts = 0;
    backoffStep = 0;
  }

  private void openFailed(String reason) {
    long now = nanoTime.getAsLong();
    if (!everOpened && attempts == 1) {
      downSinceNanos = now;
      lastWarnNanos = now;
      log.warn("serial {} cannot open {}: {}; retrying with backoff", bus(), port.path(), reason);
    } else if (now - lastWarnNanos >= REMINDER_NANOS) {
      lastWarnNanos = now;
      log.warn(
          "serial {} still cannot open {} after {} s, attempt {}: {}",
          bus(),
          port.path(),
          seconds(now - downSinceNanos),
          attempts,
          reason);
    } else {
      log.debug("serial {} reopen of {} failed: {}", bus(), port.path(), reason);
    }
    pause(backoff.delayNanos(backoffStep++));
  }

  private void lost(String reason) {
    port.close();
    long now = nanoTime.getAsLong();
    downSinceNanos = now;
    lastWarnNanos = now;
    attempts = 0;
    backoffStep = 0;
    if (running) {
      log.warn("serial {} lost {}: {}; reopening with backoff", bus(), port.path(), reason);
      pause(backoff.delayNanos(backoffStep++));
    }
  }

  private boolean pathCheckDue() {
    long now = nanoTime.getAsLong();
    if (now - lastPathCheckNanos < PATH_CHECK_NANOS) {
      return false;
    }
    lastPathCheckNanos = now;
    return true;
  }

  /** Waits, but returns at once when the bus is closed. */
  private void pause(long nanos) {
    try {
      stopping.await(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Forwards what the deframer finds; a failing sink costs that frame, never the bus. */
  private final class SinkForwarder implements PspDeframer.Listener {
    @Override
    public void onMessage(PspMessage message) {
      frames.increment();
      log.trace("serial {} frame {}", bus(), message);
      try {
        sink.onMessage(bus(), message, nanoTime.getAsLong());
      } catch (RuntimeException e) {
        sinkFailed(e);
      }
    }

    @Override
    public void onError(FrameError error, String detail) {
      rejected.incrementAndGet(error.ordinal());
      log.debug("serial {} rejected a frame: {} ({})", bus(), error.code(), detail);
      try {
        sink.onRejected(bus(), error, detail);
      } catch (RuntimeException e) {
        sinkFailed(e);
      }
    }
  }

  private void sinkFailed(RuntimeException e) {
    long now = nanoTime.getAsLong();
    if (lastSinkWarnNanos == 0 || now - lastSinkWarnNanos >= REMINDER_NANOS) {
      lastSinkWarnNanos = now;
      log.warn("serial {} sink failed on a frame (further failures at DEBUG)", bus(), e);
    } else {
      log.debug("serial {} sink failed on a frame", bus(), e);
    }
  }

  // ---- writer thread

  private void writeLoop() {
    try {
      while (running) {
        writeOnce();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeOnce() throws InterruptedException {
    if (!port.awaitOpen(POLL_NANOS)) {
      return;
    }
    PspMessage message = outbox.pollFirst(POLL_NANOS, TimeUnit.NANOSECONDS);
    if (message == null) {
      return;
    }
    if (port.write(PspCodec.encodeFrame(message))) {
      framesWritten.increment();
      log.trace("serial {} wrote {}", bus(), message);
    } else {
      writeFailures.increment();
      log.debug("serial {} could not write {}: port closed or write failed", bus(), message);
    }
  }

  // ---- callers' threads

  private void warnDropsAtMostEveryMinute() {
    long now = nanoTime.getAsLong();
    long last = lastDropWarnNanos.get();
    if ((last == 0 || now - last >= TimeUnit.MINUTES.toNanos(1))
        && lastDropWarnNanos.compareAndSet(last, now)) {
      log.warn(
          "serial {} write queue full ({} frames): dropping the oldest; {} dropped so far",
          bus(),
          outbox.remainingCapacity() + outbox.size(),
          writeDrops.sum());
    }
  }

  private Thread thread(String job, Runnable loop) {
    Thread thread = new Thread(loop, "serial-" + bus() + "-" + job);
    thread.setDaemon(true);
    return thread;
  }

  private static void join(Thread thread, long deadlineNanos) {
    if (thread == null) {
      return;
    }
    try {
      long left = deadlineNanos - System.nanoTime();
      if (left > 0) {
        TimeUnit.NANOSECONDS.timedJoin(thread, left);
      }
      if (thread.isAlive()) {
        log.warn("{} did not stop within a second", thread.getName());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
  }
}
