package dev.parkedge.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon jar under load (PSP/1 frames over a pseudo-terminal, LoRaWAN uplinks through
 * Mosquitto, durable notes over the API) is killed with SIGKILL at random moments. After each kill,
 * a copy of its files as they were at the kill passes integrity_check, has a gap-free journal,
 * holds every confirmed durable request exactly once and no LoRaWAN uplink twice; after each
 * restart the daemon shows what its journal says and every display shows what the daemon shows. At
 * the end every uplink ever published was applied exactly once and every display shows what its
 * sensors last said.
 *
 * <p>{@code -Dcrash.kills=N} (default 10; 50 for the full run) and {@code -Dcrash.seed=S} (logged
 * when chosen at random): the seed fixes the load and the kill moments, not the OS's scheduling.
 */
class CrashIT {

  private static final int SERIAL = 200;
  private static final int PER_ZONE = 50;
  private static final int LORA = 50;

  @TempDir Path dir;
  private Mosquitto broker;
  private PtyPair pty;
  private DaemonProcess daemon;
  private SiteDevices devices;
  private ApiProbe api;
  private ApiProbe client;
  private final List<DurableRequests> durable = List.of(new DurableRequests.Notes());
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void startSite() throws Exception {
    broker = Mosquitto.start(dir, 100);
    pty = PtyPair.start(dir);
    int apiPort = GeneratedSite.write(dir, pty.a(), SERIAL, PER_ZONE, "4h", broker.url(), LORA);
    daemon = new DaemonProcess(dir, "CrashIT", ShippedJvm.OPTIONS);
    devices = SiteDevices.open(pty.b(), broker.url(), SERIAL, LORA);
    api = new ApiProbe(apiPort);
    client = new ApiProbe(apiPort);
  }

  @AfterEach
  void stopSite() throws Exception {
    Files.write(Path.of("target", "CrashIT-kills.log"), log);
    for (AutoCloseable closeable :
        new AutoCloseable[] {api, client, devices, daemon, pty, broker}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  @Test
  void every_kill_leaves_a_sound_database_and_loses_or_doubles_nothing_acknowledged()
      throws Exception {
    int kills = Integer.getInteger("crash.kills", 10);
    long seed = Long.getLong("crash.seed", System.nanoTime());
    note("seed " + seed + ", " + kills + " kills (reproduce: -Dcrash.seed=" + seed + ")");
    SplittableRandom random = new SplittableRandom(seed);
    SplittableRandom sensorRandom = random.split();
    daemon.start();
    api.awaitConnected("lorawan", Duration.ofSeconds(20));
    allReport();

    try (LoadLoop sensors = new LoadLoop("crash-sensors", () -> sensorStep(sensorRandom));
        LoadLoop requests = new LoadLoop("crash-durable", this::durableStep)) {
      for (int kill = 1; kill <= kills; kill++) {
        long after = 300 + random.nextLong(2_200);
        Thread.sleep(after);
        daemon.kill();
        note(String.format(Locale.ROOT, "kill %d: SIGKILL %d ms into the run", kill, after));
        sensors.pause();
        requests.pause(() -> durable.forEach(DurableRequests::cancelInFlight));
        checkFilesAsLeftByTheKill("kill " + kill);
        if (random.nextInt(5) == 0) {
          killWhileStarting(kill, random.nextLong(100, 1500));
        }
        devices.clearDisplays();
        daemon.start();
        awaitQuiet();
        checkDaemonAgreesWithJournalAndDisplays("restart " + kill);
        sensors.resume();
        requests.resume();
      }
      sensors.pause();
      requests.pause();
    }

    allReport();
    awaitQuiet();
    checkEverySpaceShowsWhatItsSensorLastSaid();
    daemon.stop();
    checkFilesAsLeftByTheKill("after the clean stop");
    checkEveryUplinkAppliedExactlyOnce();
    note(summary());
    try (Connection db = database()) {
      for (DurableRequests requests : durable) {
        note(
            requests.name()
                + "s cut by a kill and recorded anyway (committed before the kill, answer lost): "
                + requests.unknownRecorded(db)
                + " of "
                + requests.count(DurableRequests.Outcome.UNKNOWN));
      }
    }
  }

  /**
   * One kill in five is followed by another while the daemon starts: during the JVM's start, the
   * integrity check, restore from the journal and the snapshot it asks for at once, or just after
   * ready while redelivered uplinks and buffered frames arrive.
   */
  private void killWhileStarting(int kill, long afterMillis) throws Exception {
    daemon.startNoWait();
    Thread.sleep(afterMillis);
    daemon.kill();
    note(String.format(Locale.ROOT, "kill %d, again %d ms into the restart", kill, afterMillis));
    checkFilesAsLeftByTheKill("kill " + kill + " during the restart");
  }

  // ---- load ---------------------------------------------------------------------------------

  /** One sensor message, about 250 a second: a random space flips. */
  private void sensorStep(SplittableRandom random) throws Exception {
    int i = random.nextInt(SERIAL + LORA);
    if (i < SERIAL) {
      devices.serial(i, !devices.serialOccupied(i));
    } else {
      devices.uplink(i - SERIAL, !devices.loraOccupied(i - SERIAL));
    }
    Thread.sleep(4);
  }

  /**
   * One durable request of each kind, about 100 a second: a busy pay station's rate many times
   * over, and within what one CoAP client can number (65,536 message ids per exchange lifetime).
   */
  private void durableStep() throws InterruptedException {
    for (DurableRequests requests : durable) {
      requests.next(client);
    }
    Thread.sleep(10);
  }

  /** Every sensor reports its state once (a heartbeat): nothing left unknown. */
  private void allReport() throws Exception {
    for (int i = 0; i < SERIAL; i++) {
      devices.serial(i, devices.serialOccupied(i));
    }
    for (int i = 0; i < LORA; i++) {
      devices.uplink(i, devices.loraOccupied(i));
    }
  }

  // ---- checks -------------------------------------------------------------------------------

  /** On a copy of parkedge.db and its WAL as the kill left them (the daemon is not running). */
  private void checkFilesAsLeftByTheKill(String when) throws Exception {
    Path copy = Files.createTempDirectory(dir, "at-kill-");
    for (String file : List.of("parkedge.db", "parkedge.db-wal")) {
      Path source = dir.resolve("var").resolve(file);
      if (Files.exists(source)) {
        Files.copy(source, copy.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    try (Connection db =
        DriverManager.getConnection("jdbc:sqlite:" + copy.resolve("parkedge.db"))) {
      assertThat(query(db, "PRAGMA integrity_check")).as(when).containsExactly("ok");
      long[] seqs =
          longs(db, "SELECT count(*), coalesce(min(seq), 1), coalesce(max(seq), 0) FROM journal");
      assertThat(seqs[0]).as("%s: the journal's seqs are gap-free from 1", when).isEqualTo(seqs[2]);
      assertThat(seqs[1]).as(when).isEqualTo(1);
      for (DurableRequests requests : durable) {
        assertThat(requests.problems(db)).as("%s: durable %ss", when, requests.name()).isEmpty();
      }
      frameCounters(db)
          .forEach(
              (space, fCnts) -> {
                for (int k = 1; k < fCnts.size(); k++) {
                  assertThat(fCnts.get(k))
                      .as("%s: %s's uplinks in journal order %s", when, space, fCnts)
                      .isGreaterThan(fCnts.get(k - 1));
                }
              });
    }
  }

  /** The daemon shows the state its journal ends with, and every display what the daemon shows. */
  private void checkDaemonAgreesWithJournalAndDisplays(String when) throws Exception {
    Map<String, String> shown = api.states();
    Map<String, String> journaled = new HashMap<>();
    try (Connection db = database();
        Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT subject, json_extract(body, '$.to') FROM journal WHERE seq IN"
                    + " (SELECT max(seq) FROM journal WHERE type IN ('space.state',"
                    + " 'space.maintenance') GROUP BY subject)")) {
      while (rows.next()) {
        journaled.put(rows.getString(1), rows.getString(2));
      }
    }
    shown.forEach(
        (space, state) ->
            assertThat(state)
                .as("%s: %s shows what its last journal entry says", when, space)
                .isEqualTo(journaled.getOrDefault(space, "unknown")));
    awaitDisplays(when, shown);
  }

  private void awaitDisplays(String when, Map<String, String> shown) {
    Eventually.await(
        when + ": every light and sign shows the daemon's states",
        Duration.ofSeconds(20),
        () -> wrongDisplays(shown).isEmpty());
  }

  private List<String> wrongDisplays(Map<String, String> shown) {
    List<String> wrong = new ArrayList<>();
    Map<Integer, int[]> zones = new HashMap<>(); // zone -> free, unknown, spaces
    for (int i = 0; i < SERIAL; i++) {
      String state = shown.get(String.format(Locale.ROOT, "P%05d", i));
      if (!SiteDevices.lightFor(state).equals(devices.light(i))) {
        wrong.add("light " + i + ": " + devices.light(i) + " for " + state);
      }
      int[] zone = zones.computeIfAbsent(GeneratedSite.zone(i, PER_ZONE, true), z -> new int[3]);
      zone[0] += state.equals("free") ? 1 : 0;
      zone[1] += state.equals("unknown") ? 1 : 0;
      zone[2]++;
    }
    zones.forEach(
        (zone, counts) -> {
          String sign = devices.sign(GeneratedSite.SIGN + zone);
          if (!SiteDevices.signFor(counts[0], counts[1], counts[2]).equals(sign)) {
            wrong.add("sign Z" + zone + ": " + sign);
          }
        });
    int free = 0;
    int unknown = 0;
    for (int i = 0; i < LORA; i++) {
      String state = shown.get(LorawanSite.space(i));
      free += state.equals("free") ? 1 : 0;
      unknown += state.equals("unknown") ? 1 : 0;
    }
    String loraSign = devices.sign(LorawanSite.SIGN);
    if (!SiteDevices.signFor(free, unknown, LORA).equals(loraSign)) {
      wrong.add("LoRaWAN sign: " + loraSign);
    }
    return wrong;
  }

  private void checkEverySpaceShowsWhatItsSensorLastSaid() {
    Map<String, String> shown = api.states();
    for (int i = 0; i < SERIAL; i++) {
      assertThat(shown.get(String.format(Locale.ROOT, "P%05d", i)))
          .as("serial space %d", i)
          .isEqualTo(devices.serialOccupied(i) ? "occupied" : "free");
    }
    for (int i = 0; i < LORA; i++) {
      assertThat(shown.get(LorawanSite.space(i)))
          .as("LoRaWAN space %d", i)
          .isEqualTo(devices.loraOccupied(i) ? "occupied" : "free");
    }
    awaitDisplays("at the end", shown);
  }

  /**
   * Each LoRaWAN space's journal holds, once each and in order, the frame counters of the uplinks
   * that changed its state (one that repeats the state changes nothing and is not journaled).
   */
  private void checkEveryUplinkAppliedExactlyOnce() throws Exception {
    Map<String, List<Long>> counters;
    try (Connection db = database()) {
      counters = frameCounters(db);
    }
    for (int i = 0; i < LORA; i++) {
      assertThat(counters.get(LorawanSite.space(i)))
          .as("uplinks of %s that changed its state, journaled exactly once", LorawanSite.space(i))
          .isEqualTo(devices.changingUplinks(i));
    }
  }

  /** Waits until nothing more is committed: redelivered uplinks and buffered frames are applied. */
  private void awaitQuiet() {
    long[] last = {-1};
    long[] since = {System.nanoTime()};
    Eventually.await(
        "the journal stops growing",
        Duration.ofSeconds(60),
        () -> {
          long seq = api.status().get("journal_seq").asLong();
          if (seq != last[0]) {
            last[0] = seq;
            since[0] = System.nanoTime();
            return false;
          }
          return System.nanoTime() - since[0] > Duration.ofMillis(1500).toNanos();
        });
  }

  private Map<String, List<Long>> frameCounters(Connection db) throws SQLException {
    Map<String, List<Long>> bySpace = new HashMap<>();
    try (Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT subject, json_extract(body, '$.fcnt') FROM journal WHERE type ="
                    + " 'space.state' AND json_extract(body, '$.cause') = 'sensor' AND"
                    + " json_extract(body, '$.fcnt') IS NOT NULL ORDER BY seq")) {
      while (rows.next()) {
        bySpace.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getLong(2));
      }
    }
    return bySpace;
  }

  private Connection database() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("var/parkedge.db"));
  }

  private static List<String> query(Connection db, String sql) throws SQLException {
    List<String> result = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        result.add(rows.getString(1));
      }
    }
    return result;
  }

  private static long[] longs(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      long[] values = new long[rows.getMetaData().getColumnCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = rows.getLong(i + 1);
      }
      return values;
    }
  }

  private String summary() {
    StringBuilder summary =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "done: %d frames and %d uplinks sent",
                devices.framesSent(),
                devices.uplinksSent()));
    for (DurableRequests requests : durable) {
      summary.append(
          String.format(
              Locale.ROOT,
              "; %ss confirmed %d, refused %d, unknown %d",
              requests.name(),
              requests.count(DurableRequests.Outcome.CONFIRMED),
              requests.count(DurableRequests.Outcome.REFUSED),
              requests.count(DurableRequests.Outcome.UNKNOWN)));
    }
    return summary.toString();
  }

  private void note(String line) {
    log.add(line);
    System.err.println("CrashIT: " + line);
  }
}
