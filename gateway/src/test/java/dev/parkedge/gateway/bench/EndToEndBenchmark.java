package dev.parkedge.gateway.bench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end benchmark of issue 8 in one command: runs {@link DaemonBenchmark} (start-up,
 * frame-to-indicator latency over real pseudo-terminals, sustained ingest, bytes written per event,
 * resident memory; 5,000 spaces, one core, shipped JVM options and class-data sharing) and {@link
 * LorawanBenchmark} (uplinks/s through a real Mosquitto), then prints one Markdown table with the
 * machine, next to the previous figures from gateway/README.md.
 *
 * <p>{@code packaging/reliability/bench.sh} runs it. Arguments: spaces (5000), jar
 * (target/parkedge.jar), LoRaWAN uplinks (20000).
 */
public final class EndToEndBenchmark {

  /** The figures of the previous measurement (gateway/README.md, 2026-11-22, same machine). */
  static final Map<String, String> PREVIOUS =
      Map.ofEntries(
          Map.entry("start-up", "826 ms"),
          Map.entry("resident memory, idle", "60.9 MB"),
          Map.entry(
              "frame to indicator over ptys at 1000/s", "p50 0.05 ms, p99 1.37 ms, max 12.1 ms"),
          Map.entry("bytes written per sensor event at 20/s", "1,816 bytes (5 minutes)"),
          Map.entry("resident memory, steady", "61.1 MB"),
          Map.entry("sustained ingest, durably committed", "80,393 frames/s"),
          Map.entry("resident memory, after the phases", "64.5 MB"),
          Map.entry(
              "LoRaWAN uplinks applied, fsynced, acknowledged",
              "6,150–6,177 uplinks/s (max_inflight 1000)"),
          Map.entry("resident memory after the LoRaWAN flood", "63.0 MB"),
          Map.entry(
              "bytes written per state-changing LoRaWAN uplink at 5/s",
              "4,284–4,308 bytes (5 minutes)"),
          Map.entry("resident memory, LoRaWAN, steady", "63.2–63.7 MB"));

  static final Map<String, String> TARGETS =
      Map.ofEntries(
          Map.entry("start-up", "≤ 1.5 s"),
          Map.entry("frame to indicator over ptys at 1000/s", "p50 ≤ 2 ms, p99 ≤ 10 ms"),
          Map.entry("sustained ingest, durably committed", "≥ 20,000/s"),
          Map.entry("bytes written per sensor event at 20/s", "≤ 4 KB"),
          Map.entry("bytes written per state-changing LoRaWAN uplink at 5/s", "≤ 4 KB"),
          Map.entry("resident memory, idle", "≤ 64 MB"),
          Map.entry("resident memory, steady", "≤ 64 MB"),
          Map.entry("resident memory, after the phases", "≤ 64 MB"),
          Map.entry("resident memory after the LoRaWAN flood", "≤ 64 MB"),
          Map.entry("resident memory, LoRaWAN, steady", "≤ 64 MB"),
          Map.entry("LoRaWAN uplinks applied, fsynced, acknowledged", "≥ 5,000/s"));

  private EndToEndBenchmark() {}

  public static void main(String[] args) throws Exception {
    String spaces = args.length > 0 ? args[0] : "5000";
    String jar = args.length > 1 ? args[1] : "target/parkedge.jar";
    String uplinks = args.length > 2 ? args[2] : "20000";
    String loadBefore = loadAverage();
    Instant started = Instant.now();
    DaemonBenchmark.main(new String[] {spaces, jar, "latency,disk,ingest"});
    LorawanBenchmark.main(new String[] {spaces, jar, uplinks, "1000"});
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
    out.println();
    out.printf(Locale.ROOT, "End-to-end benchmark, %s spaces, %s%n%n", spaces, started);
    out.println("| measurement | target | this run | previous (2026-11-22) |");
    out.println("|---|---|---|---|");
    Figures.all()
        .forEach(
            (what, value) ->
                out.printf(
                    Locale.ROOT,
                    "| %s | %s | %s | %s |%n",
                    what,
                    TARGETS.getOrDefault(what, ""),
                    value,
                    PREVIOUS.getOrDefault(what, "")));
    out.println();
    out.println("Machine: " + machine());
    out.println("Load average before / after: " + loadBefore + " / " + loadAverage());
  }

  /** CPU model and count, memory, OS, kernel and JDK: where the figures come from. */
  static String machine() throws IOException {
    String cpu = "unknown CPU";
    for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        cpu = line.substring(line.indexOf(':') + 1).trim();
        break;
      }
    }
    long memKb = 0;
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        memKb = Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    String os = "Linux";
    Path release = Path.of("/etc/os-release");
    if (Files.exists(release)) {
      for (String line : Files.readAllLines(release)) {
        if (line.startsWith("PRETTY_NAME=")) {
          os = line.substring("PRETTY_NAME=".length()).replace("\"", "");
        }
      }
    }
    String kernel =
        new String(
                Files.readAllBytes(Path.of("/proc/sys/kernel/osrelease")), StandardCharsets.UTF_8)
            .trim();
    return String.format(
        Locale.ROOT,
        "%s, %d CPUs, %d GB RAM, %s, kernel %s, Java %s (%s); daemon pinned to CPU 0",
        cpu,
        Runtime.getRuntime().availableProcessors(),
        Math.round(memKb / 1024.0 / 1024.0),
        os,
        kernel,
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"));
  }

  private static String loadAverage() throws IOException {
    List<String> fields = List.of(Files.readString(Path.of("/proc/loadavg")).split(" "));
    return String.join(" ", fields.subList(0, 3));
  }
}
