package dev.parkedge.gateway.config;

import java.nio.file.Path;
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
    Optional<CoapDevicesConfig> coapDevices) {

  public GatewayConfig {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(siteFile, "siteFile");
    Objects.requireNonNull(dataDir, "dataDir");
    serial = List.copyOf(serial);
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(sensing, "sensing");
    Objects.requireNonNull(displays, "displays");
    Objects.requireNonNull(logging, "logging");
    Objects.requireNonNull(coapDevices, "coapDevices");
  }

  /** Settings without CoAP devices. */
  public GatewayConfig(
      Path file,
      Path siteFile,
      Path dataDir,
      List<SerialBusConfig> serial,
      ApiConfig api,
      SensingConfig sensing,
      DisplayConfig displays,
      LoggingConfig logging) {
    this(file, siteFile, dataDir, serial, api, sensing, displays, logging, Optional.empty());
  }

  /** The bus with this name. */
  public Optional<SerialBusConfig> bus(String name) {
    return serial.stream().filter(bus -> bus.name().equals(name)).findFirst();
  }

  /** Whether {@code name} is a bus devices can be on: a serial bus or the CoAP devices' link. */
  public boolean hasBus(String name) {
    return bus(name).isPresent() || coapDevices.map(coap -> coap.bus().equals(name)).orElse(false);
  }

  /** The names of every bus devices can be on: serial buses in order, then the CoAP link. */
  public List<String> busNames() {
    List<String> names = new java.util.ArrayList<>();
    serial.forEach(bus -> names.add(bus.name()));
    coapDevices.ifPresent(coap -> names.add(coap.bus()));
    return names;
  }

  /** The SQLite database file. */
  public Path database() {
    return dataDir.resolve("parkedge.db");
  }
}
