package dev.parkedge.sync.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.sync.collector.Collector;
import dev.parkedge.sync.testing.Broker;
import dev.parkedge.sync.testing.GatewayDatabase;
import dev.parkedge.sync.testing.Site;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drain: a week offline leaves 1,000,000 events in the gateway's journal; the agent
 * (its own process) drains them over TLS through a real Mosquitto to the collector while the
 * gateway (its own process) keeps writing; the broker is killed and restarted twice, the agent and
 * the gateway are killed with SIGKILL and restarted. The collector ends with every seq exactly
 * once.
 */
class DrainIT {
  private static final Logger log = LoggerFactory.getLogger(DrainIT.class);
  static final int BACKLOG = Integer.getInteger("drain.backlog", 1_000_000);
  @TempDir Path dir;

  @Test
  void a_week_of_backlog_drains_exactly_once_through_broker_agent_and_gateway_kills()
      throws Exception {
    Path gatewayDb = dir.resolve("gateway/parkedge.db");
    Files.createDirectories(gatewayDb.getParent());
    GatewayDatabase.create(gatewayDb);
    long weekAgo = System.currentTimeMillis() - 7 * 86_400_000L;
    long step = 7 * 86_400_000L / BACKLOG;
    try (Connection writer = GatewayDatabase.writer(gatewayDb)) {
      for (int done = 0; done < BACKLOG; done += 50_000) {
        GatewayDatabase.append(
            writer, Math.min(50_000, BACKLOG - done), weekAgo + done * step, step, 20_000);
      }
    }
    try (Broker broker = Broker.start(dir.resolve("broker"));
        Collector collector = Site.collector(dir, broker, "acme")) {
      Path config = Site.agentConfig(dir.resolve("agent"), broker, "acme", "s1", gatewayDb, "");
      Path agentLog = dir.resolve("agent.log");
      Path latencies = dir.resolve("latencies.txt");
      long started = System.nanoTime();
      Process agent = Site.startAgent(config, agentLog);
      Process gateway = Site.startFakeGateway(gatewayDb, 20, 50, latencies);
      boolean brokerKilled = false;
      boolean agentKilled = false;
      boolean brokerKilledAgain = false;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
      while (System.nanoTime() < deadline) {
        long stored = collector.store().counts("s1")[0];
        if (!brokerKilled && stored > BACKLOG / 5) {
          log.info("drain: killing the broker at {} stored", stored);
          broker.kill();
          Thread.sleep(1500);
          broker.restart();
          brokerKilled = true;
        } else if (brokerKilled && !agentKilled && stored > BACKLOG / 2) {
          log.info("drain: killing the agent and the gateway at {} stored", stored);
          Site.kill(agent);
          Site.kill(gateway);
          agent = Site.startAgent(config, agentLog);
          gateway = Site.startFakeGateway(gatewayDb, 20, 50, latencies);
          agentKilled = true;
        } else if (agentKilled && !brokerKilledAgain && stored > BACKLOG * 7 / 10) {
          log.info("drain: killing the broker again at {} stored", stored);
          broker.kill();
          Thread.sleep(500);
          broker.restart();
          brokerKilledAgain = true;
        } else if (brokerKilledAgain && gateway.isAlive() && stored >= BACKLOG) {
          Site.kill(gateway); // the gateway stops writing; what it wrote must arrive too
        } else if (!gateway.isAlive()) {
          long head = GatewayDatabase.head(gatewayDb);
          long[] counts = collector.store().counts("s1");
          if (counts[2] == head) {
            break;
          }
        }
        Thread.sleep(200);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long head = GatewayDatabase.head(gatewayDb);
      long[] counts = collector.store().counts("s1");
      List<Long> commits =
          Files.readAllLines(latencies).stream()
              .filter(l -> !l.isBlank())
              .map(Long::parseLong)
              .sorted()
              .toList();
      log.info(
          "drain: {} events (backlog {}) stored once each in {} s through 2 broker kills and an agent+gateway kill;"
              + " gateway commit latency while draining: p50 {} us, p99 {} us, max {} us over {} commits",
          head,
          BACKLOG,
          String.format("%.1f", seconds),
          commits.get(commits.size() / 2),
          commits.get(commits.size() * 99 / 100),
          commits.get(commits.size() - 1),
          commits.size());
      Thread.sleep(2500); // one more status file from the agent
      com.fasterxml.jackson.databind.JsonNode status =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(dir.resolve("agent/sync.db.status.json").toFile());
      log.info(
          "drain: the last agent run sent {} events in {} payload bytes ({} bytes per event, topic and"
              + " MQTT header excluded)",
          status.path("events_sent").asLong(),
          status.path("bytes_sent").asLong(),
          status.path("bytes_sent").asLong() / Math.max(1, status.path("events_sent").asLong()));
      Site.kill(agent);
      assertThat(brokerKilledAgain).as("every kill happened").isTrue();
      assertThat(counts[2]).as("collector watermark").isEqualTo(head);
      assertThat(counts[0]).as("events stored, each once").isEqualTo(head);
      assertThat(counts[1]).as("highest seq stored").isEqualTo(head);
    }
  }
}
