package dev.parkedge.sync.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parkedge.sync.collector.Collector;
import dev.parkedge.sync.contract.Command;
import dev.parkedge.sync.contract.Ed25519Keys;
import dev.parkedge.sync.contract.SignedCommand;
import dev.parkedge.sync.mqtt.CloudLink;
import dev.parkedge.sync.mqtt.CloudLinks;
import dev.parkedge.sync.mqtt.LinkFailure;
import dev.parkedge.sync.mqtt.LinkSettings;
import dev.parkedge.sync.mqtt.Tls;
import dev.parkedge.sync.testing.Broker;
import dev.parkedge.sync.testing.ContractGateway;
import dev.parkedge.sync.testing.GatewayDatabase;
import dev.parkedge.sync.testing.Site;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Commands from the collector to a gateway and back, and every bad input of the issue, against a
 * real Mosquitto with TLS, passwords and the shipped ACL.
 */
class CommandsAndBadInputIT {
  @TempDir static Path dir;
  static Broker broker;
  static Collector collector;
  static SyncAgent agent;
  static ContractGateway gateway;
  static Path gatewayDb;
  static final KeyPair TENANT = Ed25519Keys.generate();
  static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

  @BeforeAll
  static void start() throws Exception {
    LOGS.start();
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.parkedge.sync"))
        .addAppender(LOGS);
    broker = Broker.start(dir.resolve("broker"));
    gatewayDb = dir.resolve("gateway/parkedge.db");
    Files.createDirectories(gatewayDb.getParent());
    GatewayDatabase.create(gatewayDb);
    try (Connection c = GatewayDatabase.writer(gatewayDb)) {
      GatewayDatabase.append(c, 100, System.currentTimeMillis(), 10, 20);
    }
    collector = Site.collector(dir, broker, "acme");
    Path config = Site.agentConfig(dir.resolve("agent"), broker, "acme", "s1", gatewayDb, "");
    agent = SyncAgent.start(AgentSettings.load(config), Clock.systemUTC());
    gateway = new ContractGateway(gatewayDb, TENANT.getPublic(), "acme", "s1");
    await(
        () -> collector.connected() && agent.connected() && agent.acked() >= 100,
        "agent drained its first 100 events");
  }

  @AfterAll
  static void stop() throws Exception {
    agent.close();
    collector.close();
    broker.close();
  }

  /** Polls the gateway's inbox once, then prepares {@code sql} on {@code c}. */
  private java.sql.PreparedStatement prepared(Connection c, String sql) throws Exception {
    gateway.pollOnce();
    return c.prepareStatement(sql);
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }

  private static Command command(String id, String tenant, String site, Instant expires) {
    ObjectNode body = new ObjectMapper().createObjectNode().put("space", "A-1").put("on", true);
    return new Command(
        id, tenant, site, "space.maintenance", Instant.now().minusSeconds(5), expires, body);
  }

  private static String outcome(String id) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      gateway.pollOnce();
      String outcome = collector.store().outcome(id);
      if (outcome != null) {
        return outcome;
      }
      Thread.sleep(50);
    }
    return "no result";
  }

  private static boolean logged(String fragment) {
    return new ArrayList<>(LOGS.list)
        .stream().anyMatch(e -> e.getFormattedMessage().contains(fragment));
  }

  @Test
  void a_signed_command_reaches_the_gateway_and_its_result_the_collector() throws Exception {
    collector.send(
        command("c-ok", "acme", "s1", Instant.now().plusSeconds(60)), TENANT.getPrivate());

    assertThat(outcome("c-ok")).isEqualTo("applied");
  }

  @Test
  void forged_cross_tenant_cross_site_expired_and_malformed_commands_are_refused_with_a_reason()
      throws Exception {
    byte[] forged =
        SignedCommand.sign(
            command("c-forged", "acme", "s1", Instant.now().plusSeconds(60)),
            Ed25519Keys.generate().getPrivate());
    collector.sendRaw("s1", forged);
    collector.sendRaw(
        "s1",
        SignedCommand.sign(
            command("c-tenant", "other", "s1", Instant.now().plusSeconds(60)),
            TENANT.getPrivate()));
    collector.sendRaw(
        "s1",
        SignedCommand.sign(
            command("c-site", "acme", "s2", Instant.now().plusSeconds(60)), TENANT.getPrivate()));
    collector.sendRaw(
        "s1",
        SignedCommand.sign(
            command("c-old", "acme", "s1", Instant.now().minusMillis(1)), TENANT.getPrivate()));
    collector.sendRaw(
        "s1",
        "{\"payload\":\"eyJpZCI6ImMtYmFkIn0\",\"sig\":\"AAAA\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(outcome("c-forged")).isEqualTo("rejected: bad signature");
    assertThat(outcome("c-tenant"))
        .isEqualTo("rejected: wrong tenant: for other, this gateway is acme");
    assertThat(outcome("c-site")).isEqualTo("rejected: wrong site: for s2, this gateway is s1");
    assertThat(outcome("c-old")).startsWith("rejected: expired: at ");
    assertThat(outcome("c-bad")).isEqualTo("rejected: bad signature");
  }

  @Test
  void a_replayed_command_is_applied_once() throws Exception {
    byte[] message =
        SignedCommand.sign(
            command("c-replay", "acme", "s1", Instant.now().plusSeconds(60)), TENANT.getPrivate());
    collector.sendRaw("s1", message);
    assertThat(outcome("c-replay")).isEqualTo("applied");

    collector.sendRaw("s1", message); // the same bytes again
    collector.send(
        command("c-replay", "acme", "s1", Instant.now().plusSeconds(61)),
        TENANT.getPrivate()); // re-signed

    await(
        () -> logged("command c-replay replayed: the same message was already received"),
        "the agent logs the replay");
    await(
        () -> {
          // The re-signed copy may reach the inbox after a poll: poll again each time.
          try (Connection c = GatewayDatabase.writer(gatewayDb);
              var s =
                  prepared(
                      c,
                      "SELECT state, reason FROM command_inbox WHERE command_id = 'c-replay' ORDER BY received_ms");
              var rows = s.executeQuery()) {
            List<String> states = new ArrayList<>();
            while (rows.next()) {
              states.add(rows.getString(1) + " " + rows.getString(2));
            }
            return new java.util.HashSet<>(states)
                .equals(
                    java.util.Set.of(
                        "applied null", "refused replayed: command c-replay was already applied"));
          } catch (Exception e) {
            return false;
          }
        },
        "the re-signed copy is refused as a replay");
  }

  @Test
  void an_ack_for_a_seq_never_sent_and_a_10_mb_message_are_refused_and_nothing_is_lost()
      throws Exception {
    long acked = agent.acked();
    collector.publishDown(
        "s1",
        "ack",
        "{\"watermark\":999999999,\"batch\":\"x/1\"}".getBytes(StandardCharsets.UTF_8));
    collector.publishDown("s1", "commands", new byte[10 * 1024 * 1024]);
    collector.publishDown("s1", "ack", "not json".getBytes(StandardCharsets.UTF_8));

    await(
        () -> logged("ack refused: ack for seq 999999999 never sent: the highest seq here is"),
        "the agent refuses the ack");
    await(
        () ->
            logged(
                "command refused: command message of 10485760 bytes refused: larger than 524288"),
        "the agent refuses 10 MB");
    await(() -> logged("ack refused: malformed ack"), "the agent refuses a malformed ack");
    assertThat(agent.acked()).isGreaterThanOrEqualTo(acked).isLessThan(999999999);
    try (Connection c = GatewayDatabase.writer(gatewayDb)) {
      GatewayDatabase.append(c, 10, System.currentTimeMillis(), 1, 20);
    }
    long head = GatewayDatabase.head(gatewayDb);
    await(() -> agent.acked() >= head - 0 && collectorHas(head), "later events still drain");
  }

  private static boolean collectorHas(long head) {
    try {
      return collector.store().counts("s1")[2] >= head;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void a_gateway_cannot_publish_or_subscribe_into_another_tenants_or_sites_topics()
      throws Exception {
    try (Collector other = Site.collector(dir, broker, "other")) {
      await(other::connected, "the other tenant's collector connects");
      LinkSettings gatewayS1 = settings("acme.s1", List.of());
      CloudLink link = CloudLinks.connect(gatewayS1, new Quiet());
      try {
        byte[] batch =
            "{\"v\":1,\"site\":\"s1\",\"batch\":\"evil/1\",\"boot\":\"\",\"events\":[{\"id\":\"s1:1\",\"type\":\"payment.taken\",\"subject\":\"x\",\"at\":1,\"trusted\":true,\"mono\":1,\"body\":{\"amount_minor\":1}}]}"
                .getBytes(StandardCharsets.UTF_8);
        publishQuietly(link, "parkedge/v1/other/s1/up/events", batch);
        publishQuietly(link, "parkedge/v1/acme/s2/up/events", batch.clone());
        publishQuietly(link, "parkedge/v1/acme/s1/down/commands", batch.clone());
        Thread.sleep(1500);
      } finally {
        link.close();
      }
      assertThat(other.store().counts("s1")[0]).as("other tenant's store").isZero();
      assertThat(collector.store().counts("s2")[0]).as("acme's site s2").isZero();
    }
    // Subscribing outside its own topics: refused, or (Mosquitto 2.0's ACL file) accepted and
    // never delivered. Either way the gateway receives nothing of another site or tenant.
    List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    CloudLink.Listener recording =
        new CloudLink.Listener() {
          @Override
          public void message(String topic, byte[] payload) {
            received.add(topic);
          }

          @Override
          public void lost(Throwable cause) {}
        };
    List<CloudLink> probes = new ArrayList<>();
    for (String filter :
        List.of(
            "parkedge/v1/acme/s2/down/#",
            "parkedge/v1/other/s1/down/#",
            "parkedge/v1/acme/+/up/#")) {
      try {
        probes.add(
            CloudLinks.connect(
                settingsWithId("acme.s1", "probe-" + probes.size(), List.of(filter)), recording));
      } catch (LinkFailure refused) {
        assertThat(refused).hasMessageContaining("refused");
      }
    }
    try (Collector other = Site.collector(dir, broker, "other")) {
      await(other::connected, "the other tenant's collector connects");
      collector.publishDown("s2", "commands", "{}".getBytes(StandardCharsets.UTF_8));
      other.publishDown("s1", "commands", "{}".getBytes(StandardCharsets.UTF_8));
      Thread.sleep(1500);
    }
    probes.forEach(CloudLink::close);
    assertThat(received)
        .as("messages a gateway received from other sites' or tenants' topics")
        .isEmpty();
    assertThatThrownBy(
            () ->
                CloudLinks.connect(
                    new LinkSettings(
                        broker.url(),
                        "intruder",
                        "acme.s1",
                        "wrong".toCharArray(),
                        Tls.socketFactory(broker.ca(), null, null),
                        Duration.ofSeconds(20),
                        false,
                        Duration.ZERO,
                        List.of(),
                        null,
                        null,
                        10,
                        "auto"),
                    new Quiet()))
        .isInstanceOf(LinkFailure.class);
  }

  private static void publishQuietly(CloudLink link, String topic, byte[] payload) {
    try {
      link.publish(topic, payload, 1, false).get(5, TimeUnit.SECONDS);
    } catch (Exception refused) {
      // MQTT 5 brokers may answer "not authorized"; either way nothing may arrive
    }
  }

  private static LinkSettings settings(String user, List<String> subscriptions) throws Exception {
    return settingsWithId(user, user + "-probe", subscriptions);
  }

  private static LinkSettings settingsWithId(
      String user, String clientId, List<String> subscriptions) throws Exception {
    return new LinkSettings(
        broker.url(),
        clientId,
        user,
        (Broker.PASSWORD + user).toCharArray(),
        Tls.socketFactory(broker.ca(), null, null),
        Duration.ofSeconds(20),
        false,
        Duration.ZERO,
        subscriptions,
        null,
        null,
        10,
        "auto");
  }

  @Test
  void a_broker_that_accepts_and_then_stalls_is_survived_with_a_log_line() throws Exception {
    try (ServerSocket stall = new ServerSocket(0)) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    accepted.add(stall.accept());
                  }
                } catch (Exception closed) {
                  // test over
                }
              });
      acceptor.start();
      Path config = Site.agentConfig(dir.resolve("stalled"), broker, "acme", "s2", gatewayDb, "");
      Files.writeString(
          config,
          Files.readString(config)
              .replace(broker.url(), "ssl://127.0.0.1:" + stall.getLocalPort()));
      try (SyncAgent stalled = SyncAgent.start(AgentSettings.load(config), Clock.systemUTC())) {
        await(
            () ->
                logged(
                    "sync s2: connecting to ssl://127.0.0.1:" + stall.getLocalPort() + " failed"),
            "the agent gives up on the stalled broker");
        assertThat(stalled.connected()).isFalse();
      }
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  private static final class Quiet implements CloudLink.Listener {
    @Override
    public void message(String topic, byte[] payload) {}

    @Override
    public void lost(Throwable cause) {}
  }
}
