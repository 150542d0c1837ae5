package dev.parkedge.sync.agent;

import dev.parkedge.sync.contract.DataClass;
import dev.parkedge.sync.wire.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's settings, from {@code sync.properties} (written by {@code parkedge-sync enroll}).
 * Relative paths resolve against the file's folder. Every key and its default: README.md.
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

  public static AgentSettings load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      p.load(reader);
    }
    Path folder = file.toAbsolutePath().getParent();
    List<String> problems = new ArrayList<>();
    String broker = required(p, "broker", problems);
    String tenant = required(p, "tenant", problems);
    String site = required(p, "site", problems);
    if (!problems.isEmpty()) {
      throw new IOException(file + ": " + String.join("; ", problems));
    }
    Map<DataClass, Long> budgets = new EnumMap<>(DataClass.class);
    budgets.put(
        DataClass.OCCUPANCY, Long.parseLong(p.getProperty("budget.occupancy_bytes", "268435456")));
    budgets.put(
        DataClass.OPERATIONS, Long.parseLong(p.getProperty("budget.operations_bytes", "67108864")));
    try {
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
      throw new IOException(file + ": a number setting is not a number: " + e.getMessage(), e);
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
