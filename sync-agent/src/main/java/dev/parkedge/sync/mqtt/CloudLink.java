package dev.parkedge.sync.mqtt;

import java.util.concurrent.CompletableFuture;

/**
 * One connection to an MQTT broker, MQTT 5 or 3.1.1 (Paho), as the agent and the collector use it.
 * No file persistence: what is not acknowledged is resent from the agent's own store.
 */
public interface CloudLink extends AutoCloseable {

  /** Receives messages and the loss of the connection. */
  interface Listener {
    /**
     * Called on Paho's thread; the message is acknowledged when this returns. Throwing drops the
     * connection without acknowledging, so the broker delivers the message again.
     */
    void message(String topic, byte[] payload) throws Exception;

    void lost(Throwable cause);
  }

  /**
   * Completes when the broker acknowledged (QoS 1), exceptionally when it refused or the link fell.
   */
  CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained);

  boolean connected();

  /** {@code 5} or {@code 3.1.1}. */
  String protocol();

  /** Disconnects (publishing nothing more; the broker does not send the will). */
  @Override
  void close();
}
