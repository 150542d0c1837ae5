package dev.parkedge.gateway.demo.office;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.util.Properties;

/**
 * A real MQTT 3.1.1 broker (Moquette) inside the demo's process, on a free loopback port: in-memory
 * sessions and queues, anonymous clients, no WebSocket, and its telemetry (a call home at start-up)
 * off. The agent and the collector talk to it over TCP exactly as they talk to Mosquitto.
 */
final class EmbeddedBroker implements AutoCloseable {

  private final Server server = new Server();
  private final int port;

  private EmbeddedBroker(int port) {
    this.port = port;
  }

  static EmbeddedBroker start(int port) throws IOException {
    Properties p = new Properties();
    p.setProperty("host", "127.0.0.1");
    p.setProperty("port", Integer.toString(port));
    p.setProperty("websocket_port", "disabled");
    p.setProperty("allow_anonymous", "true");
    p.setProperty("persistence_enabled", "false");
    p.setProperty("telemetry_enabled", "false");
    p.setProperty("netty.epoll", "false");
    p.setProperty("use_metrics", "false");
    p.setProperty("use_bugsnag", "false");
    EmbeddedBroker broker = new EmbeddedBroker(port);
    broker.server.startServer(new MemoryConfig(p));
    return broker;
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.stopServer();
  }
}
