package dev.parkedge.gateway.config;

import dev.parkedge.gateway.lot.SiteLayout;
import java.nio.file.Path;

/**
 * Loads {@code gateway.yaml} and {@code site.yaml}. Every problem of a file is collected and
 * reported at once, each naming file, line and key ({@code site.yaml:14:
 * levels[0].zones[0].spaces[1].sensor: "70b3" is not a device EUI (expected 16 hex digits)}).
 * Unknown keys are errors: they are usually typos of a setting that would otherwise silently keep
 * its default. Tuning knobs out of range are clamped with a warning in the log.
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  /** Reads and validates a gateway.yaml; relative paths in it are resolved against its folder. */
  public static GatewayConfig loadGateway(Path gatewayYaml) throws ConfigException {
    return new GatewayReader(gatewayYaml).read(YamlFile.read(gatewayYaml));
  }

  /**
   * Reads and validates a site.yaml. The gateway config supplies the serial buses: devices without
   * a {@code bus} key are on its first bus ({@code default} when it has none).
   */
  public static SiteLayout loadSite(Path siteYaml, GatewayConfig gateway) throws ConfigException {
    return new SiteReader(siteYaml, gateway).read(YamlFile.read(siteYaml));
  }
}
