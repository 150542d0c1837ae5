package dev.parkedge.sync.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parkedge.sync.contract.DataClass;
import dev.parkedge.sync.contract.systemd.Notifier;
import dev.parkedge.sync.mqtt.LinkSettings;
import dev.parkedge.sync.mqtt.Tls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The sync-agent's composition root: the outbox (its own file), the journal tail (reads the
 * gateway's journal), the uplink (MQTT), and a status file for {@code parkedge-sync status}.
 */
public final class SyncAgent implements AutoCloseable {
  public static final String VERSION = "0.1.0";
  private static final Logger log = LoggerFactory.getLogger(SyncAgent.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AgentSettings settings;
  private final Outbox outbox;
  private final GatewayInbox inbox;
  private final JournalTail tail;
  private final Uplink uplink;
  private final AgentCounters counters;
  private final Thread tailThread;
  private final Thread uplinkThread;
  private final ScheduledExecutorService statusFile;
  private final Notifier notifier;
  private Boolean toldConnected;

  private SyncAgent(AgentSettings settings, Clock clock, Notifier notifier) throws SQLException {
    this.settings = settings;
    this.notifier = notifier;
    this.outbox = Outbox.open(settings.stateFile(), settings.budgets());
    this.inbox = new GatewayInbox(settings.gatewayDatabase());
    this.counters = new AgentCounters(settings.site(), VERSION, gatewayVersion(settings));
    this.uplink =
        new Uplink(settings, () -> linkSettings(settings), outbox, inbox, clock, counters);
    this.tail = new JournalTail(settings.gatewayDatabase(), outbox, this::copied);
    this.tailThread = new Thread(tail, "sync-journal-tail");
    this.uplinkThread = new Thread(uplink, "sync-uplink");
    this.statusFile =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sync-status-file");
              t.setDaemon(true);
              return t;
            });
  }

  public static SyncAgent start(AgentSettings settings, Clock clock) throws SQLException {
    return start(settings, clock, Notifier.NONE);
  }

  /**
   * Starts the agent; {@code notifier} hears {@code WATCHDOG=1} after each status file written
   * while the journal tail and the uplink threads run, and a status line when the link comes and
   * goes.
   */
  public static SyncAgent start(AgentSettings settings, Clock clock, Notifier notifier)
      throws SQLException {
    SyncAgent agent = new SyncAgent(settings, clock, notifier);
    agent.tailThread.start();
    agent.uplinkThread.start();
    agent.statusFile.scheduleWithFixedDelay(agent::writeStatusFile, 0, 2, TimeUnit.SECONDS);
    log.info(
        "sync {}: started: journal {} -> outbox {} -> {} (tenant {}), watermark {}",
        settings.site(),
        settings.gatewayDatabase(),
        settings.stateFile(),
        settings.broker(),
        settings.tenant(),
        agent.outbox.acked());
    return agent;
  }

  private void copied() {
    Map<DataClass, Long> bytes = outbox.bytes();
    boolean over =
        settings.budgets().entrySet().stream()
            .anyMatch(b -> bytes.getOrDefault(b.getKey(), 0L) > b.getValue());
    if (over) {
      try {
        outbox.enforceBudgets(System.currentTimeMillis());
      } catch (SQLException e) {
        log.warn("sync {}: compaction failed: {}", settings.site(), e.getMessage());
      }
    }
    uplink.wake();
  }

  /** The link settings, secrets read afresh at each connection (0600 files only). */
  static LinkSettings linkSettings(AgentSettings settings) {
    char[] password = null;
    if (settings.passwordFile() != null) {
      password = Secrets.read(settings.passwordFile()).toCharArray();
    }
    SSLSocketFactory tls = null;
    if (settings.broker().startsWith("ssl://")) {
      if (settings.caFile() == null) {
        throw new IllegalStateException(settings.file() + ": ssl:// broker needs ca_file");
      }
      char[] p12Password =
          settings.clientP12PasswordFile() == null
              ? new char[0]
              : Secrets.read(settings.clientP12PasswordFile()).toCharArray();
      try {
        tls = Tls.socketFactory(settings.caFile(), settings.clientP12(), p12Password);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    ObjectNode will = JSON.createObjectNode();
    will.put("site", settings.site());
    will.put("state", "offline");
    will.put("reason", "connection lost");
    return new LinkSettings(
        settings.broker(),
        settings.clientId(),
        settings.username(),
        password,
        tls,
        Duration.ofSeconds(20),
        true,
        Duration.ofDays(7),
        List.of(settings.topics().down()),
        settings.topics().status(),
        will.toString().getBytes(StandardCharsets.UTF_8),
        settings.maxInflight(),
        settings.protocol());
  }

  /** The gateway's schema version, as its version for status (the agent cannot ask the daemon). */
  private static String gatewayVersion(AgentSettings settings) {
    if (!Files.exists(settings.gatewayDatabase())) {
      return "unknown";
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:sqlite:" + settings.gatewayDatabase(), config.toProperties());
        PreparedStatement s = c.prepareStatement("SELECT max(version) FROM schema_version");
        ResultSet rows = s.executeQuery()) {
      return rows.next() ? "schema " + rows.getInt(1) : "unknown";
    } catch (SQLException e) {
      return "unknown";
    }
  }

  /** {@code <state_file>.status.json}: what {@code parkedge-sync status} shows. */
  public static Path statusFile(AgentSettings settings) {
    return settings.stateFile().resolveSibling(settings.stateFile().getFileName() + ".status.json");
  }

  private void writeStatusFile() {
    try {
      ObjectNode status = counters.statusJson(outbox, System.currentTimeMillis());
      status.put("connected", uplink.connected());
      status.put("protocol", uplink.protocol());
      Path target = statusFile(settings);
      Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
      Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(status));
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tellServiceManager(uplink.connected());
    } catch (IOException | RuntimeException e) {
      log.debug("sync {}: status file not written: {}", settings.site(), e.toString());
    }
  }

  /**
   * Fed by outcome: the status file was just written (the state folder takes writes) and both
   * working threads are alive; a stuck or dead agent stops feeding and systemd restarts it.
   */
  private void tellServiceManager(boolean connected) {
    if (tailThread.isAlive() && uplinkThread.isAlive()) {
      notifier.watchdog();
    }
    if (!Boolean.valueOf(connected).equals(toldConnected)) {
      toldConnected = connected;
      notifier.status(
          connected
              ? "connected to " + settings.broker() + ", watermark " + outbox.acked()
              : "not connected to "
                  + settings.broker()
                  + " (retrying), watermark "
                  + outbox.acked());
    }
  }

  public long eventsSent() {
    return counters.eventsSent();
  }

  public long bytesSent() {
    return counters.bytesSent();
  }

  public long acked() {
    return outbox.acked();
  }

  public boolean connected() {
    return uplink.connected();
  }

  @Override
  public void close() throws InterruptedException {
    tail.stop();
    tailThread.interrupt();
    tailThread.join(5_000);
    uplink.stop();
    uplinkThread.join(10_000);
    statusFile.shutdownNow();
    writeStatusFile();
    inbox.close();
    outbox.close();
    log.info("sync {}: stopped", settings.site());
  }
}
