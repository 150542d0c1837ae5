package dev.parkedge.gateway.config;

import dev.parkedge.gateway.config.SerialBusConfig.BusProtocol;
import dev.parkedge.gateway.config.SerialBusConfig.Parity;
import dev.parkedge.gateway.display.lorawan.DataRate;
import dev.parkedge.gateway.display.lorawan.LorawanDisplayConfig;
import java.nio.file.Files;
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
import java.util.regex.Pattern;
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
          "site_file", "data_dir", "serial", "api", "sensing", "displays", "logging", "lorawan");
  private static final List<String> LORAWAN =
      List.of(
          "name",
          "server",
          "broker",
          "application",
          "client_id",
          "username",
          "password_file",
          "ca_file",
          "keep_alive",
          "displays");
  private static final List<String> LORAWAN_DISPLAYS =
      List.of("fport", "min_interval", "airtime_budget", "window", "data_rate", "refresh");
  static final String DEFAULT_LORAWAN_NAME = "lorawan";
  static final String DEFAULT_LORAWAN_CLIENT_ID = "parkedge-gateway";
  static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
  private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3})?)%");
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
    LorawanConfig lorawan =
        top.node("lorawan").isPresent() ? lorawan(top.map("lorawan", LORAWAN)) : null;
    if (lorawan != null && serial.stream().anyMatch(bus -> bus.name().equals(lorawan.name()))) {
      problems.add(
          top.lineOf("lorawan"),
          "lorawan.name",
          "\"" + lorawan.name() + "\" is already the name of a serial bus; give lorawan another");
    }
    problems.throwIfAny();
    return new GatewayConfig(
        file, siteFile, dataDir, serial, api, sensing, displays, logging, lorawan);
  }

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

  // ---- lorawan ------------------------------------------------------------------------------

  private LorawanConfig lorawan(YamlMap map) {
    String name =
        map.scalar("name").flatMap(s -> Values.id(s, problems)).orElse(DEFAULT_LORAWAN_NAME);
    List<String> servers =
        Arrays.stream(LorawanConfig.Server.values()).map(LorawanConfig.Server::yamlName).toList();
    Optional<LorawanConfig.Server> server =
        map.required("server")
            .flatMap(s -> Values.oneOf(s, servers, "a network server", problems))
            .map(n -> LorawanConfig.Server.values()[servers.indexOf(n)]);
    Optional<String> broker = map.required("broker").flatMap(this::brokerUrl);
    Optional<String> application = map.required("application").map(Scalar::value);
    String clientId = map.scalar("client_id").map(Scalar::value).orElse(DEFAULT_LORAWAN_CLIENT_ID);
    String username = map.scalar("username").map(Scalar::value).orElse(null);
    Path passwordFile =
        map.scalar("password_file").isPresent() ? path(map, "password_file", "") : null;
    if (passwordFile != null) {
      SecretFile.problem(passwordFile)
          .ifPresent(p -> problems.add(map.lineOf("password_file"), map.path("password_file"), p));
    }
    Path caFile = map.scalar("ca_file").isPresent() ? path(map, "ca_file", "") : null;
    if (caFile != null && !Files.isReadable(caFile)) {
      problems.add(map.lineOf("ca_file"), map.path("ca_file"), caFile + " cannot be read");
    }
    Duration keepAlive =
        knob(map, "keep_alive", DEFAULT_KEEP_ALIVE, Duration.ofSeconds(5), Duration.ofMinutes(10));
    LorawanDisplayConfig displays =
        lorawanDisplays(
            map.map("displays", LORAWAN_DISPLAYS),
            server.map(LorawanConfig.Server::defaultDownlinkDataRate).orElse("SF12BW125"));
    if (server.isEmpty() || broker.isEmpty() || application.isEmpty()) {
      return null;
    }
    return new LorawanConfig(
        name,
        server.get(),
        broker.get(),
        application.get(),
        clientId,
        username,
        passwordFile,
        caFile,
        keepAlive,
        displays);
  }

  private Optional<String> brokerUrl(Scalar scalar) {
    String url = scalar.value();
    if (!(url.startsWith("tcp://") || url.startsWith("ssl://")) || url.length() <= 6) {
      problems.add(
          scalar,
          scalar.quoted() + " is not a broker URL (expected tcp://host:port or ssl://host:port)");
      return Optional.empty();
    }
    return Optional.of(url);
  }

  private LorawanDisplayConfig lorawanDisplays(YamlMap map, String defaultDataRate) {
    LorawanDisplayConfig defaults = LorawanDisplayConfig.defaults();
    int fPort = integer(map, "fport", 1, 223, defaults.fPort());
    Duration minInterval =
        knob(
            map, "min_interval", defaults.minInterval(), Duration.ofSeconds(1), Duration.ofDays(1));
    double budget =
        map.scalar("airtime_budget").map(this::percent).orElse(defaults.budgetFraction());
    Duration window =
        knob(map, "window", defaults.window(), Duration.ofMinutes(1), Duration.ofDays(1));
    String dataRate =
        map.scalar("data_rate")
            .map(
                s -> {
                  try {
                    return DataRate.parse(s.value()).name();
                  } catch (IllegalArgumentException e) {
                    problems.add(
                        s,
                        s.quoted()
                            + " is not a data rate (expected SF7..SF12 and BW125, BW250 or BW500,"
                            + " e.g. SF9BW125)");
                    return defaultDataRate;
                  }
                })
            .orElse(defaultDataRate);
    Duration refresh =
        map.scalar("refresh").isPresent()
            ? knob(map, "refresh", defaults.refresh(), Duration.ZERO, Duration.ofDays(7))
            : defaults.refresh();
    return new LorawanDisplayConfig(fPort, minInterval, budget, window, dataRate, refresh);
  }

  /** A share such as {@code 10%}, more than 0 and at most 100 %. */
  private double percent(Scalar scalar) {
    var matcher = PERCENT.matcher(scalar.value());
    double value = matcher.matches() ? Double.parseDouble(matcher.group(1)) : -1;
    if (!(value > 0 && value <= 100)) {
      problems.add(
          scalar,
          scalar.quoted()
              + " is not a share of airtime (expected e.g. 10%, more than 0% and at most 100%)");
      return LorawanDisplayConfig.defaults().budgetFraction();
    }
    return value / 100;
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
