package dev.parkedge.gateway.config;

import dev.parkedge.gateway.config.SerialBusConfig.BusProtocol;
import dev.parkedge.gateway.config.SerialBusConfig.Parity;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.nodes.Node;

/** Builds a {@link GatewayConfig} from the nodes of a gateway.yaml. Defaults live here. */
final class GatewayReader {

  static final String DEFAULT_SITE_FILE = "site.yaml";
  static final String DEFAULT_DATA_DIR = "var";
  static final int DEFAULT_BAUD = 115200;
  static final List<Integer> STANDARD_BAUDS =
      List.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600);
  static final String DEFAULT_BIND = "127.0.0.1";
  static final int DEFAULT_COAP_PORT = 5683;
  static final Duration DEFAULT_DEBOUNCE = Duration.ZERO;
  static final Duration DEFAULT_STALE_AFTER = Duration.ofHours(4);
  static final Duration DEFAULT_REFRESH = Duration.ofSeconds(60);
  static final String DEFAULT_LOG_LEVEL = "info";

  private static final Logger log = LoggerFactory.getLogger(GatewayReader.class);

  private static final List<String> TOP =
      List.of(
          "site_file",
          "data_dir",
          "serial",
          "api",
          "sensing",
          "displays",
          "logging",
          "coap_devices");
  private static final List<String> BUS =
      List.of("name", "port", "baud", "protocol", "data_bits", "parity", "stop_bits");

  private final Path file;
  private final Path folder;
  private final Problems problems;

  GatewayReader(Path file) {
    this.file = file.toAbsolutePath().normalize();
    this.folder = this.file.getParent();
    this.problems = new Problems(file);
  }

  GatewayConfig read(Node root) throws ConfigException {
    YamlMap top = YamlMap.open(root, "", problems, TOP);
    Path siteFile = path(top, "site_file", DEFAULT_SITE_FILE);
    Path dataDir = path(top, "data_dir", DEFAULT_DATA_DIR);
    List<SerialBusConfig> serial = serial(top);
    ApiConfig api = api(top.map("api", List.of("bind", "coap_port")));
    SensingConfig sensing = sensing(top.map("sensing", List.of("debounce", "stale_after")));
    DisplayConfig displays = displays(top.map("displays", List.of("refresh")));
    LoggingConfig logging = logging(top.map("logging", List.of("level")));
    Optional<CoapSection> coap = coapDevices(top, serial);
    problems.throwIfAny();
    return new GatewayConfig(
        file, siteFile, dataDir, serial, api, sensing, displays, logging, coapDeviceKeys(coap));
  }

  // --- coap_devices (transport/coap) --------------------------------------------------------

  static final String DEFAULT_COAP_DEVICES_BIND = "0.0.0.0";
  static final int DEFAULT_COAPS_PORT = 5684;
  static final String DEFAULT_COAP_DEVICES_BUS = "coap";
  private static final List<String> COAP_DEVICES = List.of("bind", "port", "psk_file", "bus");

  /** The {@code coap_devices} section as written, before its key file is read. */
  private record CoapSection(String bind, int port, Path pskFile, String bus) {}

  private Optional<CoapSection> coapDevices(YamlMap top, List<SerialBusConfig> serial) {
    if (top.node("coap_devices").isEmpty()) {
      return Optional.empty();
    }
    YamlMap coap = top.map("coap_devices", COAP_DEVICES);
    String bind = coap.scalar("bind").map(Scalar::value).orElse(DEFAULT_COAP_DEVICES_BIND);
    int port = integer(coap, "port", 1, 65535, DEFAULT_COAPS_PORT);
    boolean hasPskFile = coap.required("psk_file").isPresent();
    Path pskFile = path(coap, "psk_file", "");
    Optional<Scalar> busScalar = coap.scalar("bus");
    String bus = busScalar.flatMap(s -> Values.id(s, problems)).orElse(DEFAULT_COAP_DEVICES_BUS);
    if (serial.stream().anyMatch(b -> b.name().equals(bus))) {
      problems.add(
          coap.lineOf("bus"),
          coap.path("bus"),
          "bus name \"" + bus + "\" is already a serial bus; give the CoAP link its own name");
    }
    return hasPskFile ? Optional.of(new CoapSection(bind, port, pskFile, bus)) : Optional.empty();
  }

  /** Reads the section's key file; called once gateway.yaml itself is known to be valid. */
  private static Optional<CoapDevicesConfig> coapDeviceKeys(Optional<CoapSection> section)
      throws ConfigException {
    if (section.isEmpty()) {
      return Optional.empty();
    }
    CoapSection coap = section.get();
    return Optional.of(
        new CoapDevicesConfig(
            coap.bind(),
            coap.port(),
            coap.pskFile(),
            coap.bus(),
            PskFileReader.read(coap.pskFile())));
  }

  // --- end coap_devices -----------------------------------------------------------------------

  private Path path(YamlMap map, String key, String fallback) {
    String text = map.scalar(key).map(Scalar::value).orElse(fallback);
    try {
      return folder.resolve(text).normalize();
    } catch (InvalidPathException e) {
      problems.add(map.lineOf(key), map.path(key), "\"" + text + "\" is not a path");
      return folder;
    }
  }

  private List<SerialBusConfig> serial(YamlMap top) {
    List<SerialBusConfig> buses = new ArrayList<>();
    Map<String, Integer> lineByName = new HashMap<>();
    List<Node> items = top.list("serial");
    for (int i = 0; i < items.size(); i++) {
      YamlMap bus = YamlMap.open(items.get(i), "serial[" + i + "]", problems, BUS);
      Optional<String> name = bus.required("name").flatMap(s -> Values.id(s, problems));
      name.ifPresent(
          n -> {
            Integer first = lineByName.putIfAbsent(n, bus.lineOf("name"));
            if (first != null) {
              problems.add(
                  bus.lineOf("name"),
                  bus.path("name"),
                  "bus name \"" + n + "\" is used twice (first at line " + first + ")");
            }
          });
      Optional<String> port = bus.required("port").map(Scalar::value);
      int baud = bus.scalar("baud").map(this::baud).orElse(DEFAULT_BAUD);
      BusProtocol protocol =
          bus.scalar("protocol")
              .map(this::protocol)
              .orElse(Optional.of(BusProtocol.PSP))
              .orElse(null);
      int dataBits = integer(bus, "data_bits", 5, 8, 8);
      Parity parity =
          bus.scalar("parity").map(this::parity).orElse(Optional.of(Parity.NONE)).orElse(null);
      int stopBits = integer(bus, "stop_bits", 1, 2, 1);
      if (name.isPresent() && port.isPresent() && protocol != null && parity != null) {
        buses.add(
            new SerialBusConfig(
                name.get(), port.get(), baud, protocol, dataBits, parity, stopBits));
      }
    }
    return buses;
  }

  private int baud(Scalar scalar) {
    var rate = Values.integer(scalar, 1, Integer.MAX_VALUE, problems);
    if (rate.isPresent() && !STANDARD_BAUDS.contains(rate.getAsInt())) {
      problems.add(
          scalar,
          scalar.value()
              + " is not a standard baud rate (one of "
              + STANDARD_BAUDS.stream().map(String::valueOf).collect(Collectors.joining(", "))
              + ")");
    }
    return rate.orElse(DEFAULT_BAUD);
  }

  private Optional<BusProtocol> protocol(Scalar scalar) {
    List<String> names = Arrays.stream(BusProtocol.values()).map(BusProtocol::yamlName).toList();
    return Values.oneOf(scalar, names, "a bus protocol", problems)
        .map(name -> BusProtocol.values()[names.indexOf(name)]);
  }

  private Optional<Parity> parity(Scalar scalar) {
    List<String> names = Arrays.stream(Parity.values()).map(Parity::yamlName).toList();
    return Values.oneOf(scalar, names, "a parity", problems)
        .map(name -> Parity.valueOf(name.toUpperCase(Locale.ROOT)));
  }

  private int integer(YamlMap map, String key, int min, int max, int fallback) {
    return map.scalar(key)
        .map(s -> Values.integer(s, min, max, problems).orElse(fallback))
        .orElse(fallback);
  }

  private ApiConfig api(YamlMap api) {
    String bind = api.scalar("bind").map(Scalar::value).orElse(DEFAULT_BIND);
    return new ApiConfig(bind, integer(api, "coap_port", 1, 65535, DEFAULT_COAP_PORT));
  }

  private SensingConfig sensing(YamlMap sensing) {
    return new SensingConfig(
        knob(sensing, "debounce", DEFAULT_DEBOUNCE, Duration.ZERO, Duration.ofMinutes(10)),
        knob(
            sensing,
            "stale_after",
            DEFAULT_STALE_AFTER,
            Duration.ofSeconds(2),
            Duration.ofDays(7)));
  }

  private DisplayConfig displays(YamlMap displays) {
    return new DisplayConfig(
        knob(displays, "refresh", DEFAULT_REFRESH, Duration.ofSeconds(5), Duration.ofHours(1)));
  }

  private LoggingConfig logging(YamlMap logging) {
    return new LoggingConfig(
        logging
            .scalar("level")
            .flatMap(
                s ->
                    Values.oneOf(
                        s,
                        List.of("error", "warn", "info", "debug", "trace"),
                        "a log level",
                        problems))
            .orElse(DEFAULT_LOG_LEVEL));
  }

  /** A tuning knob: out of range is not fatal, it is clamped with a warning. */
  private Duration knob(YamlMap map, String key, Duration fallback, Duration min, Duration max) {
    Optional<Scalar> scalar = map.scalar(key);
    if (scalar.isEmpty()) {
      return fallback;
    }
    Duration value = Values.duration(scalar.get(), problems).orElse(fallback);
    Duration clamped = value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
    if (!clamped.equals(value)) {
      log.warn(
          "config: {}",
          ConfigException.problem(
              file,
              scalar.get().line(),
              scalar.get().path(),
              scalar.get().value()
                  + " is outside "
                  + Durations.format(min)
                  + ".."
                  + Durations.format(max)
                  + "; using "
                  + Durations.format(clamped)));
    }
    return clamped;
  }
}
