package dev.parkedge.gateway.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a gateway.yaml and a generated site.yaml for a daemon run over a pseudo-terminal: one
 * level, zones {@code Z0, Z1, …} of {@code perZone} spaces {@code P00000, …}, a count sign {@code
 * S<zone>} per zone, one PSP/1 bus on the pty at {@code ptyPath}, the API on a free UDP port.
 * Sensor, light and sign EUIs are {@link #SENSOR}, {@link #LIGHT} and {@link #SIGN} plus the space
 * (or zone) number.
 */
public final class GeneratedSite {

  public static final long SENSOR = 0x70b3d57ed1000000L;
  public static final long LIGHT = 0x70b3d57ed2000000L;
  public static final long SIGN = 0x70b3d57ed3000000L;

  private GeneratedSite() {}

  /** The zone of serial space {@code i}: Z0, Z1, … or, beside LoRaWAN's Z1, Z0, Z2, Z3, …. */
  public static int zone(int space, int perZone, boolean withLorawan) {
    int zone = space / perZone;
    return withLorawan && zone >= 1 ? zone + 1 : zone;
  }

  /**
   * Writes both files into {@code dir}.
   *
   * @return the API's UDP port
   */
  public static int write(Path dir, Path ptyPath, int spaces, int perZone, String staleAfter)
      throws IOException {
    return write(dir, ptyPath, spaces, perZone, staleAfter, null, 0);
  }

  /**
   * As {@link #write(Path, Path, int, int, String)}, plus {@code loraSpaces} spaces heard through
   * ChirpStack v4 at {@code brokerUrl}: {@link LorawanSite}'s zone {@code Z1} of NPS405 sensors
   * ({@code B000, …}) with its LoRaWAN count sign, on a second level. Serial zones are then {@code
   * Z0, Z2, Z3, …}: zone 1 is the LoRaWAN one.
   */
  public static int write(
      Path dir,
      Path ptyPath,
      int spaces,
      int perZone,
      String staleAfter,
      String brokerUrl,
      int loraSpaces)
      throws IOException {
    int apiPort;
    try (DatagramSocket probe = new DatagramSocket(0)) {
      apiPort = probe.getLocalPort();
    }
    Files.writeString(
        dir.resolve("gateway.yaml"),
        String.format(
                Locale.ROOT,
                "site_file: site.yaml%ndata_dir: var%nserial:%n  - name: bus1%n    port: %s%n"
                    + "    baud: 921600%n    protocol: psp%napi:%n  coap_port: %d%n"
                    + "sensing:%n  debounce: 0s%n  stale_after: %s%ndisplays:%n  refresh: 60s%n",
                ptyPath,
                apiPort,
                staleAfter)
            + (loraSpaces > 0 ? LorawanSite.gatewaySection(brokerUrl) : ""));
    StringBuilder site =
        new StringBuilder(
            "site: { id: gen, name: Generated Garage, timezone: Europe/Berlin, currency: EUR }\n"
                + "levels:\n"
                + (spaces > 0 ? "  - id: L1\n    zones:\n" : ""));
    StringBuilder signs = new StringBuilder("signs:\n");
    for (int i = 0; i < spaces; i++) {
      if (i % perZone == 0) {
        int zone = zone(i, perZone, loraSpaces > 0);
        site.append("      - id: Z").append(zone).append("\n        spaces:\n");
        signs.append(
            String.format(
                Locale.ROOT,
                "  - { id: S%d, device: %016x, zones: [Z%d] }%n",
                zone,
                SIGN + zone,
                zone));
      }
      site.append(
          String.format(
              Locale.ROOT,
              "          - { id: P%05d, sensor: %016x, indicator: %016x }%n",
              i,
              SENSOR + i,
              LIGHT + i));
    }
    if (loraSpaces > 0) {
      site.append("  - id: L2\n    zones:\n").append(LorawanSite.zone(loraSpaces));
      signs.append(LorawanSite.sign());
    }
    Files.writeString(dir.resolve("site.yaml"), site.append(signs).toString());
    return apiPort;
  }
}
