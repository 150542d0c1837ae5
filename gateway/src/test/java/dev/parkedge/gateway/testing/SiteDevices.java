package dev.parkedge.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.proto.psp.FrameError;
import dev.parkedge.proto.psp.PspCodec;
import dev.parkedge.proto.psp.PspDeframer;
import dev.parkedge.proto.psp.PspMessage;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The devices of a {@link GeneratedSite} with a LoRaWAN part, from the outside: PSP/1 sensors
 * writing to the device end of a pseudo-terminal and the lights and count signs reading from it,
 * and a network server (ChirpStack v4 over MQTT) publishing the NPS405 sensors' uplinks and reading
 * the LoRaWAN sign's downlinks. It remembers what each sensor last said, and each LoRaWAN sensor's
 * frame counter, so a test can say what every display must show.
 */
public final class SiteDevices implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OutputStream serial;
  private final MqttAsyncClient server;
  private final boolean[] serialOccupied;
  private final int[] serialSeq;
  private final boolean[] loraOccupied;
  private final long[] fCnt;
  private final List<List<Long>> changingUplinks = new ArrayList<>();
  private final Map<Long, PspMessage> displays = new ConcurrentHashMap<>();
  private long framesSent;
  private long uplinksSent;

  private SiteDevices(OutputStream serial, MqttAsyncClient server, int serialSpaces, int lora) {
    this.serial = serial;
    this.server = server;
    this.serialOccupied = new boolean[serialSpaces];
    this.serialSeq = new int[serialSpaces];
    this.loraOccupied = new boolean[lora];
    this.fCnt = new long[lora];
    for (int i = 0; i < lora; i++) {
      changingUplinks.add(new ArrayList<>());
    }
  }

  /**
   * @param deviceEnd the pty's device end (the daemon's serial bus is the other end)
   * @param brokerUrl the broker the daemon's LoRaWAN link uses; null without LoRaWAN spaces
   */
  public static SiteDevices open(Path deviceEnd, String brokerUrl, int serialSpaces, int lora)
      throws IOException, MqttException {
    Path tty = deviceEnd.toRealPath();
    OutputStream out = new FileOutputStream(tty.toFile());
    MqttAsyncClient server = null;
    if (brokerUrl != null) {
      server = new MqttAsyncClient(brokerUrl, "reliability-ns", new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setMaxInflight(1000);
      server.connect(options).waitForCompletion(10_000);
    }
    SiteDevices devices = new SiteDevices(out, server, serialSpaces, lora);
    Thread displayReader = new Thread(() -> devices.readDisplays(tty), "site-devices-displays");
    displayReader.setDaemon(true);
    displayReader.start();
    if (server != null) {
      server
          .subscribe(
              "application/" + LorawanSite.APPLICATION + "/device/+/command/down",
              1,
              (topic, message) -> devices.downlink(message.getPayload()))
          .waitForCompletion(10_000);
    }
    return devices;
  }

  // ---- what the sensors say -----------------------------------------------------------------

  /** Serial sensor {@code i} reports {@code occupied}: a change, or a heartbeat if it was so. */
  public synchronized void serial(int i, boolean occupied) throws IOException {
    serialOccupied[i] = occupied;
    serialSeq[i] = (serialSeq[i] + 1) & 0xFFFF;
    serial.write(
        PspCodec.encodeFrame(
            new PspMessage.Occupancy(
                GeneratedSite.SENSOR + i,
                serialSeq[i],
                occupied ? PspMessage.SpaceState.OCCUPIED : PspMessage.SpaceState.FREE,
                3600,
                20)));
    serial.flush();
    framesSent++;
  }

  /** LoRaWAN sensor {@code i} sends an uplink with its next frame counter (QoS 1). */
  public synchronized void uplink(int i, boolean occupied) throws MqttException {
    if (fCnt[i] == 0 || loraOccupied[i] != occupied) {
      changingUplinks.get(i).add(fCnt[i] + 1);
    }
    loraOccupied[i] = occupied;
    long eui = LorawanSite.SENSOR + i;
    MqttMessage message =
        new MqttMessage(
            LorawanSite.uplink(eui, ++fCnt[i], occupied).getBytes(StandardCharsets.UTF_8));
    message.setQos(1);
    server.publish(LorawanSite.topic(eui), message).waitForCompletion(30_000);
    uplinksSent++;
  }

  public synchronized boolean serialOccupied(int i) {
    return serialOccupied[i];
  }

  public synchronized boolean loraOccupied(int i) {
    return loraOccupied[i];
  }

  /** Uplinks sensor {@code i} has sent: its frame counters were 1 … this. */
  public synchronized long frameCounter(int i) {
    return fCnt[i];
  }

  /**
   * The frame counters of sensor {@code i}'s uplinks that changed what it said (its first one
   * included): each must be journaled exactly once, as a {@code space.state} entry.
   */
  public synchronized List<Long> changingUplinks(int i) {
    return List.copyOf(changingUplinks.get(i));
  }

  public synchronized long framesSent() {
    return framesSent;
  }

  public synchronized long uplinksSent() {
    return uplinksSent;
  }

  public int serialSpaces() {
    return serialOccupied.length;
  }

  public int loraSpaces() {
    return loraOccupied.length;
  }

  // ---- what the displays show ---------------------------------------------------------------

  /** The light of serial space {@code i}, e.g. {@code red solid}; null before any command. */
  public String light(int i) {
    if (displays.get(GeneratedSite.LIGHT + i) instanceof PspMessage.Indicator light) {
      return light.color().jsonName() + " " + light.pattern().jsonName();
    }
    return null;
  }

  /** A count sign, e.g. {@code 33 green} or {@code blank}; null before any command. */
  public String sign(long eui) {
    if (displays.get(eui) instanceof PspMessage.Counter counter) {
      return counter.isBlank() ? "blank" : counter.value() + " " + counter.color().jsonName();
    }
    return null;
  }

  /** What a space's light shows in a state, as README's "What the daemon does" says. */
  public static String lightFor(String state) {
    return switch (state) {
      case "free" -> "green solid";
      case "occupied" -> "red solid";
      case "reserved" -> "blue solid";
      case "maintenance" -> "amber solid";
      default -> "amber slow_blink";
    };
  }

  /** What a count sign shows for a zone of {@code spaces} with these free and unknown. */
  public static String signFor(int free, int unknown, int spaces) {
    if (unknown * 2 > spaces) {
      return "blank";
    }
    return free + (free > 0 ? " green" : " red");
  }

  /** Forgets what the displays showed (before a restart re-sends them all). */
  public void clearDisplays() {
    displays.clear();
  }

  private void readDisplays(Path tty) {
    PspDeframer deframer =
        new PspDeframer(
            new PspDeframer.Listener() {
              @Override
              public void onMessage(PspMessage message) {
                displays.put(message.device(), message);
              }

              @Override
              public void onError(FrameError error, String detail) {
                // a frame cut by a kill; the next one decodes
              }
            });
    byte[] buffer = new byte[8192];
    try (InputStream in = new FileInputStream(tty.toFile())) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        deframer.feed(buffer, 0, n);
      }
    } catch (IOException closed) {
      // the pty went away at the end of the test
    }
  }

  private void downlink(byte[] payload)
      throws IOException, dev.parkedge.proto.psp.PspFormatException {
    JsonNode down = JSON.readTree(payload);
    PspMessage decoded =
        PspCodec.decodePacket(Base64.getDecoder().decode(down.get("data").asText()));
    displays.put(decoded.device(), decoded);
  }

  @Override
  public void close() throws Exception {
    serial.close();
    if (server != null && server.isConnected()) {
      server.disconnect().waitForCompletion(5_000);
    }
    if (server != null) {
      server.close();
    }
  }
}
