package dev.parkedge.sync.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;

/**
 * How to connect.
 *
 * @param url {@code tcp://host:1883} or {@code ssl://host:8883}
 * @param password null without username/password authentication
 * @param tls null for plain TCP; carries the CA and, for certificate auth, the client key
 * @param persistentSession keep the broker session (and the QoS 1 messages queued for it) across
 *     disconnects, for {@code sessionExpiry}
 * @param subscriptions topic filters subscribed at QoS 1 once connected
 * @param willTopic retained last-will topic, or null
 * @param protocol {@code auto} (MQTT 5, then 3.1.1 if the broker refuses 5), {@code 5}, {@code
 *     3.1.1}
 */
public record LinkSettings(
    String url,
    String clientId,
    String username,
    char[] password,
    SSLSocketFactory tls,
    Duration keepAlive,
    boolean persistentSession,
    Duration sessionExpiry,
    List<String> subscriptions,
    String willTopic,
    byte[] willPayload,
    int maxInflight,
    String protocol) {
  public LinkSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(clientId, "clientId");
    subscriptions = List.copyOf(subscriptions);
    if (!List.of("auto", "5", "3.1.1").contains(protocol)) {
      throw new IllegalArgumentException("protocol must be auto, 5 or 3.1.1, got " + protocol);
    }
  }
}
