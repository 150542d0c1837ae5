package dev.parkedge.gateway.testing;

import dev.parkedge.gateway.display.lorawan.DownlinkSender;
import dev.parkedge.proto.psp.Eui64;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Records the downlinks handed to the network server; can refuse the next few. */
public final class RecordingDownlinkSender implements DownlinkSender {

  /** One downlink as {@code "<dev eui> port <fPort>: <hex payload>"}. */
  private final List<String> sent = new ArrayList<>();

  private int refuseNext;

  @Override
  public synchronized void send(long devEui, int fPort, byte[] payload) {
    if (refuseNext > 0) {
      refuseNext--;
      throw new IllegalStateException("network server not connected");
    }
    sent.add(line(devEui, fPort, payload));
  }

  public static String line(long devEui, int fPort, byte[] payload) {
    return Eui64.format(devEui) + " port " + fPort + ": " + HexFormat.of().formatHex(payload);
  }

  public synchronized List<String> sent() {
    return List.copyOf(sent);
  }

  /** The next {@code count} downlinks throw, as when the MQTT client is not connected. */
  public synchronized void refuseNext(int count) {
    refuseNext = count;
  }
}
