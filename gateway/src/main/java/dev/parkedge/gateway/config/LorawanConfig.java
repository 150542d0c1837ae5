package dev.parkedge.gateway.config;

import dev.parkedge.gateway.display.lorawan.LorawanDisplayConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The LoRaWAN network server the gateway hears sensors through and drives class-C displays with
 * ({@code lorawan} in gateway.yaml).
 *
 * @param name the bus name LoRaWAN devices appear on (status, devices, journal)
 * @param server which network server and message encoding
 * @param broker the MQTT broker's URL: {@code tcp://host:1883}, or {@code ssl://host:8883} for TLS
 * @param application the ChirpStack application id, or The Things Stack's {@code app-id@tenant}
 * @param clientId the MQTT client id; the broker keeps the persistent session under it
 * @param username MQTT user name, or null
 * @param passwordFile a file (0600) whose first line is the MQTT password or API key, or null
 * @param caFile PEM certificates to trust for {@code ssl://} brokers, or null for the JVM's own
 * @param keepAlive MQTT keep-alive interval
 * @param displays how downlinks to LoRaWAN displays are paced
 */
public record LorawanConfig(
    String name,
    Server server,
    String broker,
    String application,
    String clientId,
    String username,
    Path passwordFile,
    Path caFile,
    Duration keepAlive,
    LorawanDisplayConfig displays) {

  public LorawanConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(keepAlive, "keepAlive");
    Objects.requireNonNull(displays, "displays");
  }

  /** The network servers whose MQTT integration the gateway speaks. */
  public enum Server {
    CHIRPSTACK_V4,
    CHIRPSTACK_V3,
    THE_THINGS_STACK;

    /** The name used in gateway.yaml, e.g. {@code chirpstack-v4}. */
    public String yamlName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The data rate this server sends class-C downlinks at by default (its EU868 RX2 data rate):
     * ChirpStack's is DR0, SF12; The Things Stack's is DR3, SF9.
     */
    public String defaultDownlinkDataRate() {
      return this == THE_THINGS_STACK ? "SF9BW125" : "SF12BW125";
    }
  }
}
