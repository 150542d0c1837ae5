package dev.parkedge.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.gateway.api.coap.ApiJson;
import dev.parkedge.gateway.api.coap.CoapApiConfiguration;
import dev.parkedge.gateway.testing.ClassDataSharing;
import dev.parkedge.gateway.testing.GeneratedSite;
import dev.parkedge.gateway.testing.ProcessStats;
import dev.parkedge.gateway.testing.ShippedJvm;
import dev.parkedge.proto.psp.FrameError;
import dev.parkedge.proto.psp.PspCodec;
import dev.parkedge.proto.psp.PspDeframer;
import dev.parkedge.proto.psp.PspMessage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.network.CoapEndpoint;

/**
 * Drives the real daemon ({@code java -jar gateway/target/parkedge.jar run}) over a socat
 * pseudo-terminal pair, pinned to one core with the shipped JVM options, and measures what the
 * gateway-core issue asks: ready time, frame-to-indicator latency at 1,000 frames/s, sustained
 * ingest into the durably committed journal, resident memory of a 5,000-space site, and bytes
 * written to disk per sensor event at 20 events/s.
 *
 * <p>Not a test: run it by hand (see gateway/README.md) on an otherwise idle machine.
 */
public final class DaemonBenchmark {

  /**
   * The JVM options the daemon ships with (packaging uses the same), plus the application
   * class-data sharing archive an install builds ({@code -XX:SharedArchiveFile}).
   */
  static final List<String> SHIPPED_JVM_OPTIONS = ShippedJvm.OPTIONS;

  private static final long SENSOR_BASE = GeneratedSite.SENSOR;
  private static final long LIGHT_BASE = GeneratedSite.LIGHT;
  private static final int SPACES_PER_ZONE = 50;

  private final Path dir;
  private final int spaces;
  private final Path jar;
  private Path archive;
  private Process socat;
  private Process daemon;
  private RandomAccessFile device;
  private final ConcurrentHashMap<Long, PspMessage> lights = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, Long> waitingSince = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, PspMessage.Color> expected = new ConcurrentHashMap<>();
  private final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
  private final int[] seqs;
  private int apiPort;

  private final List<String> phases;

  DaemonBenchmark(Path dir, int spaces, Path jar, List<String> phases) {
    this.phases = phases;
    this.dir = dir;
    this.spaces = spaces;
    this.jar = jar;
    this.seqs = new int[spaces];
  }

  public static void main(String[] args) throws Exception {
    int spaces = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    Path jar = Path.of(args.length > 1 ? args[1] : "gateway/target/parkedge.jar");
    Path dir = Files.createTempDirectory("parkedge-bench-");
    List<String> phases = List.of((args.length > 2 ? args[2] : "latency,ingest,disk").split(","));
    DaemonBenchmark bench = new DaemonBenchmark(dir, spaces, jar, phases);
    try {
      bench.run();
    } finally {
      bench.stop();
    }
  }

  private void run() throws Exception {
    writeConfig();
    startSocat();
    if (classDataSharing()) {
      // the archive an install builds, trained on the package's configuration, not this site's
      archive = ClassDataSharing.asInstalled(dir.resolve("cds"), jar, jvmOptions());
    }
    long readyMillis = startDaemon();
    device = new RandomAccessFile(dir.resolve("device").toRealPath().toFile(), "rw");
    Thread reader = new Thread(this::readDisplays, "bench-display-reader");
    reader.setDaemon(true);
    reader.start();
    report("ready", readyMillis + " ms (from process start to the 'parkedge ready' log line)");
    Figures.put("start-up", readyMillis + " ms");

    allFree();
    residentMemory("idle", "idle", "after start and all spaces free");
    if (phases.contains("latency")) {
      latencyAt(1000, 10);
    }
    // Five minutes at 20 events/s: one whole space-and-device snapshot interval and several WAL
    // checkpoints (each rewrites ~3 MB of pages into the database file at once). A 60 s window
    // measured 0.9-1.0 KB per event when it held neither and 3.7-4.2 KB when it held one: only a
    // whole interval gives the average. Before the flood, which is no site's steady state.
    if (phases.contains("disk")) {
      trickle(20, 300);
      // A site's steady state: 5,000 spaces average 2.5 events/s (44 a space a day), so five
      // minutes at eight times that, after the latency phase, is what the 64 MB is about.
      residentMemory("steady", "steady", "after five minutes at 20 events/s");
    }
    if (phases.contains("ingest")) {
      ingest(200_000);
    }
    residentMemory("after", "after the phases", "after the phases, " + SETTLE_SECONDS + " s later");
    hold();
  }

  /**
   * Steady state: long enough after a burst for the shipped options' periodic work to have run once
   * (glibc's freed memory is given back every 10 s, {@code -XX:TrimNativeHeapInterval}).
   */
  static final int SETTLE_SECONDS = 12;

  static void settle() throws InterruptedException {
    Thread.sleep(SETTLE_SECONDS * 1000L);
  }

  /**
   * Once the daemon has settled: its resident memory, read once, reported as {@code resident
   * memory, shown} and kept for the end-to-end table as {@code resident memory, figure}.
   */
  private void residentMemory(String shown, String figure, String when) throws Exception {
    settle();
    String rss = ProcessStats.of(daemon.pid()).rssText();
    report(
        "resident memory, " + shown,
        String.format(
            Locale.ROOT, "%s VmRSS (%d spaces, pid %d) %s", rss, spaces, daemon.pid(), when));
    Figures.put("resident memory, " + figure, rss);
  }

  /** {@code -Dbench.hold=seconds} keeps the daemon running to inspect it (smaps, jcmd). */
  private static void hold() throws InterruptedException {
    long seconds = Long.getLong("bench.hold", 0L);
    if (seconds > 0) {
      report("holding", seconds + " s");
      Thread.sleep(seconds * 1000);
    }
  }

  // ---- phases -------------------------------------------------------------------------------

  private void allFree() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < spaces; i++) {
      out.writeBytes(frame(i, PspMessage.SpaceState.FREE));
    }
    write(out.toByteArray());
  }

  /** Flips one space a time at {@code rate}/s and times each until its light changes. */
  private void latencyAt(int rate, int seconds) throws Exception {
    latencies.clear();
    long period = 1_000_000_000L / rate;
    long start = System.nanoTime();
    boolean[] occupied = new boolean[spaces];
    for (int n = 0; n < rate * seconds; n++) {
      while (System.nanoTime() - start < n * period) {
        Thread.onSpinWait();
      }
      int i = n % spaces;
      occupied[i] = !occupied[i];
      expected.put(LIGHT_BASE + i, occupied[i] ? PspMessage.Color.RED : PspMessage.Color.GREEN);
      waitingSince.put(LIGHT_BASE + i, System.nanoTime());
      write(frame(i, occupied[i] ? PspMessage.SpaceState.OCCUPIED : PspMessage.SpaceState.FREE));
    }
    Thread.sleep(500);
    long[] sorted;
    synchronized (latencies) {
      sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }
    Figures.put(
        "frame to indicator over ptys at " + rate + "/s",
        String.format(
            Locale.ROOT,
            "p50 %.2f ms, p99 %.2f ms, max %.2f ms",
            percentile(sorted, 0.50),
            percentile(sorted, 0.99),
            sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6));
    report(
        "frame to indicator at " + rate + "/s",
        String.format(
            Locale.ROOT,
            "p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d of %d answered)",
            percentile(sorted, 0.50),
            percentile(sorted, 0.99),
            sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
            sorted.length,
            rate * seconds));
  }

  /** Writes {@code frames} state changes as fast as the pty takes them; times until committed. */
  private void ingest(int frames) throws Exception {
    long seqBefore = journalSeq();
    ByteArrayOutputStream stream = new ByteArrayOutputStream(frames * 21);
    boolean[] occupied = new boolean[spaces];
    for (int n = 0; n < frames; n++) {
      int i = n % spaces;
      occupied[i] = !occupied[i];
      stream.writeBytes(
          frame(i, occupied[i] ? PspMessage.SpaceState.OCCUPIED : PspMessage.SpaceState.FREE));
    }
    byte[] bytes = stream.toByteArray();
    long start = System.nanoTime();
    for (int off = 0; off < bytes.length; off += 4096) {
      write(Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + 4096)));
    }
    long written = System.nanoTime();
    long target = seqBefore + frames;
    long seq = seqBefore;
    while (seq < target && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(120)) {
      Thread.sleep(50);
      seq = journalSeq();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Figures.put(
        "sustained ingest, durably committed",
        String.format(
            Locale.ROOT,
            "%,.0f frames/s%s",
            (seq - seqBefore) / seconds,
            seq < target ? " (NOT all committed in 120 s)" : ""));
    report(
        "sustained ingest",
        String.format(
            Locale.ROOT,
            "%d state changes written in %.2f s, all durably committed after %.2f s: %.0f frames/s"
                + " (journal %d -> %d)",
            frames,
            (written - start) / 1e9,
            seconds,
            (seq - seqBefore) / seconds,
            seqBefore,
            seq));
  }

  /** {@code rate} events/s for {@code seconds}: bytes the daemon wrote to disk per event. */
  private void trickle(int rate, int seconds) throws Exception {
    Thread.sleep(2000);
    long before = writeBytes();
    long start = System.nanoTime();
    boolean[] occupied = new boolean[spaces];
    int events = rate * seconds;
    for (int n = 0; n < events; n++) {
      while (System.nanoTime() - start < n * (1_000_000_000L / rate)) {
        Thread.sleep(1);
      }
      int i = (n * 7919) % spaces;
      occupied[i] = !occupied[i];
      write(frame(i, occupied[i] ? PspMessage.SpaceState.OCCUPIED : PspMessage.SpaceState.FREE));
    }
    Thread.sleep(2000);
    long after = writeBytes();
    Figures.put(
        "bytes written per sensor event at " + rate + "/s",
        String.format(Locale.ROOT, "%,d bytes", (after - before) / events));
    report(
        "disk writes at " + rate + " events/s",
        String.format(
            Locale.ROOT,
            "%d bytes per sensor event (%d bytes over %d events, /proc/%d/io write_bytes)",
            (after - before) / events,
            after - before,
            events,
            daemon.pid()));
  }

  // ---- plumbing -----------------------------------------------------------------------------

  private void writeConfig() throws IOException {
    apiPort = GeneratedSite.write(dir, dir.resolve("gateway-end"), spaces, SPACES_PER_ZONE, "4h");
  }

  private void startSocat() throws Exception {
    socat =
        new ProcessBuilder(
                "socat",
                "pty,raw,echo=0,link=" + dir.resolve("gateway-end"),
                "pty,raw,echo=0,link=" + dir.resolve("device"))
            .redirectErrorStream(true)
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!(Files.exists(dir.resolve("device")) && Files.exists(dir.resolve("gateway-end")))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("socat did not create the pty pair");
      }
      Thread.sleep(10);
    }
  }

  /** The shipped options, or those of {@code -Dbench.jvm="..."} when trying others. */
  static List<String> jvmOptions() {
    String override = System.getProperty("bench.jvm");
    return override == null ? SHIPPED_JVM_OPTIONS : List.of(override.split(" "));
  }

  /** {@code -Dbench.cds=false} runs without the application class-data sharing archive. */
  private static boolean classDataSharing() {
    return Boolean.parseBoolean(System.getProperty("bench.cds", "true"));
  }

  private long startDaemon() throws Exception {
    List<String> command = new ArrayList<>(List.of("env", "MALLOC_ARENA_MAX=2"));
    String env = System.getProperty("bench.env", "");
    if (!env.isBlank()) {
      command.addAll(List.of(env.split(",")));
    }
    command.addAll(List.of("taskset", "-c", "0", "java"));
    command.addAll(jvmOptions());
    if (classDataSharing()) {
      command.add("-XX:SharedArchiveFile=" + archive);
    }
    command.addAll(
        List.of("-jar", jar.toString(), "run", "-c", dir.resolve("gateway.yaml").toString()));
    long start = System.nanoTime();
    daemon = new ProcessBuilder(command).redirectErrorStream(true).start();
    CountDownLatch ready = new CountDownLatch(1);
    Thread log =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  if (line.contains("parkedge ready")) {
                    ready.countDown();
                  }
                  if (line.contains("ERROR")
                      || line.contains("WARN")
                      || line.contains("OutOfMemory")
                      || line.contains("Exception")) {
                    report("daemon said", line);
                  }
                }
              } catch (IOException ignored) {
                // the daemon stopped
              }
            },
            "bench-daemon-log");
    log.setDaemon(true);
    log.start();
    if (!ready.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the daemon did not become ready within 30 s");
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private void readDisplays() {
    PspDeframer deframer =
        new PspDeframer(
            new PspDeframer.Listener() {
              @Override
              public void onMessage(PspMessage message) {
                lights.put(message.device(), message);
                if (message instanceof PspMessage.Indicator light
                    && light.color() == expected.get(message.device())) {
                  Long since = waitingSince.remove(message.device());
                  if (since != null) {
                    latencies.add(System.nanoTime() - since);
                  }
                }
              }

              @Override
              public void onError(FrameError error, String detail) {
                report("bad frame from the gateway", detail);
              }
            });
    byte[] buffer = new byte[8192];
    try (InputStream in =
        new java.io.FileInputStream(dir.resolve("device").toRealPath().toFile())) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        deframer.feed(buffer, 0, n);
      }
    } catch (IOException ignored) {
      // pty closed at the end
    }
  }

  private synchronized void write(byte[] bytes) throws IOException {
    device.write(bytes);
  }

  private byte[] frame(int space, PspMessage.SpaceState state) {
    seqs[space] = (seqs[space] + 1) & 0xFFFF;
    return PspCodec.encodeFrame(
        new PspMessage.Occupancy(SENSOR_BASE + space, seqs[space], state, 3600, 20));
  }

  private long journalSeq() throws Exception {
    CoapClient client = new CoapClient("coap://127.0.0.1:" + apiPort + "/status");
    client.setEndpoint(
        new CoapEndpoint.Builder().setConfiguration(CoapApiConfiguration.create()).build());
    client.setTimeout(10_000L);
    try {
      for (int attempt = 1; ; attempt++) {
        CoapResponse response = client.get();
        if (response != null && response.isSuccess()) {
          JsonNode status = ApiJson.mapper().readTree(response.getResponseText());
          return status.get("journal_seq").asLong();
        }
        report(
            "status not answered",
            "attempt "
                + attempt
                + ": "
                + (response == null
                    ? "timeout"
                    : response.getCode() + " " + response.getResponseText()));
        if (attempt == 10) {
          throw new IllegalStateException("the daemon does not answer /status");
        }
      }
    } finally {
      client.getEndpoint().destroy();
      client.shutdown();
    }
  }

  private long writeBytes() {
    return ProcessStats.of(daemon.pid()).writeBytes();
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  private static void report(String what, String result) {
    OutputStream out = new java.io.FileOutputStream(java.io.FileDescriptor.out);
    try {
      out.write(
          String.format(Locale.ROOT, "%-34s %s%n", what, result).getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException ignored) {
      // nowhere to report
    }
  }

  private void stop() {
    if (daemon != null) {
      daemon.destroy();
      try {
        daemon.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (socat != null) {
      socat.destroyForcibly();
    }
  }
}
