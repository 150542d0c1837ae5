package dev.parkedge.gateway.reliability;

import dev.parkedge.gateway.testing.ApiProbe;
import dev.parkedge.gateway.testing.ClassDataSharing;
import dev.parkedge.gateway.testing.DaemonProcess;
import dev.parkedge.gateway.testing.GeneratedSite;
import dev.parkedge.gateway.testing.LorawanSite;
import dev.parkedge.gateway.testing.Mosquitto;
import dev.parkedge.gateway.testing.ProcessStats;
import dev.parkedge.gateway.testing.PtyPair;
import dev.parkedge.gateway.testing.ShippedJvm;
import dev.parkedge.gateway.testing.SiteDevices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The daemon jar with the shipped JVM options at a steady multiple of a 5,000-space site's average
 * load, for a long time: PSP/1 sensors over a pseudo-terminal and NPS405 sensors through Mosquitto,
 * an operator polling status and writing a durable note now and then. Samples resident memory,
 * threads and file descriptors from /proc; compares the end with a reference taken once the daemon
 * has warmed up; and checks at the end that every space shows what its sensor last said.
 *
 * <p><b>Average load</b> (gateway/README.md, Reliability harness): a space sees 10 stays a day (20
 * state changes) and its sensor also repeats its state once an hour (24 heartbeats): 44 messages
 * per space per day, 2.55 messages/s for 5,000 spaces, of which 1.16 are state changes. The soak
 * runs {@code multiple} times that.
 *
 * <p>{@link SoakIT} runs a short one in {@code mvn verify}; {@code packaging/reliability/soak.sh}
 * (this class's {@code main}: minutes, reference minutes, seed, report file, serial spaces, LoRaWAN
 * spaces) runs the full two hours.
 */
public final class Soak {

  static final double MESSAGES_PER_SPACE_PER_DAY = 44;
  static final double CHANGE_SHARE = 20 / 44.0;

  /** How long, what, and how hard. */
  record Settings(
      Duration length,
      Duration reference,
      int serialSpaces,
      int loraSpaces,
      double multiple,
      long seed) {

    double messagesPerSecond() {
      return (serialSpaces + loraSpaces) * MESSAGES_PER_SPACE_PER_DAY / 86_400 * multiple;
    }
  }

  /** One reading of the daemon's process. */
  record Sample(Duration at, ProcessStats stats, long journalSeq, long sent) {}

  /** The reference sample, the last one, every sample, and the spaces that showed wrong. */
  record Result(Sample reference, Sample end, List<Sample> samples, List<String> wrongSpaces) {

    double rssGrowth() {
      return (double) end.stats().rssKb() / reference.stats().rssKb() - 1;
    }

    /**
     * The most of something up to the reference. Pools (Californium's, the MQTT client's) come and
     * go by a thread or two, so growth means the last minutes' most above the warm-up's most.
     */
    int earlyMax(java.util.function.ToIntFunction<ProcessStats> what) {
      return samples.stream()
          .filter(s -> s.at().compareTo(reference.at()) <= 0)
          .mapToInt(s -> what.applyAsInt(s.stats()))
          .max()
          .orElseThrow();
    }

    /** The most of something over the last three samples (the last minute and a half). */
    int lateMax(java.util.function.ToIntFunction<ProcessStats> what) {
      return samples.subList(Math.max(0, samples.size() - 3), samples.size()).stream()
          .mapToInt(s -> what.applyAsInt(s.stats()))
          .max()
          .orElseThrow();
    }
  }

  private final Path dir;
  private final Settings settings;
  private final Path report;

  Soak(Path dir, Settings settings, Path report) {
    this.dir = dir;
    this.settings = settings;
    this.report = report;
  }

  public static void main(String[] args) throws Exception {
    Duration length = Duration.ofMinutes(args.length > 0 ? Long.parseLong(args[0]) : 120);
    Duration reference = Duration.ofMinutes(args.length > 1 ? Long.parseLong(args[1]) : 10);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : System.nanoTime();
    Path dir = Files.createTempDirectory("parkedge-soak-");
    Path report = Path.of(args.length > 3 ? args[3] : "target/soak-report.txt");
    int serial = args.length > 4 ? Integer.parseInt(args[4]) : 4000;
    int lora = args.length > 5 ? Integer.parseInt(args[5]) : 1000;
    Result result =
        new Soak(dir, new Settings(length, reference, serial, lora, 10, seed), report).run();
    String verdict = verdict(result);
    new Soak(dir, null, report).log(verdict);
    System.exit(verdict.startsWith("PASS") ? 0 : 1);
  }

  /** PASS or FAIL with the reasons, from the criteria of issue 8. */
  static String verdict(Result result) {
    List<String> failures = new ArrayList<>();
    if (result.rssGrowth() > 0.10) {
      failures.add(
          String.format(
              Locale.ROOT,
              "resident memory grew %.1f %% (more than 10 %%)",
              100 * result.rssGrowth()));
    }
    if (result.lateMax(ProcessStats::threads) > result.earlyMax(ProcessStats::threads)) {
      failures.add("threads grew");
    }
    if (result.lateMax(ProcessStats::fds) > result.earlyMax(ProcessStats::fds)) {
      failures.add("file descriptors grew");
    }
    if (!result.wrongSpaces().isEmpty()) {
      failures.add(result.wrongSpaces().size() + " spaces wrong: " + result.wrongSpaces());
    }
    String numbers =
        String.format(
            Locale.ROOT,
            "RSS %d MB at %s -> %d MB at %s (%+.1f %%); threads at most %d until then, %d at"
                + " the end; fds at most %d until then, %d at the end",
            result.reference().stats().rssMb(),
            result.reference().at(),
            result.end().stats().rssMb(),
            result.end().at(),
            100 * result.rssGrowth(),
            result.earlyMax(ProcessStats::threads),
            result.lateMax(ProcessStats::threads),
            result.earlyMax(ProcessStats::fds),
            result.lateMax(ProcessStats::fds));
    return (failures.isEmpty() ? "PASS: " : "FAIL: " + String.join("; ", failures) + ". ")
        + numbers;
  }

  Result run() throws Exception {
    log(
        String.format(
            Locale.ROOT,
            "soak: %s at %.1f messages/s (%.0f x the average of %d spaces: %d serial, %d"
                + " LoRaWAN), reference at %s, seed %d, %s",
            settings.length(),
            settings.messagesPerSecond(),
            settings.multiple(),
            settings.serialSpaces() + settings.loraSpaces(),
            settings.serialSpaces(),
            settings.loraSpaces(),
            settings.reference(),
            settings.seed(),
            dir));
    // The daemon maps the archive an install builds, so its memory is what a site's would be.
    Path archive = ClassDataSharing.asInstalled(dir.resolve("cds"), DaemonProcess.jar());
    try (Mosquitto broker = Mosquitto.start(dir, 1000);
        PtyPair pty = PtyPair.start(dir);
        DaemonProcess daemon = new DaemonProcess(dir, "Soak", ShippedJvm.withArchive(archive))) {
      int apiPort =
          GeneratedSite.write(
              dir, pty.a(), settings.serialSpaces(), 50, "4h", broker.url(), settings.loraSpaces());
      long ready = daemon.startTimed();
      log("daemon ready in " + ready + " ms, pid " + daemon.pid());
      try (SiteDevices devices =
              SiteDevices.open(
                  pty.b(), broker.url(), settings.serialSpaces(), settings.loraSpaces());
          ApiProbe api = new ApiProbe(apiPort)) {
        // The daemon is ready before its LoRaWAN link subscribes; uplinks published before that
        // never reach it (nor would they on a site's first start).
        long waited = System.nanoTime();
        api.awaitConnected("lorawan", Duration.ofSeconds(30));
        log(
            "LoRaWAN link connected (subscribed) after a further "
                + (System.nanoTime() - waited) / 1_000_000
                + " ms");
        return drive(daemon, devices, api);
      }
    }
  }

  private Result drive(DaemonProcess daemon, SiteDevices devices, ApiProbe api) throws Exception {
    SplittableRandom random = new SplittableRandom(settings.seed());
    int spaces = settings.serialSpaces() + settings.loraSpaces();
    // every space reports once first, so that none is unknown
    for (int i = 0; i < settings.serialSpaces(); i++) {
      devices.serial(i, random.nextBoolean());
    }
    for (int i = 0; i < settings.loraSpaces(); i++) {
      devices.uplink(i, random.nextBoolean());
    }
    long periodNanos = (long) (1e9 / settings.messagesPerSecond());
    long start = System.nanoTime();
    long nextSample = 0;
    long nextOperator = 0;
    long messages = 0;
    int notes = 0;
    List<Sample> samples = new ArrayList<>();
    Sample reference = null;
    long lengthNanos = settings.length().toNanos();
    while (true) {
      long elapsed = System.nanoTime() - start;
      if (elapsed >= nextSample) {
        Sample sample = sample(daemon, api, Duration.ofNanos(elapsed).withNanos(0), messages);
        samples.add(sample);
        if (reference == null && elapsed >= settings.reference().toNanos()) {
          reference = sample;
          log("reference: " + describe(sample));
        }
        nextSample += Duration.ofSeconds(30).toNanos();
      }
      if (elapsed >= lengthNanos) {
        break;
      }
      if (elapsed >= nextOperator) {
        notes++;
        ApiProbe.Answer answer = api.send(api.note("soak-" + notes, "soak note " + notes));
        if (answer == null || !answer.success()) {
          log("note soak-" + notes + " not recorded: " + answer);
        }
        nextOperator += Duration.ofSeconds(10).toNanos();
      }
      int i = random.nextInt(spaces);
      boolean change = random.nextDouble() < CHANGE_SHARE;
      if (i < settings.serialSpaces()) {
        boolean now = devices.serialOccupied(i);
        devices.serial(i, change != now);
      } else {
        int lora = i - settings.serialSpaces();
        boolean now = devices.loraOccupied(lora);
        devices.uplink(lora, change != now);
      }
      messages++;
      long due = start + messages * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }
    Sample end = samples.get(samples.size() - 1);
    log("end: " + describe(end));
    Thread.sleep(3000); // the last messages reach the journal and the displays
    return new Result(
        reference == null ? samples.get(0) : reference, end, samples, wrong(devices, api));
  }

  /** Spaces whose state in the daemon is not what their sensor last said. */
  private static List<String> wrong(SiteDevices devices, ApiProbe api) {
    Map<String, String> states = api.states();
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < devices.serialSpaces(); i++) {
      String id = String.format(Locale.ROOT, "P%05d", i);
      String expected = devices.serialOccupied(i) ? "occupied" : "free";
      if (!expected.equals(states.get(id))) {
        wrong.add(id + " " + states.get(id) + " (sensor said " + expected + ")");
      }
    }
    for (int i = 0; i < devices.loraSpaces(); i++) {
      String id = LorawanSite.space(i);
      String expected = devices.loraOccupied(i) ? "occupied" : "free";
      if (!expected.equals(states.get(id))) {
        wrong.add(id + " " + states.get(id) + " (sensor said " + expected + ")");
      }
    }
    return wrong.size() > 20 ? wrong.subList(0, 20) : wrong;
  }

  private Sample sample(DaemonProcess daemon, ApiProbe api, Duration at, long sent)
      throws IOException {
    ProcessStats stats = daemon.stats();
    long seq = api.status().get("journal_seq").asLong();
    Sample sample = new Sample(at, stats, seq, sent);
    log(describe(sample));
    return sample;
  }

  private static String describe(Sample sample) {
    return String.format(
        Locale.ROOT,
        "%s rss=%d kB threads=%d fds=%d journal_seq=%d messages=%d written=%d kB",
        sample.at(),
        sample.stats().rssKb(),
        sample.stats().threads(),
        sample.stats().fds(),
        sample.journalSeq(),
        sample.sent(),
        sample.stats().writeBytes() / 1024);
  }

  private void log(String line) throws IOException {
    String stamped = Instant.now() + " " + line + System.lineSeparator();
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, stamped, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.err.print(stamped);
  }
}
