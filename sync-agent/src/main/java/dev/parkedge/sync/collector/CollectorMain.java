package dev.parkedge.sync.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parkedge.sync.agent.Secrets;
import dev.parkedge.sync.contract.Ed25519Keys;
import dev.parkedge.sync.mqtt.Tls;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLSocketFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The head-office collector's own main: {@code java -cp parkedge-sync.jar
 * dev.parkedge.sync.collector.CollectorMain run|send|report|keygen}.
 */
@Command(
    name = "parkedge-collector",
    mixinStandardHelpOptions = true,
    description =
        "Head-office side of the ParkEdge cloud protocol: store events, ack, send signed commands, report.",
    subcommands = {
      CollectorMain.Run.class,
      CollectorMain.Send.class,
      CollectorMain.Report.class,
      CollectorMain.Keygen.class
    })
public final class CollectorMain {
  public static void main(String[] args) {
    System.exit(new CommandLine(new CollectorMain()).execute(args));
  }

  /** Broker and database options shared by run and send. */
  static final class Connection {
    @Option(names = "--tenant", required = true)
    String tenant;

    @Option(names = "--broker", required = true, description = "ssl://host:8883 or tcp://host:1883")
    String broker;

    @Option(names = "--username")
    String username;

    @Option(names = "--password-file", description = "0600 file, first line")
    Path passwordFile;

    @Option(names = "--ca-file", description = "CA (PEM) for ssl://")
    Path caFile;

    @Option(
        names = "--database",
        defaultValue = "jdbc:sqlite:collector.db",
        description = "JDBC URL: jdbc:sqlite:FILE or jdbc:postgresql://host/db")
    String database;

    @Option(names = "--db-user")
    String dbUser;

    @Option(names = "--db-password-file")
    Path dbPasswordFile;

    Collector open() throws Exception {
      char[] password = passwordFile == null ? null : Secrets.read(passwordFile).toCharArray();
      SSLSocketFactory tls = caFile == null ? null : Tls.socketFactory(caFile, null, null);
      EventStore store =
          EventStore.open(
              database,
              dbUser,
              dbPasswordFile == null ? null : Secrets.read(dbPasswordFile),
              tenant);
      return new Collector(
              tenant,
              Collector.settings(tenant, broker, username, password, tls),
              store,
              Clock.systemUTC())
          .start();
    }
  }

  @Command(name = "run", description = "Collect until stopped.")
  static final class Run implements Callable<Integer> {
    @Mixin Connection connection;

    @Override
    public Integer call() throws Exception {
      Collector collector = connection.open();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      collector.close();
                      collector.store().close();
                    } catch (Exception e) {
                      Thread.currentThread().interrupt();
                    }
                    stopped.countDown();
                  },
                  "collector-shutdown"));
      stopped.await();
      return 0;
    }
  }

  @Command(
      name = "send",
      description = "Sign a command with the tenant's key and send it to a site.")
  static final class Send implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin Connection connection;

    @Option(names = "--site", required = true)
    String site;

    @Option(
        names = "--kind",
        required = true,
        description =
            "layout.publish, tariff.publish, reservation.create, reservation.cancel,"
                + " space.maintenance, gate.open (bodies: PROTOCOL.md, down/commands)")
    String kind;

    @Option(names = "--body", defaultValue = "{}", description = "the command's body, JSON object")
    String body;

    @Option(
        names = "--body-file",
        description = "put this file's text in the body under --body-key")
    Path bodyFile;

    @Option(names = "--body-key", description = "e.g. site_yaml or tariff_yaml")
    String bodyKey;

    @Option(
        names = "--key",
        required = true,
        description = "the tenant's Ed25519 private key (PEM, 0600)")
    Path key;

    @Option(
        names = "--ttl",
        defaultValue = "PT1H",
        description = "ISO-8601 duration until it expires")
    Duration ttl;

    @Option(
        names = "--id",
        description =
            "command id; random by default. For reservation.create it is the booking's"
                + " idempotency key: send again with the same --id and body to retry safely")
    String id;

    @Option(names = "--wait", defaultValue = "PT30S", description = "wait this long for the result")
    Duration waitFor;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      ObjectNode json = (ObjectNode) new ObjectMapper().readTree(body);
      if (bodyFile != null) {
        json.put(bodyKey == null ? "text" : bodyKey, Files.readString(bodyFile));
      }
      Secrets.read(key); // refuses a key others can read
      String commandId = id == null ? "cmd-" + UUID.randomUUID() : id;
      try (Collector collector = connection.open()) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!collector.connected() && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        // Issued once connected: a gate.open is refused a few seconds after its issue time.
        Instant now = Instant.now();
        collector.send(
            new dev.parkedge.sync.contract.Command(
                commandId, connection.tenant, site, kind, now, now.plus(ttl), json),
            Ed25519Keys.readPrivate(key));
        out.println("sent " + commandId + " to " + site);
        long until = System.nanoTime() + waitFor.toNanos();
        while (System.nanoTime() < until) {
          String outcome = collector.store().outcome(commandId);
          if (outcome != null) {
            String detail = collector.store().detail(commandId);
            out.println(commandId + ": " + outcome + (detail == null ? "" : ": " + detail));
            return outcome.startsWith("applied") ? 0 : 1;
          }
          Thread.sleep(100);
        }
        out.println(
            commandId + ": no result within " + waitFor.toSeconds() + " s (it may still come)");
        return 2;
      }
    }
  }

  @Command(name = "report", description = "Head-office report of one site and day: text, CSV, SVG.")
  static final class Report implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--tenant", required = true)
    String tenant;

    @Option(names = "--site", required = true)
    String site;

    @Option(names = "--day", required = true, description = "YYYY-MM-DD")
    LocalDate day;

    @Option(names = "--zone", defaultValue = "UTC", description = "the site's time zone")
    ZoneId zone;

    @Option(names = "--database", defaultValue = "jdbc:sqlite:collector.db")
    String database;

    @Option(names = "--csv", description = "also write the CSV here")
    Path csv;

    @Option(names = "--svg", description = "also write the occupancy chart here")
    Path svg;

    @Override
    public Integer call() throws Exception {
      try (EventStore store = EventStore.open(database, null, null, tenant)) {
        DayReport report = DayReport.of(store.connection(), tenant, site, day, zone);
        spec.commandLine().getOut().print(report.text());
        if (csv != null) {
          Files.writeString(csv, report.csv());
        }
        if (svg != null) {
          Files.writeString(svg, report.svg());
        }
      }
      return 0;
    }
  }

  @Command(name = "keygen", description = "Make the tenant's Ed25519 key pair (private 0600).")
  static final class Keygen implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--out",
        required = true,
        description = "folder for tenant-ed25519.key and .pub")
    Path out;

    @Override
    public Integer call() throws Exception {
      KeyPair pair = Ed25519Keys.generate();
      Files.createDirectories(out);
      Secrets.write(
          out.resolve("tenant-ed25519.key"), Ed25519Keys.privatePem(pair.getPrivate()).strip());
      Files.writeString(out.resolve("tenant-ed25519.pub"), Ed25519Keys.publicPem(pair.getPublic()));
      spec.commandLine()
          .getOut()
          .println(
              "wrote "
                  + out.resolve("tenant-ed25519.key")
                  + " (0600) and tenant-ed25519.pub (give it to each gateway: commands.public_key_file)");
      return 0;
    }
  }
}
