package dev.parkedge.gateway.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The daemon's settings from {@code gateway.yaml}: loaded once, validated in one place, immutable.
 * Relative paths in the file are resolved against the file's folder.
 *
 * @param file the gateway.yaml it came from (absolute)
 * @param siteFile the site.yaml (absolute)
 * @param dataDir where the SQLite database and backups live (absolute)
 * @param lorawan the LoRaWAN network server, or null when the site has none
 * @param gpio pins of the box's own GPIO header; {@link GpioConfig#NONE} without a gpio section
 * @param operations metrics, backups and health checks ({@link OperationsConfig#DEFAULTS} when
 *     gateway.yaml says nothing)
 * @param commands signed commands from the tenant account; empty without a commands section
 * @param parking reservations, lanes, payments and enforcement; empty without a parking section
 */
public record GatewayConfig(
    Path file,
    Path siteFile,
    Path dataDir,
    List<SerialBusConfig> serial,
    ApiConfig api,
    SensingConfig sensing,
    DisplayConfig displays,
    LoggingConfig logging,
    LorawanConfig lorawan,
    GpioConfig gpio,
    Optional<CoapDevicesConfig> coapDevices,
    OperationsConfig operations,
    Optional<CommandsConfig> commands,
    Optional<ParkingConfig> parking) {

  /**
   * Settings with the default metrics, backups and health checks, no remote commands and no parking
   * section.
   */
  public GatewayConfig(
      Path file,
      Path siteFile,
      Path dataDir,
      List<SerialBusConfig> serial,
      ApiConfig api,
      SensingConfig sensing,
      DisplayConfig displays,
      LoggingConfig logging,
      LorawanConfig lorawan,
      GpioConfig gpio,
      Optional<CoapDevicesConfig> coapDevices) {
    this(
        file,
        siteFile,
        dataDir,
        serial,
        api,
        sensing,
        displays,
        logging,
        lorawan,
        gpio,
        coapDevices,
        OperationsConfig.DEFAULTS,
        Optional.empty(),
        Optional.empty());
  }

  /** Settings without a LoRaWAN network server and without GPIO pins. */
  public GatewayConfig(
      Path file,
      Path siteFile,
      Path dataDir,
      List<SerialBusConfig> serial,
      ApiConfig api,
      SensingConfig sensing,
      DisplayConfig displays,
      LoggingConfig logging) {
    this(
        file,
        siteFile,
        dataDir,
        serial,
        api,
        sensing,
        displays,
        logging,
        null,
        GpioConfig.NONE,
        Optional.empty(),
        OperationsConfig.DEFAULTS,
        Optional.empty(),
        Optional.empty());
  }

  public GatewayConfig {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(siteFile, "siteFile");
    Objects.requireNonNull(dataDir, "dataDir");
    serial = List.copyOf(serial);
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(sensing, "sensing");
    Objects.requireNonNull(displays, "displays");
    Objects.requireNonNull(logging, "logging");
    Objects.requireNonNull(gpio, "gpio");
    Objects.requireNonNull(coapDevices, "coapDevices");
    Objects.requireNonNull(operations, "operations");
    Objects.requireNonNull(commands, "commands");
    Objects.requireNonNull(parking, "parking");
  }

  /** The bus with this name. */
  public Optional<SerialBusConfig> bus(String name) {
    return serial.stream().filter(bus -> bus.name().equals(name)).findFirst();
  }

  /**
   * Every bus and link name devices in site.yaml can be on: the serial buses, then the LoRaWAN
   * network server's, the GPIO header's, then the CoAP devices' link.
   */
  public List<String> links() {
    List<String> names = new ArrayList<>();
    serial.forEach(bus -> names.add(bus.name()));
    if (lorawan != null) {
      names.add(lorawan.name());
    }
    if (!gpio.isEmpty()) {
      names.add(gpio.bus());
    }
    coapDevices.ifPresent(coap -> names.add(coap.bus()));
    return names;
  }

  /** The SQLite database file. */
  public Path database() {
    return dataDir.resolve("parkedge.db");
  }
}
