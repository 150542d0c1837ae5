package dev.parkedge.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.ConfigLoader;
import dev.parkedge.gateway.config.GatewayConfig;
import dev.parkedge.gateway.storage.sqlite.SqliteStore;
import dev.parkedge.gateway.storage.sqlite.StorageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parkedge support-bundle}: what support needs to understand a box, in one .tar.gz: the
 * configuration with secrets redacted, the status, doctor's findings, database statistics, the
 * backups, versions, and the recent journal of both services.
 */
@Command(
    name = "support-bundle",
    mixinStandardHelpOptions = true,
    description = {
      "Collect config (secrets redacted; secret files left out), logs, status, doctor's"
          + " findings and database statistics into one .tar.gz, and print its name.",
      "",
      "  sudo parkedge support-bundle",
      "  sudo parkedge support-bundle -o /tmp/bundle.tar.gz --since '-7 days'"
    })
final class SupportBundleCommand implements Callable<Integer> {

  /** Keys whose values are secrets in any of our YAML files. */
  static final Pattern SECRET_KEY =
      Pattern.compile(
          "^(\\s*-?\\s*)([A-Za-z_]*(password|passwd|secret|token|key_hex|api_key|private_key|psk)[A-Za-z_]*)(\\s*:\\s*)(\\S.*)$",
          Pattern.CASE_INSENSITIVE);

  /** Setting names that name a file (its path is fine to show; the file is not included). */
  static final Pattern FILE_KEY = Pattern.compile("_file\\s*$");

  @Spec CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      defaultValue = "/etc/parkedge/gateway.yaml",
      description = "gateway.yaml (default ${DEFAULT-VALUE}).")
  Path config;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Where to write (default: parkedge-support-<time>.tar.gz here).")
  Path output;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      defaultValue = "-3 days",
      description = "How far back the logs go, as journalctl --since (default ${DEFAULT-VALUE}).")
  String since;

  @Override
  public Integer call() throws IOException {
    Instant now = Instant.now();
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", java.util.Locale.ROOT)
            .withZone(ZoneOffset.UTC)
            .format(now);
    Path target = output != null ? output : Path.of("parkedge-support-" + stamp + ".tar.gz");
    String root = "parkedge-support-" + stamp + "/";
    List<String> notes = new ArrayList<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarGz tar = new TarGz(bytes, now)) {
      GatewayConfig gateway = configFiles(tar, root, notes);
      tar.add(root + "status.json", status(notes));
      tar.add(root + "doctor.txt", doctor());
      if (gateway != null) {
        tar.add(root + "database.json", database(gateway, notes));
        tar.add(root + "backups.txt", backups(gateway));
      }
      tar.add(root + "versions.txt", versions());
      tar.add(root + "journal.txt", journal(notes));
      tar.add(root + "README.txt", readme(now, notes));
    }
    Files.deleteIfExists(target);
    Files.createFile(
        target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.TRUNCATE_EXISTING)) {
      bytes.writeTo(out);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(target.toAbsolutePath());
    out.flush();
    return 0;
  }

  private GatewayConfig configFiles(TarGz tar, String root, List<String> notes) throws IOException {
    Path folder = config.toAbsolutePath().getParent();
    List<Path> files = new ArrayList<>();
    files.add(config.toAbsolutePath());
    GatewayConfig gateway = null;
    try {
      gateway = ConfigLoader.loadGateway(config);
      files.add(gateway.siteFile());
    } catch (ConfigException e) {
      notes.add("gateway.yaml does not load: " + String.join("; ", e.problems()));
    }
    try (Stream<Path> yamls = Files.list(folder)) {
      yamls
          .filter(p -> p.getFileName().toString().endsWith(".yaml"))
          .filter(p -> !files.contains(p))
          .filter(p -> !p.getFileName().toString().contains("psk"))
          .sorted()
          .forEach(files::add);
    } catch (IOException e) {
      notes.add("cannot list " + folder + ": " + e.getMessage());
    }
    for (Path file : files) {
      if (!Files.isReadable(file)) {
        notes.add("cannot read " + file);
        continue;
      }
      tar.add(root + "config/" + file.getFileName(), redact(Files.readString(file)));
    }
    return gateway;
  }

  /** Every value of a secret-looking key replaced; {@code *_file} settings kept (paths only). */
  static String redact(String yaml) {
    StringBuilder out = new StringBuilder();
    for (String line : yaml.split("\n", -1)) {
      Matcher m = SECRET_KEY.matcher(line);
      if (m.matches() && !FILE_KEY.matcher(m.group(2)).find() && !line.strip().startsWith("#")) {
        out.append(m.group(1)).append(m.group(2)).append(m.group(4)).append("<redacted>");
      } else {
        out.append(line);
      }
      out.append('\n');
    }
    return out.substring(0, out.length() - 1);
  }

  private String status(List<String> notes) {
    ApiOptions options = new ApiOptions();
    options.config = config;
    try (ApiClient client = options.connect()) {
      JsonNode status = client.get("status");
      JsonNode devices = client.get("devices");
      ObjectMapper json = client.json().copy().enable(SerializationFeature.INDENT_OUTPUT);
      var both = json.createObjectNode();
      both.set("status", status);
      both.set("devices", devices);
      return json.writeValueAsString(both);
    } catch (ConfigException | RuntimeException | IOException e) {
      notes.add("no status: " + e.getMessage());
      return "{\"error\": \"" + String.valueOf(e.getMessage()).replace("\"", "'") + "\"}";
    }
  }

  private String doctor() {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    DoctorCommand.print(
        new Doctor(
                config,
                "parkedge",
                Doctor.Environment.system(() -> DoctorCommand.daemonAnswers(config)))
            .run(),
        out);
    return text.toString();
  }

  private static String database(GatewayConfig gateway, List<String> notes) {
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(SqliteStore.statistics(gateway.database()));
    } catch (StorageException | IOException e) {
      notes.add("no database statistics: " + e.getMessage());
      return "{}";
    }
  }

  private static String backups(GatewayConfig gateway) {
    Path folder = gateway.database().toAbsolutePath().getParent().resolve("backups");
    if (!Files.isDirectory(folder)) {
      return "no backups folder at " + folder + "\n";
    }
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        text.append(file.getFileName())
            .append(' ')
            .append(Files.size(file))
            .append(" bytes ")
            .append(Files.getLastModifiedTime(file))
            .append('\n');
      }
    } catch (IOException e) {
      text.append("cannot list ").append(folder).append(": ").append(e.getMessage());
    }
    return text.toString();
  }

  private static String versions() {
    String version = SupportBundleCommand.class.getPackage().getImplementationVersion();
    StringBuilder text = new StringBuilder();
    text.append("parkedge ").append(version == null ? "(development build)" : version).append('\n');
    text.append("java ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"))
        .append('\n');
    text.append("os.arch ").append(System.getProperty("os.arch")).append('\n');
    text.append(run(List.of("uname", "-a"), 5)).append('\n');
    try {
      text.append(Files.readString(Path.of("/etc/os-release")));
    } catch (IOException e) {
      text.append("no /etc/os-release\n");
    }
    return text.toString();
  }

  private String journal(List<String> notes) {
    String text =
        run(
            List.of(
                "journalctl",
                "-u",
                "parkedge-gateway",
                "-u",
                "parkedge-sync",
                "--since",
                since,
                "-n",
                "50000",
                "--no-pager",
                "-o",
                "short-iso-precise"),
            60);
    if (text.startsWith("cannot run")) {
      notes.add("no journal: " + text);
    }
    return text;
  }

  /** A command's output (stdout and stderr), or why it could not run. */
  static String run(List<String> command, int timeoutSeconds) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      return new String(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "cannot run " + String.join(" ", command) + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while running " + String.join(" ", command);
    }
  }

  private static String readme(Instant now, List<String> notes) {
    StringBuilder text = new StringBuilder();
    text.append("ParkEdge support bundle, made ").append(now).append("\n\n");
    text.append("config/       gateway.yaml, site.yaml and other .yaml files, secret values")
        .append(" replaced by <redacted>; secret files (password_file, psk_file) left out\n");
    text.append("status.json   the running daemon's status and devices\n");
    text.append("doctor.txt    parkedge doctor's findings\n");
    text.append("database.json sizes, schema version, rows per table, journal range and types\n");
    text.append("backups.txt   the backups folder\n");
    text.append("versions.txt  parkedge, Java, kernel and OS versions\n");
    text.append("journal.txt   journalctl -u parkedge-gateway -u parkedge-sync\n");
    if (!notes.isEmpty()) {
      text.append("\nWhat could not be collected:\n");
      notes.forEach(note -> text.append("- ").append(note).append('\n'));
    }
    return text.toString();
  }
}
