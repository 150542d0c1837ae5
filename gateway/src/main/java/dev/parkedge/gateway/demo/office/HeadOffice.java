package dev.parkedge.gateway.demo.office;

import dev.parkedge.sync.agent.AgentSettings;
import dev.parkedge.sync.agent.SyncAgent;
import dev.parkedge.sync.collector.Collector;
import dev.parkedge.sync.collector.DayReport;
import dev.parkedge.sync.collector.EventStore;
import dev.parkedge.sync.contract.DataClass;
import dev.parkedge.sync.contract.JournalTable;
import dev.parkedge.sync.mqtt.LinkSettings;
import dev.parkedge.sync.wire.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.sqlite.SQLiteConfig;

/**
 * The cloud side of {@code parkedge demo}, all in the demo's process: an embedded MQTT broker, the
 * head-office collector (its own SQLite file) and the site's sync-agent, which tails the gateway's
 * journal read-only, keeps its outbox in its own file and drains it to the collector through the
 * broker. The same classes as {@code parkedge-sync} and the collector's own main; only the demo
 * loads them (the daemon never does).
 */
public final class HeadOffice implements AutoCloseable {

  /** The demo's tenant account. */
  public static final String TENANT = "demo";

  private final String site;
  private final Path gatewayDatabase;
  private final EmbeddedBroker broker;
  private final EventStore store;
  private final Collector collector;
  private final SyncAgent agent;

  private HeadOffice(
      String site,
      Path gatewayDatabase,
      EmbeddedBroker broker,
      EventStore store,
      Collector collector,
      SyncAgent agent) {
    this.site = site;
    this.gatewayDatabase = gatewayDatabase;
    this.broker = broker;
    this.store = store;
    this.collector = collector;
    this.agent = agent;
  }

  /** Starts the broker, the collector and the agent of {@code site}'s journal in {@code dir}. */
  public static HeadOffice start(String site, Path gatewayDatabase, Path dir)
      throws IOException, SQLException {
    EmbeddedBroker broker = EmbeddedBroker.start(freePort());
    EventStore store = null;
    Collector collector = null;
    try {
      store = EventStore.open("jdbc:sqlite:" + dir.resolve("collector.db"), null, null, TENANT);
      collector = new Collector(TENANT, collectorLink(broker.url()), store, Clock.systemUTC());
      collector.start();
      awaitListening(collector);
      SyncAgent agent =
          SyncAgent.start(
              agentSettings(site, broker.url(), gatewayDatabase, dir), Clock.systemUTC());
      return new HeadOffice(site, gatewayDatabase, broker, store, collector, agent);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(collector, store, broker);
      throw e;
    }
  }

  static final Duration LISTENING_WITHIN = Duration.ofSeconds(10);

  /**
   * Waits (at most {@link #LISTENING_WITHIN}) until the collector has subscribed, as a cloud is up
   * before a site connects: the agent's first batches would otherwise reach a broker with no one to
   * deliver them to, and the agent would find them lost and send them again, with a warning.
   */
  private static void awaitListening(Collector collector) {
    try {
      await(collector::connected, LISTENING_WITHIN);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Polls {@code condition} until it holds (true) or {@code timeout} has passed (false). */
  private static boolean await(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The collector's settings of {@link Collector#settings}, but MQTT 3.1.1: Moquette has no 5. */
  private static LinkSettings collectorLink(String url) {
    LinkSettings usual = Collector.settings(TENANT, url, null, null, null);
    return new LinkSettings(
        usual.url(),
        usual.clientId(),
        null,
        null,
        null,
        usual.keepAlive(),
        usual.persistentSession(),
        usual.sessionExpiry(),
        List.of(Topics.tenantUp(TENANT)),
        null,
        null,
        usual.maxInflight(),
        "3.1.1");
  }

  /** What sync.yaml would say for this site: sync.yaml's defaults, quicker retries. */
  private static AgentSettings agentSettings(
      String site, String broker, Path gatewayDatabase, Path dir) {
    Map<DataClass, Long> budgets = new EnumMap<>(DataClass.class);
    budgets.put(DataClass.OCCUPANCY, 268_435_456L);
    budgets.put(DataClass.OPERATIONS, 67_108_864L);
    return new AgentSettings(
        dir.resolve("sync.yaml"),
        broker,
        TENANT,
        site,
        null,
        null,
        null,
        null,
        null,
        gatewayDatabase,
        dir.resolve("sync.db"),
        "3.1.1",
        1000,
        64,
        64,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofMillis(200),
        Duration.ofSeconds(2),
        budgets);
  }

  /** The highest journal seq the collector has acknowledged. */
  public long ackedSeq() {
    return agent.acked();
  }

  /** Whether the agent is connected to the broker. */
  public boolean connected() {
    return agent.connected();
  }

  /** Events the collector has stored for the site. */
  public long eventsHeld() {
    try {
      return store.counts(site)[0];
    } catch (SQLException e) {
      return -1;
    }
  }

  /** The gateway journal's newest seq, read as the agent reads it. */
  public long journalHead() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection c =
        DriverManager.getConnection("jdbc:sqlite:" + gatewayDatabase, config.toProperties())) {
      return JournalTable.head(c);
    }
  }

  /**
   * Waits until the collector has acknowledged the journal's newest entry; false when {@code
   * timeout} passed first.
   */
  public boolean awaitDrained(Duration timeout) throws InterruptedException, SQLException {
    long head = journalHead();
    return await(() -> agent.acked() >= head, timeout);
  }

  /** The head-office day report of the site, from the collector's store. */
  public Report report(LocalDate day, ZoneId zone) throws SQLException {
    DayReport report = store.dayReport(site, day, zone);
    // Payments less refunds, as the gateway's day report counts revenue (top-ups are held money).
    long revenue =
        report.revenueByMethod().values().stream().mapToLong(t -> t.paid() - t.refunded()).sum();
    return new Report(report.text(), revenue, report.violations(), report.sessions());
  }

  /** The report as text, and the figures the demo compares with the gateway's own. */
  public record Report(
      String text, long revenueMinor, long violations, Map<String, Long> sessions) {}

  @Override
  public void close() throws InterruptedException {
    try {
      agent.close();
    } finally {
      closeQuietly(collector, store, broker);
    }
  }

  private static void closeQuietly(AutoCloseable... closeables) {
    for (AutoCloseable c : closeables) {
      if (c == null) {
        continue;
      }
      try {
        c.close();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
