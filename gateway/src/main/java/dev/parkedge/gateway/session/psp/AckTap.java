package dev.parkedge.gateway.session.psp;

import dev.parkedge.gateway.devices.Heard;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.sensing.FrameSink;
import dev.parkedge.gateway.sensing.FrameSource;
import dev.parkedge.proto.psp.FrameError;
import dev.parkedge.proto.psp.PspMessage;
import java.util.Map;

/**
 * A bus as the gateway sees it, with the {@code Ack}s of barrier controllers also handed to the
 * {@link PspLaneGate} that waits for them (on the bus's reader thread, before the domain sees
 * them).
 */
public final class AckTap implements FrameSource {

  private final FrameSource source;
  private final PspLaneGate gates;

  public AckTap(FrameSource source, PspLaneGate gates) {
    this.source = source;
    this.gates = gates;
  }

  @Override
  public String bus() {
    return source.bus();
  }

  @Override
  public void start(FrameSink sink) {
    source.start(
        new FrameSink() {
          @Override
          public void onMessage(String bus, PspMessage message, long receivedNanos) {
            if (message instanceof PspMessage.Ack ack) {
              gates.onAck(ack);
            }
            sink.onMessage(bus, message, receivedNanos);
          }

          @Override
          public void onRejected(String bus, FrameError error, String detail) {
            sink.onRejected(bus, error, detail);
          }

          @Override
          public void onHeard(Heard heard, Runnable durable) {
            sink.onHeard(heard, durable);
          }

          @Override
          public void onJoined(String bus, long eui) {
            sink.onJoined(bus, eui);
          }

          @Override
          public void onLinkStatus(String bus, long eui, Integer batteryPercent, Integer marginDb) {
            sink.onLinkStatus(bus, eui, batteryPercent, marginDb);
          }
        });
  }

  @Override
  public void layoutApplied(SiteLayout layout) {
    source.layoutApplied(layout);
  }

  @Override
  public String port() {
    return source.port();
  }

  @Override
  public String protocol() {
    return source.protocol();
  }

  @Override
  public Map<String, Object> details() {
    return source.details();
  }

  @Override
  public boolean connected() {
    return source.connected();
  }

  @Override
  public void close() {
    source.close();
  }
}
