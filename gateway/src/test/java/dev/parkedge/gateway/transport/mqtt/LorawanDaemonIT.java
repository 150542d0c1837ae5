package dev.parkedge.gateway.transport.mqtt;

import static dev.parkedge.gateway.testing.Eventually.await;
import static dev.parkedge.gateway.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.gateway.testing.DaemonProcess;
import dev.parkedge.gateway.testing.LorawanSite;
import dev.parkedge.gateway.testing.Mosquitto;
import dev.parkedge.proto.psp.PspCodec;
import dev.parkedge.proto.psp.PspMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daemon jar against a real Mosquitto broker, fed the messages ChirpStack v4 publishes:
 * uplinks of paired Nwave NPS405 sensors turn spaces red and move the zone's LoRaWAN count sign (a
 * class-C downlink on the command/down topic); a {@code kill -9} in the middle of a stream of
 * uplinks, then a restart, applies every uplink exactly once; bad messages are counted and never
 * come back; a broker that goes away is tried again with backoff until it is back.
 */
class LorawanDaemonIT {

  private static final int SPACES = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Mosquitto broker;
  private DaemonProcess daemon;
  private MqttClient server;
  private final Map<Long, PspMessage> downlinks = new ConcurrentHashMap<>();

  @BeforeEach
  void startBrokerAndNetworkServer() throws Exception {
    broker = Mosquitto.start(dir, 100);
    LorawanSite.write(dir, broker.url(), SPACES);
    daemon = new DaemonProcess(dir, "LorawanDaemonIT");
    connectNetworkServer();
  }

  /** The test's network server: publishes uplinks, records the downlinks the daemon sends. */
  private void connectNetworkServer() throws Exception {
    server = new MqttClient(broker.url(), "chirpstack-it", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(1000);
    server.connect(options);
    server.subscribe(
        "application/" + LorawanSite.APPLICATION + "/device/+/command/down",
        1,
        (topic, message) -> {
          JsonNode down = JSON.readTree(message.getPayload());
          byte[] packet = Base64.getDecoder().decode(down.get("data").asText());
          PspMessage decoded = PspCodec.decodePacket(packet);
          downlinks.put(decoded.device(), decoded);
        });
  }

  @AfterEach
  void stopEverything() throws Exception {
    if (server != null && server.isConnected()) {
      server.disconnect();
    }
    if (daemon != null) {
      daemon.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void a_chirpstack_uplink_of_a_paired_nwave_sensor_turns_its_space_red_and_updates_the_sign()
      throws Exception {
    startDaemon();
    for (int i = 0; i < SPACES; i++) {
      uplink(i, 1, false);
    }
    eventually(() -> assertThat(sign()).isEqualTo("50 green"));

    uplink(7, 2, true);

    eventually(() -> assertThat(state("B007")).isEqualTo("occupied"));
    eventually(() -> assertThat(sign()).isEqualTo("49 green"));
    JsonNode lorawan = lorawanStatus();
    assertThat(lorawan.get("connected").asBoolean()).isTrue();
    assertThat(lorawan.get("details").get("uplinks").asLong()).isEqualTo(SPACES + 1);
    assertThat(lorawan.get("details").get("acked").asLong()).isEqualTo(SPACES + 1);
    JsonNode airtime = lorawan.get("details").get("downlink_airtime");
    assertThat(airtime.get("sent").asLong()).isPositive();
  }

  @Test
  void killing_the_daemon_mid_stream_applies_every_uplink_exactly_once() throws Exception {
    int rounds = 40; // 2,000 uplinks: each one flips its space
    startDaemon();
    Thread publisher =
        new Thread(
            () -> {
              try {
                for (int round = 1; round <= rounds; round++) {
                  for (int i = 0; i < SPACES; i++) {
                    uplink(i, round, round % 2 == 1);
                  }
                }
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            },
            "it-network-server");
    publisher.start();
    eventually(() -> assertThat(sensorEntries()).isGreaterThan(300));

    daemon.kill();
    publisher.join();
    startDaemon();

    eventually(() -> assertThat(sensorEntries()).isEqualTo(SPACES * rounds));
    daemon.stop();
    Map<String, List<Long>> counters = frameCountersBySpace();
    assertThat(counters).hasSize(SPACES);
    List<Long> every = new ArrayList<>();
    for (long fCnt = 1; fCnt <= rounds; fCnt++) {
      every.add(fCnt);
    }
    counters.forEach((space, fCnts) -> assertThat(fCnts).as(space).isEqualTo(every));
  }

  @Test
  void bad_messages_are_counted_acknowledged_and_never_delivered_again() throws Exception {
    startDaemon();
    String up = LorawanSite.topic(LorawanSite.SENSOR);
    publish(up, "{ this is not json");
    publish(up, LorawanSite.uplink(LorawanSite.SENSOR, 1, true).replace("\"AQ==\"", "\"@@@\""));
    publish(
        LorawanSite.topic(0x0004a30b00ffffffL), LorawanSite.uplink(0x0004a30b00ffffffL, 1, true));
    publish(up, LorawanSite.uplink(LorawanSite.SENSOR, 2, true).replace("\"AQ==\"", "\"AQID\""));
    publish(
        up.replace(LorawanSite.APPLICATION, "00000000-0000-0000-0000-000000000000"),
        LorawanSite.uplink(LorawanSite.SENSOR, 3, true));
    publish(up, "{\"pad\":\"" + "x".repeat(70_000) + "\"}");
    uplink(0, 4, true);

    eventually(() -> assertThat(state("B000")).isEqualTo("occupied"));
    JsonNode details = lorawanStatus().get("details");
    assertThat(details.get("unknown_devices").asLong()).isEqualTo(1);
    assertThat(details.get("undecodable").asLong()).isEqualTo(1);
    assertThat(details.get("refused").get("malformed_json").asLong()).isEqualTo(1);
    assertThat(details.get("refused").get("bad_base64").asLong()).isEqualTo(1);
    assertThat(details.get("refused").get("too_large").asLong()).isEqualTo(1);

    daemon.stop();
    startDaemon();
    Thread.sleep(2000); // anything unacknowledged would arrive again now
    assertThat(lorawanStatus().get("details").get("messages").asLong()).isZero();
  }

  @Test
  void a_broker_that_goes_away_is_tried_again_with_backoff_and_uplinks_flow_once_it_is_back()
      throws Exception {
    startDaemon();
    uplink(3, 1, true);
    eventually(() -> assertThat(state("B003")).isEqualTo("occupied"));

    server.disconnect();
    broker.close();
    eventually(() -> assertThat(lorawanStatus().get("connected").asBoolean()).isFalse());
    Thread.sleep(4000); // attempts fail, 1 s, 2 s and 4 s apart (±30 %)
    broker = broker.startAgain();
    connectNetworkServer();

    Duration back =
        await(
            "the daemon is connected to the broker again",
            Duration.ofSeconds(20),
            () -> lorawanStatus().get("connected").asBoolean());
    uplink(3, 2, false);
    eventually(() -> assertThat(state("B003")).isEqualTo("free"));
    assertThat(back)
        .as("the next attempt after the broker came back")
        .isLessThan(Duration.ofSeconds(12));
    assertThat(lorawanStatus().get("details").get("reconnects").asLong()).isEqualTo(1);
    assertThat(daemon.log())
        .as("one warning for the loss, one for the attempts that failed, whatever their number")
        .containsOnlyOnce("connection to " + broker.url() + " lost")
        .containsOnlyOnce("cannot connect to " + broker.url());
  }

  // ---- plumbing -----------------------------------------------------------------------------

  /** Starts the daemon and waits until its MQTT session exists at the broker. */
  private void startDaemon() throws Exception {
    daemon.start();
    eventually(() -> assertThat(lorawanStatus().get("connected").asBoolean()).isTrue());
  }

  private void uplink(int space, long fCnt, boolean occupied) throws Exception {
    long eui = LorawanSite.SENSOR + space;
    publish(LorawanSite.topic(eui), LorawanSite.uplink(eui, fCnt, occupied));
  }

  private void publish(String topic, String payload) throws Exception {
    MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    message.setQos(1);
    server.publish(topic, message);
  }

  private String sign() {
    if (downlinks.get(LorawanSite.SIGN) instanceof PspMessage.Counter counter) {
      return counter.isBlank() ? "blank" : counter.value() + " " + counter.color().jsonName();
    }
    return null;
  }

  private String state(String space) {
    for (JsonNode element : daemon.cli("spaces", "--json")) {
      if (element.get("id").asText().equals(space)) {
        return element.get("state").asText();
      }
    }
    throw new AssertionError("no space " + space);
  }

  private JsonNode lorawanStatus() {
    for (JsonNode bus : daemon.cli("status", "--json").get("buses")) {
      if (bus.get("name").asText().equals("lorawan")) {
        return bus;
      }
    }
    throw new AssertionError("no lorawan link in status");
  }

  private Connection database() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("var/parkedge.db"));
  }

  private long sensorEntries() {
    try (Connection connection = database();
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT count(*) FROM journal WHERE type = 'space.state'"
                        + " AND json_extract(body, '$.cause') = 'sensor'")) {
      rows.next();
      return rows.getLong(1);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private Map<String, List<Long>> frameCountersBySpace() throws Exception {
    Map<String, List<Long>> bySpace = new HashMap<>();
    try (Connection connection = database();
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT subject, json_extract(body, '$.fcnt') FROM journal"
                        + " WHERE type = 'space.state' AND json_extract(body, '$.cause') ="
                        + " 'sensor' ORDER BY seq")) {
      while (rows.next()) {
        bySpace.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getLong(2));
      }
    }
    return bySpace;
  }
}
