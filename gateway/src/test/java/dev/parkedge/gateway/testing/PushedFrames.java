package dev.parkedge.gateway.testing;

import dev.parkedge.gateway.sensing.FrameSink;
import dev.parkedge.gateway.sensing.FrameSource;
import dev.parkedge.proto.psp.PspMessage;

/** A frame source the test pushes decoded packets into, as a transport thread would. */
public final class PushedFrames implements FrameSource {

  private final String bus;
  private volatile FrameSink sink;

  public PushedFrames(String bus) {
    this.bus = bus;
  }

  @Override
  public String bus() {
    return bus;
  }

  @Override
  public void start(FrameSink sink) {
    this.sink = sink;
  }

  @Override
  public boolean connected() {
    return sink != null;
  }

  public void push(PspMessage message) {
    sink.onMessage(bus, message, System.nanoTime());
  }

  @Override
  public void close() {
    sink = null;
  }
}
