package dev.parkedge.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.gateway.testing.ApiProbe;
import dev.parkedge.gateway.testing.DaemonProcess;
import dev.parkedge.gateway.testing.Eventually;
import dev.parkedge.gateway.testing.GeneratedSite;
import dev.parkedge.gateway.testing.LorawanSite;
import dev.parkedge.gateway.testing.Mosquitto;
import dev.parkedge.gateway.testing.PtyPair;
import dev.parkedge.gateway.testing.ShippedJvm;
import dev.parkedge.gateway.testing.SiteDevices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon jar with its data directory on a tiny filesystem that fills up (a tmpfs and a ballast
 * file, so writes fail with ENOSPC as on a full SD card): it keeps guiding (lights and signs follow
 * serial and LoRaWAN sensors), raises a storage alarm in status, refuses durable requests with the
 * reason and records nothing for them; when the ballast goes it recovers by itself: the alarm
 * clears, everything sensed meanwhile is journaled, durable requests are taken again.
 */
class FullDiskIT {

  private static final int SERIAL = 100;
  private static final int PER_ZONE = 50;
  private static final int LORA = 20;

  @TempDir Path dir;
  private TinyDisk disk;
  private Mosquitto broker;
  private PtyPair pty;
  private DaemonProcess daemon;
  private SiteDevices devices;
  private ApiProbe api;
  private final DurableRequests.Notes notes = new DurableRequests.Notes();

  @BeforeEach
  void startOnATinyDisk() throws Exception {
    disk = TinyDisk.mount(dir.resolve("var"), 8);
    broker = Mosquitto.start(dir, 20); // Mosquitto's default, as on a stock ChirpStack box
    pty = PtyPair.start(dir);
    int apiPort = GeneratedSite.write(dir, pty.a(), SERIAL, PER_ZONE, "4h", broker.url(), LORA);
    // The data directory is a few MB on purpose: the health check's free-space floor (100 MB by
    // default) would stay an alarm the whole run, hiding whether the storage alarm clears.
    Files.writeString(
        dir.resolve("gateway.yaml"),
        "health:\n  disk_floor_mb: 0\nbackups:\n  enabled: false\n",
        StandardOpenOption.APPEND);
    daemon = new DaemonProcess(dir, "FullDiskIT", ShippedJvm.OPTIONS);
    devices = SiteDevices.open(pty.b(), broker.url(), SERIAL, LORA);
    api = new ApiProbe(apiPort);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable closeable : new AutoCloseable[] {api, devices, daemon, pty, broker, disk}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  @Test
  void keeps_guiding_refuses_durable_requests_and_recovers_by_itself() throws Exception {
    daemon.start();
    api.awaitConnected("lorawan", Duration.ofSeconds(20));
    everySensorReports();
    awaitDisplaysShowSensors("before the disk fills");
    assertThat(notes.next(api).outcome()).isEqualTo(DurableRequests.Outcome.CONFIRMED);

    long ballast = disk.fill();
    String full = awaitStorageAlarm(ballast);

    flipEverySpace();
    awaitDisplaysShowSensors("while the disk is full");
    DurableRequests.Attempt refused = notes.next(api);
    assertThat(refused.outcome())
        .as("a durable request on a full disk")
        .isEqualTo(DurableRequests.Outcome.REFUSED);
    assertThat(refused.detail())
        .startsWith("refused, nothing recorded: disk full: ")
        .contains("parkedge.db");
    assertThat(full).startsWith("storage: disk full: ");
    flipEverySpace();
    awaitDisplaysShowSensors("while the disk is still full");

    disk.empty();
    Duration recovered =
        Eventually.await(
            "the storage alarm clears by itself",
            Duration.ofSeconds(30),
            () -> api.status().get("alarms").isEmpty());
    assertThat(api.status().get("storage").asText()).isEqualTo("ok");
    assertThat(notes.next(api).outcome()).isEqualTo(DurableRequests.Outcome.CONFIRMED);
    awaitDisplaysShowSensors("after space returned");
    awaitJournalHoldsEveryChange();
    try (Connection db =
        DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("var/parkedge.db"))) {
      assertThat(notes.problems(db)).isEmpty();
    }
    System.err.printf(
        Locale.ROOT,
        "FullDiskIT: ballast %d bytes; alarm: %s; recovered %d ms after the ballast went%n",
        ballast,
        full,
        recovered.toMillis());
  }

  private void everySensorReports() throws Exception {
    for (int i = 0; i < SERIAL; i++) {
      devices.serial(i, i % 3 == 0);
    }
    for (int i = 0; i < LORA; i++) {
      devices.uplink(i, i % 2 == 0);
    }
  }

  private void flipEverySpace() throws Exception {
    for (int i = 0; i < SERIAL; i++) {
      devices.serial(i, !devices.serialOccupied(i));
    }
    for (int i = 0; i < LORA; i++) {
      devices.uplink(i, !devices.loraOccupied(i));
    }
  }

  /** Sensor traffic until the store reports the full disk; returns the alarm. */
  private String awaitStorageAlarm(long ballast) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode alarm : api.status().get("alarms")) {
        if (alarm.asText().startsWith("storage:")) {
          return alarm.asText();
        }
      }
      // state changes fill the WAL until a commit needs a page the filesystem cannot give
      flipEverySpace();
      Thread.sleep(200);
    }
    throw new AssertionError(
        "no storage alarm within 60 s after filling the disk with " + ballast + " bytes");
  }

  /** Every space shows what its sensor last said, on its light, its sign and in the API. */
  private void awaitDisplaysShowSensors(String when) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<String> wrong = wrongDisplays();
    while (!wrong.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            when
                + ": "
                + wrong.size()
                + " spaces or displays do not follow the sensors, e.g. "
                + wrong.subList(0, Math.min(8, wrong.size())));
      }
      Thread.sleep(100);
      wrong = wrongDisplays();
    }
  }

  private List<String> wrongDisplays() {
    List<String> wrong = new ArrayList<>();
    Map<String, String> shown = api.states();
    int[] free = new int[3];
    for (int i = 0; i < SERIAL; i++) {
      String expected = devices.serialOccupied(i) ? "occupied" : "free";
      String id = String.format(Locale.ROOT, "P%05d", i);
      if (!expected.equals(shown.get(id))) {
        wrong.add(id + " " + shown.get(id) + " (sensor: " + expected + ")");
      } else if (!SiteDevices.lightFor(expected).equals(devices.light(i))) {
        wrong.add(id + " light " + devices.light(i) + " (sensor: " + expected + ")");
      }
      free[GeneratedSite.zone(i, PER_ZONE, true)] += expected.equals("free") ? 1 : 0;
    }
    for (int zone : new int[] {0, 2}) {
      String expected = SiteDevices.signFor(free[zone], 0, PER_ZONE);
      if (!expected.equals(devices.sign(GeneratedSite.SIGN + zone))) {
        wrong.add(
            "sign Z"
                + zone
                + " "
                + devices.sign(GeneratedSite.SIGN + zone)
                + " ("
                + expected
                + ")");
      }
    }
    int loraFree = 0;
    for (int i = 0; i < LORA; i++) {
      String expected = devices.loraOccupied(i) ? "occupied" : "free";
      String id = LorawanSite.space(i);
      if (!expected.equals(shown.get(id))) {
        wrong.add(id + " " + shown.get(id) + " (sensor: " + expected + ")");
      }
      loraFree += expected.equals("free") ? 1 : 0;
    }
    String expected = SiteDevices.signFor(loraFree, 0, LORA);
    if (!expected.equals(devices.sign(LorawanSite.SIGN))) {
      wrong.add("LoRaWAN sign " + devices.sign(LorawanSite.SIGN) + " (" + expected + ")");
    }
    return wrong;
  }

  /** Every uplink that changed a LoRaWAN space is journaled once, the outage's included. */
  private void awaitJournalHoldsEveryChange() {
    Eventually.await(
        "every LoRaWAN state change sensed during the outage is journaled, once",
        Duration.ofSeconds(30),
        () -> {
          try (Connection db =
                  DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("var/parkedge.db"));
              Statement statement = db.createStatement()) {
            for (int i = 0; i < LORA; i++) {
              java.util.List<Long> fCnts = new java.util.ArrayList<>();
              try (ResultSet rows =
                  statement.executeQuery(
                      "SELECT json_extract(body, '$.fcnt') FROM journal WHERE type = 'space.state'"
                          + " AND subject = '"
                          + LorawanSite.space(i)
                          + "' AND json_extract(body, '$.cause') = 'sensor' ORDER BY seq")) {
                while (rows.next()) {
                  fCnts.add(rows.getLong(1));
                }
              }
              if (!fCnts.equals(devices.changingUplinks(i))) {
                return false;
              }
            }
            return true;
          } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
          }
        });
  }
}
