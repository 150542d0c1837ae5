package dev.parkedge.sync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.sync.agent.AgentSettings;
import dev.parkedge.sync.agent.Enrolment;
import dev.parkedge.sync.agent.SettingsException;
import dev.parkedge.sync.agent.SyncAgent;
import dev.parkedge.sync.contract.systemd.Notifier;
import dev.parkedge.sync.contract.systemd.SystemdNotifier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.sqlite.SQLiteConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parkedge-sync}: run the agent, enroll a box, show status. */
@Command(
    name = "parkedge-sync",
    mixinStandardHelpOptions = true,
    version = SyncAgent.VERSION,
    description =
        "Drains the gateway's journal to the tenant's MQTT broker and brings signed commands back.",
    subcommands = {SyncMain.Run.class, SyncMain.Enroll.class, SyncMain.Status.class})
public final class SyncMain {
  static final String DEFAULT_CONFIG = "/etc/parkedge/sync.yaml";

  /** Exit status when sync.yaml cannot be used; the unit does not restart on it. */
  static final int EXIT_SETTINGS = 2;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line; a sync.yaml that cannot be used is one line on stderr and exit 2. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SyncMain());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof SettingsException) {
            commandLine.getErr().println("parkedge-sync: " + e.getMessage());
            commandLine.getErr().flush();
            return EXIT_SETTINGS;
          }
          throw e;
        });
    return cli;
  }

  @Command(name = "run", description = "Run the agent until stopped (SIGTERM).")
  static final class Run implements Callable<Integer> {
    @Option(
        names = {"-c", "--config"},
        defaultValue = DEFAULT_CONFIG,
        description = "sync.yaml")
    Path config;

    @Override
    public Integer call() throws Exception {
      AgentSettings settings = AgentSettings.load(config);
      Notifier notifier = SystemdNotifier.fromEnvironment();
      SyncAgent agent = SyncAgent.start(settings, Clock.systemUTC(), notifier);
      notifier.ready(
          "draining "
              + settings.gatewayDatabase()
              + " to "
              + settings.broker()
              + " as "
              + settings.site());
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    notifier.stopping();
                    try {
                      agent.close();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    stopped.countDown();
                  },
                  "sync-shutdown"));
      stopped.await();
      return 0;
    }
  }

  @Command(
      name = "enroll",
      description =
          "Write the agent's config for a new box, check the connection and publish its status.")
  static final class Enroll implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--broker", required = true, description = "ssl://host:8883 or tcp://host:1883")
    String broker;

    @Option(names = "--tenant", required = true)
    String tenant;

    @Option(names = "--site", required = true)
    String site;

    @Option(
        names = "--token-file",
        required = true,
        description = "the box's broker password (first line)")
    Path tokenFile;

    @Option(names = "--username", description = "broker username; default {tenant}.{site}")
    String username;

    @Option(names = "--ca-file", description = "CA certificate (PEM) for ssl:// brokers")
    Path caFile;

    @Option(
        names = "--client-p12",
        description = "client certificate and key (PKCS#12), for certificate auth")
    Path clientP12;

    @Option(names = "--gateway-database", defaultValue = "/var/lib/parkedge/parkedge.db")
    Path gatewayDatabase;

    @Option(names = "--state-file", defaultValue = "/var/lib/parkedge-sync/sync.db")
    Path stateFile;

    @Option(
        names = "--config",
        defaultValue = DEFAULT_CONFIG,
        description = "where to write sync.yaml")
    Path config;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Enrolment.Result result =
          Enrolment.enroll(
              new Enrolment.Request(
                  broker,
                  tenant,
                  site,
                  tokenFile,
                  username == null ? tenant + "." + site : username,
                  caFile,
                  clientP12,
                  gatewayDatabase,
                  stateFile,
                  config));
      out.println(result.message());
      return result.ok() ? 0 : 1;
    }
  }

  @Command(
      name = "status",
      description = "Connected or not, backlog by class, oldest unsent, last ack, commands.")
  static final class Status implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-c", "--config"},
        defaultValue = DEFAULT_CONFIG)
    Path config;

    @Option(names = "--json", description = "print the status as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      AgentSettings settings = AgentSettings.load(config);
      Path file = SyncAgent.statusFile(settings);
      if (!Files.exists(file)) {
        out.println(
            "sync "
                + settings.site()
                + ": no status yet ("
                + file
                + "): is parkedge-sync running?");
        return 3;
      }
      JsonNode status = new ObjectMapper().readTree(file.toFile());
      long ageS = (System.currentTimeMillis() - status.path("at").asLong()) / 1000;
      String commands = commandCounts(settings.gatewayDatabase());
      if (json) {
        out.println(status.toPrettyString());
        return 0;
      }
      out.printf(
          Locale.ROOT,
          "site %s of tenant %s -> %s%n",
          settings.site(),
          settings.tenant(),
          settings.broker());
      out.printf(
          Locale.ROOT,
          "connected:        %s (MQTT %s)%s%n",
          status.path("connected").asBoolean() ? "yes" : "no",
          status.path("protocol").asText("-"),
          ageS > 10 ? " — status is " + ageS + " s old: is the agent running?" : "");
      out.printf(Locale.ROOT, "backlog:          %s%n", status.path("backlog"));
      out.printf(Locale.ROOT, "backlog bytes:    %s%n", status.path("backlog_bytes"));
      out.printf(
          Locale.ROOT, "oldest unsent:    %d s%n", status.path("oldest_unsent_age_s").asLong());
      out.printf(
          Locale.ROOT,
          "last acked seq:   %d (copied up to %d)%n",
          status.path("last_acked_seq").asLong(),
          status.path("copied_seq").asLong());
      out.printf(Locale.ROOT, "compactions:      %d%n", status.path("compactions").asLong());
      out.printf(
          Locale.ROOT,
          "commands:         %s; refused by the agent: %d%n",
          commands,
          status.path("refused_by_agent").asLong());
      return 0;
    }

    private static String commandCounts(Path database) {
      SQLiteConfig config = new SQLiteConfig();
      config.setReadOnly(true);
      try (Connection c =
              DriverManager.getConnection("jdbc:sqlite:" + database, config.toProperties());
          PreparedStatement s =
              c.prepareStatement(
                  "SELECT state, count(*) FROM command_inbox GROUP BY state ORDER BY state");
          ResultSet rows = s.executeQuery()) {
        StringBuilder text = new StringBuilder();
        while (rows.next()) {
          text.append(text.length() == 0 ? "" : ", ")
              .append(rows.getString(1))
              .append(' ')
              .append(rows.getLong(2));
        }
        return text.length() == 0 ? "none" : text.toString();
      } catch (Exception e) {
        return "unknown (" + e.getMessage() + ")";
      }
    }
  }
}
