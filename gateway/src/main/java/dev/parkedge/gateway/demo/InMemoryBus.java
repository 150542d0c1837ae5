package dev.parkedge.gateway.demo;

import dev.parkedge.gateway.display.PspLink;
import dev.parkedge.gateway.sensing.FrameSink;
import dev.parkedge.gateway.sensing.FrameSource;
import dev.parkedge.proto.psp.FrameError;
import dev.parkedge.proto.psp.PspCodec;
import dev.parkedge.proto.psp.PspDeframer;
import dev.parkedge.proto.psp.PspMessage;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A PSP/1 bus in memory: simulated devices write wire bytes that the gateway deframes on its own
 * reader thread exactly as it would from a serial port, and what the gateway sends to displays is
 * encoded to wire bytes and decoded again on the display side. Nothing is passed as objects.
 */
final class InMemoryBus implements FrameSource, PspLink {

  private final BlockingQueue<byte[]> wire = new LinkedBlockingQueue<>(100_000);
  private final Map<Long, PspMessage> displays = new ConcurrentHashMap<>();
  private final PspDeframer displaySide =
      new PspDeframer(
          new PspDeframer.Listener() {
            @Override
            public void onMessage(PspMessage message) {
              displays.put(message.device(), message);
            }

            @Override
            public void onError(FrameError error, String detail) {
              throw new IllegalStateException("the gateway sent a bad frame: " + detail);
            }
          });
  private final LongSupplier nanoTime;
  private volatile boolean running;
  private Thread reader;

  /** A bus that stamps frames with {@code nanoTime}: the gateway's monotonic source. */
  InMemoryBus(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  @Override
  public String bus() {
    return DemoSite.BUS;
  }

  /** A device puts bytes on the wire (whole frames, parts, or noise). */
  void deviceWrites(byte[] bytes) {
    wire.offer(bytes);
  }

  /** What the display with this EUI last received, or null. */
  PspMessage display(long eui) {
    return displays.get(eui);
  }

  @Override
  public void start(FrameSink sink) {
    running = true;
    PspDeframer deframer =
        new PspDeframer(
            new PspDeframer.Listener() {
              @Override
              public void onMessage(PspMessage message) {
                sink.onMessage(DemoSite.BUS, message, nanoTime.getAsLong());
              }

              @Override
              public void onError(FrameError error, String detail) {
                sink.onRejected(DemoSite.BUS, error, detail);
              }
            });
    reader =
        new Thread(
            () -> {
              while (running) {
                try {
                  byte[] chunk = wire.poll(100, TimeUnit.MILLISECONDS);
                  if (chunk != null) {
                    deframer.feed(chunk);
                  }
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "demo-bus-reader");
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public boolean connected() {
    return running;
  }

  @Override
  public synchronized void send(PspMessage message) {
    displaySide.feed(PspCodec.encodeFrame(message));
  }

  @Override
  public void close() {
    running = false;
    if (reader != null) {
      reader.interrupt();
    }
  }
}
