package dev.parkedge.gateway.bench;

import dev.parkedge.gateway.testing.ClassDataSharing;
import dev.parkedge.gateway.testing.LorawanSite;
import dev.parkedge.gateway.testing.Mosquitto;
import dev.parkedge.gateway.testing.ProcessStats;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Uplinks per second from a real Mosquitto broker through the real daemon jar: decode, apply and a
 * durable (fsynced) commit before each MQTT acknowledgement. A publisher plays ChirpStack v4 and
 * floods the broker with uplinks of paired Nwave NPS405 sensors, each flipping its space so that
 * each one is a journal entry; the rate is counted from the first publish until the last entry is
 * committed. The daemon runs on one core with the shipped JVM options.
 *
 * <p>Run from gateway/ after {@code mvn package}: {@code java -cp
 * target/test-classes:target/classes:$(cat /tmp/cp.txt) dev.parkedge.gateway.bench.LorawanBenchmark
 * 5000 target/parkedge.jar 100000 1000} (spaces, jar, uplinks, the broker's max_inflight_messages).
 */
public final class LorawanBenchmark {

  private final Path dir;
  private final int spaces;
  private final Path jar;
  private Mosquitto broker;
  private Process daemon;

  private LorawanBenchmark(Path dir, int spaces, Path jar) {
    this.dir = dir;
    this.spaces = spaces;
    this.jar = jar;
  }

  public static void main(String[] args) throws Exception {
    int spaces = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    Path jar = Path.of(args.length > 1 ? args[1] : "target/parkedge.jar");
    int uplinks = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    int inflight = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
    LorawanBenchmark bench =
        new LorawanBenchmark(Files.createTempDirectory("parkedge-lorawan-bench-"), spaces, jar);
    try {
      bench.run(uplinks, inflight);
    } finally {
      bench.stop();
    }
  }

  private void run(int uplinks, int inflight) throws Exception {
    broker = Mosquitto.start(dir, inflight);
    LorawanSite.write(dir, broker.url(), spaces);
    // the archive an install builds: trained on the package's configuration, which has no LoRaWAN
    // link, so the daemon loads the MQTT client's classes outside it, as an installed one does
    Path archive =
        ClassDataSharing.asInstalled(dir.resolve("cds"), jar, DaemonBenchmark.jvmOptions());
    startDaemon(archive);
    report("broker", "mosquitto, max_inflight_messages " + inflight);
    MqttAsyncClient server = networkServer(broker.url());

    publish(server, 0, spaces, 1);
    awaitEntries(spaces);
    DaemonBenchmark.settle();
    report(
        "resident memory, idle",
        ProcessStats.of(daemon.pid()).rssText() + " (" + spaces + " spaces)");

    int rounds = Math.max(1, uplinks / spaces);
    long start = System.nanoTime();
    for (int round = 2; round <= rounds + 1; round++) {
      publish(server, 0, spaces, round);
    }
    long published = System.nanoTime();
    long total = (long) spaces * rounds;
    awaitEntries(spaces + total);
    long done = System.nanoTime();
    report(
        "published",
        String.format(Locale.ROOT, "%,d uplinks in %.1f s", total, (published - start) / 1e9));
    Figures.put(
        "LoRaWAN uplinks applied, fsynced, acknowledged",
        String.format(
            Locale.ROOT,
            "%,.0f uplinks/s (broker max_inflight %d)",
            total / ((done - start) / 1e9),
            inflight));
    report(
        "uplinks applied and committed",
        String.format(
            Locale.ROOT,
            "%,.0f uplinks/s (%,d in %.1f s, each acknowledged after an fsynced commit)",
            total / ((done - start) / 1e9),
            total,
            (done - start) / 1e9));
    DaemonBenchmark.settle();
    String afterFlood = ProcessStats.of(daemon.pid()).rssText();
    report(
        "resident memory, after", afterFlood + ", " + DaemonBenchmark.SETTLE_SECONDS + " s later");
    Figures.put("resident memory after the LoRaWAN flood", afterFlood);
    // five minutes: a whole snapshot interval and its WAL checkpoints, as the serial trickle
    trickle(server, rounds + 1, 5, 300);
    DaemonBenchmark.settle();
    String steady = ProcessStats.of(daemon.pid()).rssText();
    report("resident memory, steady", steady + " after five minutes at 5 uplinks/s");
    Figures.put("resident memory, LoRaWAN, steady", steady);
    server.disconnect().waitForCompletion(5000);
    server.close();
  }

  /**
   * {@code rate} uplinks/s for {@code seconds}, each flipping a random space (the state-changing
   * half of the soak's LoRaWAN load): bytes the daemon wrote per uplink. Each is acknowledged after
   * its own fsynced commit, so at a trickle nothing is grouped.
   */
  private void trickle(MqttAsyncClient server, int lastRound, int rate, int seconds)
      throws Exception {
    long[] fCnt = new long[spaces];
    boolean[] occupied = new boolean[spaces];
    java.util.Arrays.fill(fCnt, lastRound);
    java.util.Arrays.fill(occupied, lastRound % 2 == 1);
    java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    Thread.sleep(2000);
    long entriesBefore = sensorEntries();
    long before = writeBytes();
    long start = System.nanoTime();
    int uplinks = rate * seconds;
    for (int n = 0; n < uplinks; n++) {
      while (System.nanoTime() - start < n * (1_000_000_000L / rate)) {
        Thread.sleep(1);
      }
      int i = random.nextInt(spaces);
      occupied[i] = !occupied[i];
      long eui = LorawanSite.SENSOR + i;
      MqttMessage message =
          new MqttMessage(
              LorawanSite.uplink(eui, ++fCnt[i], occupied[i]).getBytes(StandardCharsets.UTF_8));
      message.setQos(1);
      server.publish(LorawanSite.topic(eui), message);
    }
    awaitEntries(entriesBefore + uplinks);
    Thread.sleep(2000);
    long written = writeBytes() - before;
    report(
        "disk writes at " + rate + " uplinks/s",
        String.format(
            Locale.ROOT,
            "%d bytes per state-changing uplink (%d bytes over %d uplinks, write_bytes)",
            written / uplinks,
            written,
            uplinks));
    Figures.put(
        "bytes written per state-changing LoRaWAN uplink at " + rate + "/s",
        String.format(Locale.ROOT, "%,d bytes", written / uplinks));
  }

  private long writeBytes() {
    return ProcessStats.of(daemon.pid()).writeBytes();
  }

  private MqttAsyncClient networkServer(String url) throws Exception {
    MqttAsyncClient client = new MqttAsyncClient(url, "bench-chirpstack", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(10_000);
    client.connect(options).waitForCompletion(10_000);
    return client;
  }

  /** One uplink per space, all with fCnt {@code round}: odd rounds occupied, even ones free. */
  private void publish(MqttAsyncClient server, int from, int to, int round) throws Exception {
    for (int i = from; i < to; i++) {
      long eui = LorawanSite.SENSOR + i;
      MqttMessage message =
          new MqttMessage(
              LorawanSite.uplink(eui, round, round % 2 == 1).getBytes(StandardCharsets.UTF_8));
      message.setQos(1);
      while (true) {
        try {
          server.publish(LorawanSite.topic(eui), message);
          break;
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
          if (e.getReasonCode()
              != org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_MAX_INFLIGHT) {
            throw e;
          }
          Thread.sleep(1);
        }
      }
    }
  }

  private void awaitEntries(long expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (sensorEntries() < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only " + sensorEntries() + " of " + expected + " entries after 10 min");
      }
      Thread.sleep(20);
    }
  }

  private long sensorEntries() throws Exception {
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("var/parkedge.db"));
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery("SELECT count(*) FROM journal WHERE type = 'space.state'")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void startDaemon(Path archive) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("env", "MALLOC_ARENA_MAX=2", "taskset", "-c", "0", "java"));
    command.addAll(DaemonBenchmark.jvmOptions());
    command.add("-XX:SharedArchiveFile=" + archive);
    command.addAll(
        List.of("-jar", jar.toString(), "run", "-c", dir.resolve("gateway.yaml").toString()));
    Path log = dir.resolve("daemon.log");
    daemon =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.readString(log).contains("lorawan lorawan: connected")) {
      if (System.nanoTime() > deadline || !daemon.isAlive()) {
        throw new IllegalStateException("the daemon did not connect: " + Files.readString(log));
      }
      Thread.sleep(50);
    }
  }

  private static void report(String what, String result) {
    OutputStream out = new FileOutputStream(FileDescriptor.out);
    try {
      out.write(
          String.format(Locale.ROOT, "%-34s %s%n", what, result).getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException ignored) {
      // nowhere to report
    }
  }

  private void stop() throws Exception {
    if (daemon != null) {
      daemon.destroy();
      daemon.waitFor(20, TimeUnit.SECONDS);
    }
    if (broker != null) {
      broker.close();
    }
  }
}
