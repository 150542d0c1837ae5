package dev.parkedge.sync.agent;

import dev.parkedge.sync.contract.DataClass;
import dev.parkedge.sync.wire.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The agent's settings, from {@code sync.yaml} (written by {@code parkedge-sync enroll}; the
 * package ships it fully commented). Relative paths resolve against the file's folder. Every key
 * and its default: README.md and {@code examples/sync.yaml}.
 */
public record AgentSettings(
    Path file,
    String broker,
    String tenant,
    String site,
    String username,
    Path passwordFile,
    Path caFile,
    Path clientP12,
    Path clientP12PasswordFile,
    Path gatewayDatabase,
    Path stateFile,
    String protocol,
    int batchEvents,
    int maxInflight,
    int batchesAhead,
    Duration ackTimeout,
    Duration statusEvery,
    Duration backoffInitial,
    Duration backoffMax,
    Map<DataClass, Long> budgets) {

  public Topics topics() {
    return new Topics(tenant, site);
  }

  public String clientId() {
    return "parkedge-sync-" + tenant + "-" + site;
  }

  /** Every key sync.yaml may have; another is a typo, refused rather than ignored. */
  static final List<String> KEYS =
      List.of(
          "broker",
          "tenant",
          "site",
          "username",
          "password_file",
          "ca_file",
          "client_p12",
          "client_p12_password_file",
          "gateway_database",
          "state_file",
          "protocol",
          "batch_events",
          "max_inflight",
          "batches_ahead",
          "ack_timeout_ms",
          "status_every_ms",
          "backoff_initial_ms",
          "backoff_max_ms",
          "budget.occupancy_bytes",
          "budget.operations_bytes");

  public static AgentSettings load(Path file) throws IOException {
    Properties p = read(file);
    Path folder = file.toAbsolutePath().getParent();
    List<String> problems = new ArrayList<>();
    String broker = required(p, "broker", problems);
    String tenant = required(p, "tenant", problems);
    String site = required(p, "site", problems);
    if (!problems.isEmpty()) {
      throw new SettingsException(file + ": " + String.join("; ", problems));
    }
    try {
      Map<DataClass, Long> budgets = new EnumMap<>(DataClass.class);
      budgets.put(
          DataClass.OCCUPANCY,
          Long.parseLong(p.getProperty("budget.occupancy_bytes", "268435456")));
      budgets.put(
          DataClass.OPERATIONS,
          Long.parseLong(p.getProperty("budget.operations_bytes", "67108864")));
      return new AgentSettings(
          file.toAbsolutePath(),
          broker,
          tenant,
          site,
          p.getProperty("username"),
          path(folder, p.getProperty("password_file")),
          path(folder, p.getProperty("ca_file")),
          path(folder, p.getProperty("client_p12")),
          path(folder, p.getProperty("client_p12_password_file")),
          path(folder, p.getProperty("gateway_database", "/var/lib/parkedge/parkedge.db")),
          path(folder, p.getProperty("state_file", "/var/lib/parkedge-sync/sync.db")),
          p.getProperty("protocol", "auto"),
          Integer.parseInt(p.getProperty("batch_events", "1000")),
          Integer.parseInt(p.getProperty("max_inflight", "64")),
          Integer.parseInt(p.getProperty("batches_ahead", "64")),
          Duration.ofMillis(Long.parseLong(p.getProperty("ack_timeout_ms", "30000"))),
          Duration.ofMillis(Long.parseLong(p.getProperty("status_every_ms", "10000"))),
          Duration.ofMillis(Long.parseLong(p.getProperty("backoff_initial_ms", "1000"))),
          Duration.ofMillis(Long.parseLong(p.getProperty("backoff_max_ms", "60000"))),
          budgets);
    } catch (NumberFormatException e) {
      throw new SettingsException(
          file + ": a number setting is not a number: " + e.getMessage(), e);
    }
  }

  /**
   * sync.yaml as flat keys: a mapping's keys joined with a dot ({@code budget.occupancy_bytes}),
   * every value as its text.
   */
  private static Properties read(Path file) throws IOException {
    Object root;
    try (Reader reader = Files.newBufferedReader(file)) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (NoSuchFileException e) {
      throw new SettingsException(file + ": no such file", e);
    } catch (YAMLException e) {
      throw new SettingsException(
          file + ": not valid YAML: " + e.getMessage().replaceAll("\\s*\\R\\s*", " ").strip(), e);
    }
    Properties p = new Properties();
    if (root == null) {
      return p;
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw new SettingsException(file + ": expected a mapping of settings (key: value)");
    }
    flatten("", top, p, file);
    for (String key : p.stringPropertyNames()) {
      if (!KEYS.contains(key)) {
        throw new SettingsException(
            file + ": unknown setting \"" + key + "\" (known: " + String.join(", ", KEYS) + ")");
      }
    }
    return p;
  }

  private static void flatten(String prefix, Map<?, ?> map, Properties into, Path file)
      throws IOException {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = prefix + entry.getKey();
      if (entry.getValue() instanceof Map<?, ?> nested) {
        flatten(key + ".", nested, into, file);
      } else if (entry.getValue() instanceof List<?>) {
        throw new SettingsException(file + ": " + key + " must be a single value, not a list");
      } else if (entry.getValue() != null) {
        into.setProperty(key, String.valueOf(entry.getValue()));
      }
    }
  }

  private static String required(Properties p, String key, List<String> problems) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      problems.add(key + " is required");
    }
    return value == null ? null : value.trim();
  }

  private static Path path(Path folder, String value) {
    return value == null || value.isBlank() ? null : folder.resolve(value.trim()).normalize();
  }
}
