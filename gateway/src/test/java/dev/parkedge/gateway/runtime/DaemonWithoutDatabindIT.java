package dev.parkedge.gateway.runtime;

import static dev.parkedge.gateway.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.testing.ApiProbe;
import dev.parkedge.gateway.testing.DaemonProcess;
import dev.parkedge.gateway.testing.GeneratedSite;
import dev.parkedge.gateway.testing.LorawanSite;
import dev.parkedge.gateway.testing.Mosquitto;
import dev.parkedge.gateway.testing.PtyPair;
import dev.parkedge.gateway.testing.ShippedJvm;
import dev.parkedge.gateway.testing.SiteDevices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's resident memory is budgeted (README, "Resident memory"), and jackson-databind is
 * ~400 classes and several MB of it. A daemon on a serial site that starts, ingests frames, drives
 * its lights and signs and answers status and spaces must not load one of them, nor must a daemon
 * that hears its sensors and drives its sign through a LoRaWAN network server (ChirpStack or The
 * Things Stack, over a real Mosquitto): only a request that needs databind (a parking request) may.
 * Nor may the daemon load picocli when started as systemd starts it ({@code DaemonStartLine}): its
 * model of even one command is ~170 classes and 2 MB; nor may its LoRaWAN link start {@code
 * java.util.logging} for Paho (its log manager and ~25 classes: {@code PahoLog}). The real jar with
 * the shipped JVM options, and the JVM's own class-load log as the witness.
 */
class DaemonWithoutDatabindIT {

  private static final int SPACES = 100;
  private static final int PER_ZONE = 50;
  private static final String DATABIND = "com.fasterxml.jackson.databind.";
  private static final int LORAWAN_SPACES = 20;

  /** A space whose sensor is paired without a model: the network server's object is read. */
  private static final String MODEL_LESS_SPACE = "B099";

  private static final long MODEL_LESS_SENSOR = LorawanSite.SENSOR + 99;
  private static final String TTS_APPLICATION = "parkedge-hq@ttn";

  @TempDir Path dir;

  @Test
  void
      a_serial_daemon_that_ingests_frames_and_answers_status_and_spaces_never_loads_databind_nor_picocli()
          throws Exception {
    Path classLog = dir.resolve("class-load.log");
    try (PtyPair pty = PtyPair.start(dir);
        DaemonProcess daemon = witnessedDaemon("DaemonWithoutDatabindIT", classLog)) {
      int apiPort = GeneratedSite.write(dir, pty.a(), SPACES, PER_ZONE, "4h");
      daemon.start();
      try (SiteDevices devices = SiteDevices.open(pty.b(), null, SPACES, 0);
          ApiProbe api = new ApiProbe(apiPort)) {
        for (int i = 0; i < SPACES; i++) {
          devices.serial(i, i % 3 == 0);
        }
        awaitEverySpaceFollowsItsSensor(devices, api);
        for (int i = 0; i < SPACES; i += 7) {
          devices.serial(i, !devices.serialOccupied(i));
        }
        awaitEverySpaceFollowsItsSensor(devices, api);
        assertThat(api.status().get("spaces").get("unknown").asLong()).isZero();
        // an operator's note, as the soak writes one every 10 s
        assertThat(api.send(api.note("shift-1", "gate 3 sticks in the rain")).success()).isTrue();
      }
      daemon.stop();
    }

    assertNoDatabindClassIn(classLog, "DaemonWithoutDatabindIT");
    // started as systemd starts it (parkedge run -c FILE), it never builds a picocli model either
    assertNoClassIn(classLog, "DaemonWithoutDatabindIT", "picocli", "picocli.");
  }

  @Test
  void a_daemon_that_hears_chirpstack_uplinks_and_drives_its_lorawan_sign_never_loads_databind()
      throws Exception {
    heardThrough(new ChirpStackV4(), "DaemonWithoutDatabindIT-chirpstack");
  }

  @Test
  void
      a_daemon_that_hears_the_things_stack_uplinks_and_drives_its_lorawan_sign_never_loads_databind()
          throws Exception {
    heardThrough(new TheThingsStack(), "DaemonWithoutDatabindIT-tts");
  }

  /**
   * A LoRaWAN site heard through {@code server} over a real Mosquitto: every space's sensor sends
   * an uplink, a third of them flip again, a sensor paired without a model is read from the network
   * server's decoded object, the sign's downlinks are acknowledged, and a message that is not JSON
   * arrives; the daemon answers status and spaces throughout.
   */
  private void heardThrough(NetworkServer server, String name) throws Exception {
    Path classLog = dir.resolve("class-load.log");
    try (Mosquitto broker = Mosquitto.start(dir, 100);
        DaemonProcess daemon = witnessedDaemon(name, classLog)) {
      int apiPort = LorawanSite.write(dir, broker.url(), LORAWAN_SPACES);
      Path gatewayYaml = dir.resolve("gateway.yaml");
      Files.writeString(
          gatewayYaml,
          Files.readString(gatewayYaml)
              .replace("server: chirpstack-v4", "server: " + server.yamlName())
              .replace(LorawanSite.APPLICATION, server.application()));
      Path siteYaml = dir.resolve("site.yaml");
      Files.writeString(
          siteYaml,
          Files.readString(siteYaml)
              .replace(
                  "signs:\n",
                  String.format(
                      Locale.ROOT,
                      "          - { id: %s, sensor: { dev_eui: %016x } }%nsigns:%n",
                      MODEL_LESS_SPACE,
                      MODEL_LESS_SENSOR)));
      daemon.start();
      MqttClient client =
          new MqttClient(broker.url(), "it-network-server", new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setMaxInflight(1000); // 10 by default: more than that refuses a publish
      client.connect(options);
      AtomicInteger signDownlinks = new AtomicInteger();
      client.subscribe(
          server.downlinkTopic(LorawanSite.SIGN), 1, (t, m) -> signDownlinks.incrementAndGet());
      try (ApiProbe api = new ApiProbe(apiPort)) {
        api.awaitConnected("lorawan", Duration.ofSeconds(20));
        for (int i = 0; i < LORAWAN_SPACES; i++) {
          long eui = LorawanSite.SENSOR + i;
          publish(client, server.uplinkTopic(eui), server.uplink(eui, 1, i % 3 == 0, null));
        }
        publish(
            client,
            server.uplinkTopic(MODEL_LESS_SENSOR),
            server.uplink(MODEL_LESS_SENSOR, 1, false, "{\"occupied\":true,\"battery_mv\":3600}"));
        eventually(() -> assertThat(api.states()).containsEntry(MODEL_LESS_SPACE, "occupied"));
        for (int i = 0; i < LORAWAN_SPACES; i += 3) {
          long eui = LorawanSite.SENSOR + i;
          publish(client, server.uplinkTopic(eui), server.uplink(eui, 2, false, null));
        }
        eventually(
            () -> {
              Map<String, String> shown = api.states();
              for (int i = 0; i < LORAWAN_SPACES; i++) {
                assertThat(shown.get(LorawanSite.space(i)))
                    .as("state of %s", LorawanSite.space(i))
                    .isEqualTo("free");
              }
            });
        eventually(() -> assertThat(signDownlinks.get()).isPositive());
        publish(client, server.ackTopic(LorawanSite.SIGN), server.ack(LorawanSite.SIGN, 1));
        publish(client, server.uplinkTopic(LorawanSite.SENSOR), "{ this is not json");
        eventually(
            () ->
                assertThat(
                        api.bus("lorawan")
                            .get("details")
                            .get("refused")
                            .get("malformed_json")
                            .asLong())
                    .isEqualTo(1));
        assertThat(api.status().get("spaces").get("unknown").asLong()).isZero();
      } finally {
        client.disconnect();
        client.close();
      }
      daemon.stop();
    }

    assertNoDatabindClassIn(classLog, name);
    // Paho logs through the daemon's own log (PahoLog), not by starting java.util.logging
    assertNoClassIn(classLog, name, "java.util.logging", "java.util.logging.");
  }

  /** The real jar with the shipped JVM options and environment, logging every class it loads. */
  private DaemonProcess witnessedDaemon(String name, Path classLog) {
    List<String> options = new ArrayList<>(ShippedJvm.OPTIONS);
    options.add("-Xlog:class+load=info:file=" + classLog);
    DaemonProcess daemon = new DaemonProcess(dir, name, options);
    ShippedJvm.ENVIRONMENT.forEach(daemon::environment);
    return daemon;
  }

  /** The class log is kept in target/ as {@code name}-class-load.log. */
  private static void assertNoDatabindClassIn(Path classLog, String name) throws Exception {
    assertNoClassIn(classLog, name, "jackson-databind", DATABIND);
  }

  private static void assertNoClassIn(Path classLog, String name, String library, String prefix)
      throws Exception {
    Path kept = Path.of("target", name + "-class-load.log");
    Files.copy(classLog, kept, StandardCopyOption.REPLACE_EXISTING);
    List<String> loaded = loadedClasses(kept);
    assertThat(loaded).as("classes in %s", kept).hasSizeGreaterThan(1000);
    int first = firstClassOf(loaded, prefix);
    assertThat(first)
        .as(
            "the daemon loaded %d %s classes; the first, %s, right after %s (the"
                + " last ParkEdge class before it: %s; all in %s)",
            loaded.stream().filter(loadedClass -> loadedClass.startsWith(prefix)).count(),
            library,
            first < 0 ? null : loaded.get(first),
            first < 1 ? null : loaded.get(first - 1),
            first < 0 ? null : lastParkEdgeClass(loaded, first),
            kept)
        .isNegative();
  }

  private static void publish(MqttClient client, String topic, String payload) throws Exception {
    MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    message.setQos(1);
    client.publish(topic, message);
  }

  /** What a network server publishes, in its own topics and JSON. */
  private interface NetworkServer {
    String yamlName();

    String application();

    String uplinkTopic(long devEui);

    /** An uplink of an NPS405 (payload 1 occupied, 0 free), with this decoded object or none. */
    String uplink(long devEui, long fCnt, boolean occupied, String decodedObject);

    String downlinkTopic(long devEui);

    String ackTopic(long devEui);

    /** The server's acknowledgement that downlink {@code fCntDown} went out to the device. */
    String ack(long devEui, long fCntDown);
  }

  /** ChirpStack v4.1+, as {@link LorawanSite} writes its uplinks. */
  private static final class ChirpStackV4 implements NetworkServer {
    @Override
    public String yamlName() {
      return "chirpstack-v4";
    }

    @Override
    public String application() {
      return LorawanSite.APPLICATION;
    }

    @Override
    public String uplinkTopic(long devEui) {
      return LorawanSite.topic(devEui);
    }

    @Override
    public String uplink(long devEui, long fCnt, boolean occupied, String decodedObject) {
      String uplink = LorawanSite.uplink(devEui, fCnt, occupied);
      return decodedObject == null
          ? uplink
          : uplink.replace("\"data\":", "\"object\":" + decodedObject + ",\"data\":");
    }

    @Override
    public String downlinkTopic(long devEui) {
      return String.format(
          Locale.ROOT, "application/%s/device/%016x/command/down", application(), devEui);
    }

    @Override
    public String ackTopic(long devEui) {
      return String.format(
          Locale.ROOT, "application/%s/device/%016x/event/txack", application(), devEui);
    }

    @Override
    public String ack(long devEui, long fCntDown) {
      return String.format(
          Locale.ROOT,
          "{\"deviceInfo\":{\"applicationId\":\"%s\",\"devEui\":\"%016x\"},"
              + "\"time\":\"2026-11-22T10:00:01.5+00:00\",\"fCntDown\":%d}",
          application(),
          devEui,
          fCntDown);
    }
  }

  /** The Things Stack v3, application {@code parkedge-hq} of tenant {@code ttn}. */
  private static final class TheThingsStack implements NetworkServer {
    @Override
    public String yamlName() {
      return "the-things-stack";
    }

    @Override
    public String application() {
      return TTS_APPLICATION;
    }

    @Override
    public String uplinkTopic(long devEui) {
      return String.format(Locale.ROOT, "v3/%s/devices/eui-%016x/up", application(), devEui);
    }

    @Override
    public String uplink(long devEui, long fCnt, boolean occupied, String decodedObject) {
      String data = Base64.getEncoder().encodeToString(new byte[] {(byte) (occupied ? 1 : 0)});
      return String.format(
          Locale.ROOT,
          "{\"end_device_ids\":{\"device_id\":\"eui-%016x\",\"application_ids\":"
              + "{\"application_id\":\"parkedge-hq\"},\"dev_eui\":\"%016X\"},"
              + "\"received_at\":\"2026-11-22T10:00:00.861392517Z\",\"uplink_message\":"
              + "{\"f_port\":1,\"f_cnt\":%d,\"frm_payload\":\"%s\",%s"
              + "\"rx_metadata\":[{\"gateway_ids\":{\"gateway_id\":\"roof\","
              + "\"eui\":\"B827EBFFFE8A1C01\"},\"rssi\":-88,\"snr\":9.25}],"
              + "\"received_at\":\"2026-11-22T10:00:00.601Z\"}}",
          devEui,
          devEui,
          fCnt,
          data,
          decodedObject == null ? "" : "\"decoded_payload\":" + decodedObject + ",");
    }

    @Override
    public String downlinkTopic(long devEui) {
      return String.format(Locale.ROOT, "v3/%s/devices/eui-%016x/down/push", application(), devEui);
    }

    @Override
    public String ackTopic(long devEui) {
      return String.format(Locale.ROOT, "v3/%s/devices/eui-%016x/down/sent", application(), devEui);
    }

    @Override
    public String ack(long devEui, long fCntDown) {
      return String.format(
          Locale.ROOT,
          "{\"end_device_ids\":{\"device_id\":\"eui-%016x\",\"application_ids\":"
              + "{\"application_id\":\"parkedge-hq\"},\"dev_eui\":\"%016X\"},"
              + "\"downlink_sent\":{\"f_port\":15,\"f_cnt\":%d}}",
          devEui,
          devEui,
          fCntDown);
    }
  }

  /** Every light shows its sensor's state and the API's spaces say the same. */
  private static void awaitEverySpaceFollowsItsSensor(SiteDevices devices, ApiProbe api) {
    eventually(
        () -> {
          Map<String, String> shown = api.states();
          for (int i = 0; i < SPACES; i++) {
            String expected = devices.serialOccupied(i) ? "occupied" : "free";
            String id = String.format(Locale.ROOT, "P%05d", i);
            assertThat(shown.get(id)).as("state of %s", id).isEqualTo(expected);
            assertThat(devices.light(i))
                .as("light of %s", id)
                .isEqualTo(SiteDevices.lightFor(expected));
          }
        });
  }

  /** The class names of {@code -Xlog:class+load} lines, in the order they were loaded. */
  private static List<String> loadedClasses(Path log) throws Exception {
    List<String> names = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      int tags = line.indexOf("[class,load] ");
      if (tags >= 0) {
        String rest = line.substring(tags + "[class,load] ".length());
        int space = rest.indexOf(' ');
        names.add(space < 0 ? rest : rest.substring(0, space));
      }
    }
    return names;
  }

  /** The class that most likely asked for databind: ours, loaded last before {@code index}. */
  private static String lastParkEdgeClass(List<String> loaded, int index) {
    for (int i = index - 1; i >= 0; i--) {
      if (loaded.get(i).startsWith("dev.parkedge.")) {
        return loaded.get(i);
      }
    }
    return null;
  }

  private static int firstClassOf(List<String> loaded, String prefix) {
    for (int i = 0; i < loaded.size(); i++) {
      if (loaded.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
