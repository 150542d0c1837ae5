package dev.parkedge.sync.testing;

import dev.parkedge.sync.agent.Secrets;
import dev.parkedge.sync.collector.Collector;
import dev.parkedge.sync.collector.EventStore;
import dev.parkedge.sync.mqtt.Tls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Files and processes of one test site: agent config, agent process, collector. */
public final class Site {
  private Site() {}

  /** Writes sync.yaml for {@code tenant.site} against the broker; returns its path. */
  public static Path agentConfig(
      Path dir, Broker broker, String tenant, String site, Path gatewayDb, String extra)
      throws IOException {
    Files.createDirectories(dir);
    Path password = dir.resolve("password");
    Secrets.write(password, Broker.PASSWORD + tenant + "." + site);
    Path config = dir.resolve("sync.yaml");
    Files.writeString(
        config,
        String.join(
                "\n",
                "broker: " + broker.url(),
                "tenant: " + tenant,
                "site: " + site,
                "username: " + tenant + "." + site,
                "password_file: " + password,
                "ca_file: " + broker.ca(),
                "gateway_database: " + gatewayDb,
                "state_file: " + dir.resolve("sync.db"),
                "ack_timeout_ms: 5000",
                "backoff_initial_ms: 200",
                "backoff_max_ms: 2000",
                "status_every_ms: 2000")
            + "\n"
            + extra);
    return config;
  }

  public static Process startAgent(Path config, Path log) throws IOException {
    String jar = System.getProperty("parkedge.sync.jar", "target/parkedge-sync.jar");
    List<String> command =
        new ArrayList<>(
            List.of(java(), "-Xmx384m", "-jar", jar, "run", "--config", config.toString()));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  public static Process startFakeGateway(Path db, int perCommit, long everyMs, Path out)
      throws IOException {
    return new ProcessBuilder(
            java(),
            "-cp",
            System.getProperty("java.class.path"),
            FakeGatewayMain.class.getName(),
            db.toString(),
            String.valueOf(perCommit),
            String.valueOf(everyMs))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
        .start();
  }

  public static void kill(Process process) throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  public static Collector collector(Path dir, Broker broker, String tenant) throws Exception {
    EventStore store =
        EventStore.open(
            "jdbc:sqlite:" + dir.resolve("collector-" + tenant + ".db"), null, null, tenant);
    String user = "hq-" + tenant;
    return new Collector(
            tenant,
            Collector.settings(
                tenant,
                broker.url(),
                user,
                (Broker.PASSWORD + user).toCharArray(),
                Tls.socketFactory(broker.ca(), null, null)),
            store,
            Clock.systemUTC())
        .start();
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
