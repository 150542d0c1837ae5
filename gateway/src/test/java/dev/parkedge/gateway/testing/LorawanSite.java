package dev.parkedge.gateway.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/**
 * A site heard through ChirpStack v4 over MQTT: spaces {@code B000, …} in zone {@code Z1}, each
 * watched by a Nwave NPS405 (dev_eui {@link #SENSOR} plus the space number), and one LoRaWAN count
 * sign {@link #SIGN} for the zone; gateway.yaml points at the broker, the API on a free UDP port.
 * {@link #uplink} writes the message ChirpStack v4.1+ publishes for an uplink.
 */
public final class LorawanSite {

  public static final String APPLICATION = "6f8e2b1c-0d3a-4b5e-9f10-2a3b4c5d6e7f";
  public static final long SENSOR = 0x0004a30b001c0000L;
  public static final long SIGN = 0x0004a30bffff0001L;

  private LorawanSite() {}

  /**
   * Writes gateway.yaml and site.yaml into {@code dir}.
   *
   * @return the API's UDP port
   */
  public static int write(Path dir, String brokerUrl, int spaces) throws IOException {
    int apiPort;
    try (DatagramSocket probe = new DatagramSocket(0)) {
      apiPort = probe.getLocalPort();
    }
    Files.writeString(
        dir.resolve("gateway.yaml"),
        String.format(
                Locale.ROOT,
                "site_file: site.yaml%ndata_dir: var%napi:%n  coap_port: %d%n"
                    + "sensing:%n  debounce: 0s%n  stale_after: 4h%n",
                apiPort)
            + gatewaySection(brokerUrl));
    Files.writeString(
        dir.resolve("site.yaml"),
        "site: { id: lora, name: LoRa Garage, timezone: Europe/Berlin, currency: EUR }\n"
            + "levels:\n  - id: L1\n    zones:\n"
            + zone(spaces)
            + "signs:\n"
            + sign());
    return apiPort;
  }

  /** The {@code lorawan:} section of gateway.yaml for a ChirpStack v4 at {@code brokerUrl}. */
  public static String gatewaySection(String brokerUrl) {
    return String.format(
        Locale.ROOT,
        "lorawan:%n  server: chirpstack-v4%n  broker: %s%n  application: %s%n"
            + "  client_id: parkedge-it%n"
            + "  displays: { min_interval: 1s, airtime_budget: 100%%, data_rate: SF7BW125 }%n",
        brokerUrl,
        APPLICATION);
  }

  /** Zone {@code Z1} of site.yaml, indented under a level's {@code zones:}. */
  public static String zone(int spaces) {
    StringBuilder zone = new StringBuilder("      - id: Z1\n        spaces:\n");
    for (int i = 0; i < spaces; i++) {
      zone.append(
          String.format(
              Locale.ROOT,
              "          - { id: %s, sensor: { dev_eui: %016x, model: nwave-nps405 } }%n",
              space(i),
              SENSOR + i));
    }
    return zone.toString();
  }

  /** The zone's LoRaWAN count sign, an element of site.yaml's {@code signs:}. */
  public static String sign() {
    return String.format(
        Locale.ROOT,
        "  - { id: entry, zones: [Z1], device: { dev_eui: %016x, model: psp1-lorawan } }%n",
        SIGN);
  }

  public static String space(int i) {
    return String.format(Locale.ROOT, "B%03d", i);
  }

  public static String topic(long devEui) {
    return String.format(Locale.ROOT, "application/%s/device/%016x/event/up", APPLICATION, devEui);
  }

  /** The JSON ChirpStack v4.1+ publishes for an NPS405 parking-status uplink. */
  public static String uplink(long devEui, long fCnt, boolean occupied) {
    String data = Base64.getEncoder().encodeToString(new byte[] {(byte) (occupied ? 1 : 0)});
    return String.format(
        Locale.ROOT,
        "{\"deduplicationId\":\"3ac7e3c4-4401-4b8d-9386-a5c902f9202d\","
            + "\"time\":\"2026-11-22T10:00:00.000+00:00\","
            + "\"deviceInfo\":{\"tenantId\":\"52f14cd4-c6f1-4fbd-8f87-4025e1d49242\","
            + "\"tenantName\":\"ChirpStack\",\"applicationId\":\"%s\",\"applicationName\":\"bays\","
            + "\"deviceProfileId\":\"cf2aec2f-03e1-4a60-a32c-0faeef5730d8\","
            + "\"deviceProfileName\":\"Nwave NPS405\",\"deviceName\":\"bay-%016x\","
            + "\"devEui\":\"%016x\",\"deviceClassEnabled\":\"CLASS_A\",\"tags\":{}},"
            + "\"devAddr\":\"00189440\",\"adr\":true,\"dr\":5,\"fCnt\":%d,\"fPort\":1,"
            + "\"confirmed\":false,\"data\":\"%s\",\"rxInfo\":[{\"gatewayId\":\"0016c001ff10a235\","
            + "\"uplinkId\":4217106255,\"rssi\":-97,\"snr\":7.5,\"channel\":2,"
            + "\"location\":{},\"context\":\"EFwMtA==\",\"metadata\":{},\"crcStatus\":\"CRC_OK\"}],"
            + "\"txInfo\":{\"frequency\":868500000,\"modulation\":{\"lora\":{\"bandwidth\":125000,"
            + "\"spreadingFactor\":7,\"codeRate\":\"CR_4_5\"}}}}",
        APPLICATION,
        devEui,
        devEui,
        fCnt,
        data);
  }
}
