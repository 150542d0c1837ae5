package dev.parkedge.gateway.config;

import dev.parkedge.gateway.config.SerialBusConfig.BusProtocol;
import dev.parkedge.gateway.config.SerialBusConfig.Parity;
import dev.parkedge.gateway.display.lorawan.DataRate;
import dev.parkedge.gateway.display.lorawan.LorawanDisplayConfig;
import dev.parkedge.proto.psp.Eui64;
import dev.parkedge.sync.contract.Ed25519Keys;
import java.io.IOException;
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
import java.util.OptionalInt;
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
          "site_file",
          "data_dir",
          "serial",
          "api",
          "sensing",
          "displays",
          "logging",
          "lorawan",
          "gpio",
          "coap_devices",
          "metrics",
          "backups",
          "health",
          "commands",
          "sync",
          "journal",
          "parking");
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
    GpioConfig gpio = gpio(top, serial);
    Optional<CoapSection> coap = coapDevices(top, serial);
    OperationsConfig operations = operations(top);
    Optional<CommandsSection> commands = commands(top, dataDir);
    // parking (issue 6): reservations, lanes, payments, enforcement; see ParkingReader
    Optional<ParkingConfig> parking =
        top.node("parking")
            .map(
                node ->
                    new ParkingReader(problems, folder)
                        .read(
                            top.map("parking", ParkingReader.KEYS),
                            serial.stream().map(SerialBusConfig::name).toList()));
    problems.throwIfAny();
    return new GatewayConfig(
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
        coapDeviceKeys(coap),
        operations,
        commandKey(commands),
        parking);
  }

  // ---- metrics, backups, health (operations) ------------------------------------------------

  private OperationsConfig operations(YamlMap top) {
    OperationsConfig defaults = OperationsConfig.DEFAULTS;
    YamlMap metrics = top.map("metrics", List.of("enabled", "bind", "port"));
    YamlMap backups = top.map("backups", List.of("enabled", "every", "keep"));
    YamlMap health =
        top.map("health", List.of("bus_silence", "disk_floor_mb", "restart_on_storage_failure"));
    YamlMap sync = top.map("sync", List.of("status_file"));
    YamlMap journal = top.map("journal", List.of("keep"));
    Path syncStatus =
        sync.scalar("status_file").isPresent()
            ? path(sync, "status_file", "")
            : defaults.syncStatusFile();
    return new OperationsConfig(
        new OperationsConfig.Metrics(
            bool(metrics, "enabled", defaults.metrics().enabled()),
            metrics.scalar("bind").map(Scalar::value).orElse(defaults.metrics().bind()),
            integer(metrics, "port", 1, 65535, defaults.metrics().port())),
        new OperationsConfig.Backups(
            bool(backups, "enabled", defaults.backups().enabled()),
            knob(
                backups,
                "every",
                defaults.backups().every(),
                Duration.ofHours(1),
                Duration.ofDays(7)),
            integer(backups, "keep", 1, 365, defaults.backups().keep())),
        new OperationsConfig.Health(
            knob(
                health,
                "bus_silence",
                defaults.health().busSilence(),
                Duration.ofMinutes(1),
                Duration.ofDays(1)),
            integer(health, "disk_floor_mb", 0, 100_000, (int) defaults.health().diskFloorMb()),
            bool(
                health, "restart_on_storage_failure", defaults.health().restartOnStorageFailure())),
        syncStatus,
        knob(journal, "keep", defaults.journalKeep(), Duration.ofDays(1), Duration.ofDays(3650)));
  }

  private boolean bool(YamlMap map, String key, boolean fallback) {
    return map.scalar(key)
        .flatMap(s -> Values.oneOf(s, List.of("true", "false"), "a boolean", problems))
        .map(Boolean::parseBoolean)
        .orElse(fallback);
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

  // --- commands (remote: signed commands from the tenant account, via the sync-agent) ---------

  private static final List<String> COMMANDS =
      List.of("tenant", "public_key_file", "tariff_dir", "gate_open_max_age");

  private record CommandsSection(
      String tenant, Path publicKeyFile, Path tariffDir, Duration gateOpenMaxAge) {}

  private Optional<CommandsSection> commands(YamlMap top, Path dataDir) {
    if (top.node("commands").isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = top.map("commands", COMMANDS);
    Optional<String> tenant = map.required("tenant").flatMap(s -> Values.id(s, problems));
    boolean hasKey = map.required("public_key_file").isPresent();
    Path key = path(map, "public_key_file", "");
    Path tariffs =
        map.scalar("tariff_dir").isPresent()
            ? path(map, "tariff_dir", "")
            : dataDir.resolve("tariffs");
    Duration gateAge = CommandsConfig.DEFAULT_GATE_OPEN_MAX_AGE;
    Optional<Scalar> age = map.scalar("gate_open_max_age");
    if (age.isPresent()) {
      // Safety: a barrier must not move on an old command, so out of range stops the start.
      gateAge = Values.duration(age.get(), problems).orElse(gateAge);
      if (gateAge.compareTo(Duration.ofSeconds(1)) < 0
          || gateAge.compareTo(Duration.ofMinutes(5)) > 0) {
        problems.add(age.get(), age.get().quoted() + " is out of range 1s..5m");
      }
    }
    return tenant.isPresent() && hasKey
        ? Optional.of(new CommandsSection(tenant.get(), key, tariffs, gateAge))
        : Optional.empty();
  }

  /** Reads the tenant's public key; called once gateway.yaml itself is known to be valid. */
  private Optional<CommandsConfig> commandKey(Optional<CommandsSection> section)
      throws ConfigException {
    if (section.isEmpty()) {
      return Optional.empty();
    }
    CommandsSection commands = section.get();
    try {
      return Optional.of(
          new CommandsConfig(
              commands.tenant(),
              commands.publicKeyFile(),
              Ed25519Keys.readPublic(commands.publicKeyFile()),
              commands.tariffDir(),
              commands.gateOpenMaxAge()));
    } catch (IOException e) {
      throw new ConfigException(
          List.of(ConfigException.problem(file, "commands.public_key_file: " + e.getMessage())));
    }
  }

  // --- end commands ---------------------------------------------------------------------------

  private Path path(YamlMap map, String key, String fallback) {
    String text = map.scalar(key).map(Scalar::value).orElse(fallback);
    try {
      return folder.resolve(text).normalize();
    } catch (InvalidPathException e) {
      problems.add(map.lineOf(key), map.path(key), Scalar.quote(text) + " is not a path");
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

  // ---- gpio: the box's own GPIO header ------------------------------------------------------

  static final Duration DEFAULT_GPIO_DEBOUNCE = Duration.ofMillis(50);
  static final Duration MAX_GPIO_DEBOUNCE = Duration.ofSeconds(10);
  static final Duration DEFAULT_RELAY_PULSE = Duration.ofSeconds(1);
  static final Duration MIN_RELAY_PULSE = Duration.ofMillis(100);
  static final Duration MAX_RELAY_PULSE = Duration.ofMinutes(1);

  private static final List<String> GPIO = List.of("bus", "inputs", "outputs");
  private static final List<String> GPIO_INPUT =
      List.of("name", "pin", "device", "lane", "kind", "debounce", "active", "pull");
  private static final List<String> GPIO_OUTPUT =
      List.of("name", "pin", "device", "kind", "active", "lane", "pulse");
  private static final List<String> INPUT_KINDS =
      Arrays.stream(GpioConfig.InputKind.values()).map(GpioConfig.InputKind::yamlName).toList();
  private static final List<String> OUTPUT_KINDS =
      Arrays.stream(GpioConfig.OutputKind.values()).map(GpioConfig.OutputKind::yamlName).toList();
  private static final List<String> PULLS =
      Arrays.stream(GpioConfig.Pull.values()).map(GpioConfig.Pull::yamlName).toList();

  /** Pins, names, devices and relay lanes already used in the gpio section, with their line. */
  private final class GpioClaims {
    private final Map<Integer, String> pins = new HashMap<>();
    private final Map<String, Integer> names = new HashMap<>();
    private final Map<Long, String> devices = new HashMap<>();
    private final Map<Integer, String> relayLanes = new HashMap<>();

    void name(Scalar scalar, String name) {
      Integer first = names.putIfAbsent(name, scalar.line());
      if (first != null) {
        problems.add(scalar, "name \"" + name + "\" is used twice (first at line " + first + ")");
      }
    }

    void pin(Scalar scalar, int pin, String owner) {
      String first = pins.putIfAbsent(pin, owner + " (line " + scalar.line() + ")");
      if (first != null) {
        problems.add(scalar, "pin " + pin + " is already used by " + first);
      }
    }

    void device(Scalar scalar, long device, String owner) {
      String first = devices.putIfAbsent(device, owner + " (line " + scalar.line() + ")");
      if (first != null) {
        problems.add(scalar, "device " + Eui64.format(device) + " is already " + first);
      }
    }

    void relayLane(Scalar scalar, int lane, String owner) {
      String first = relayLanes.putIfAbsent(lane, owner + " (line " + scalar.line() + ")");
      if (first != null) {
        problems.add(scalar, "lane " + lane + " already has a barrier relay: " + first);
      }
    }
  }

  private GpioConfig gpio(YamlMap top, List<SerialBusConfig> serial) {
    if (top.node("gpio").isEmpty()) {
      return GpioConfig.NONE;
    }
    YamlMap gpio = top.map("gpio", GPIO);
    String bus = gpioBus(gpio, serial);
    GpioClaims claims = new GpioClaims();
    List<GpioConfig.Input> inputs = new ArrayList<>();
    List<Node> inputNodes = gpio.list("inputs");
    for (int i = 0; i < inputNodes.size(); i++) {
      YamlMap input =
          YamlMap.open(
              inputNodes.get(i), gpio.path("inputs") + "[" + i + "]", problems, GPIO_INPUT);
      gpioInput(input, claims).ifPresent(inputs::add);
    }
    List<GpioConfig.Output> outputs = new ArrayList<>();
    List<Node> outputNodes = gpio.list("outputs");
    for (int i = 0; i < outputNodes.size(); i++) {
      YamlMap output =
          YamlMap.open(
              outputNodes.get(i), gpio.path("outputs") + "[" + i + "]", problems, GPIO_OUTPUT);
      gpioOutput(output, claims).ifPresent(outputs::add);
    }
    return new GpioConfig(bus, inputs, outputs);
  }

  private String gpioBus(YamlMap gpio, List<SerialBusConfig> serial) {
    Optional<Scalar> scalar = gpio.scalar("bus");
    String bus = scalar.flatMap(s -> Values.id(s, problems)).orElse(GpioConfig.DEFAULT_BUS);
    if (serial.stream().anyMatch(b -> b.name().equals(bus))) {
      problems.add(
          gpio.lineOf("bus"),
          gpio.path("bus"),
          "bus name \"" + bus + "\" is already a serial bus; give the GPIO bus another name");
    }
    return bus;
  }

  private Optional<GpioConfig.Input> gpioInput(YamlMap input, GpioClaims claims) {
    Optional<String> name = gpioName(input, claims);
    String owner = name.orElse("input at line " + input.line());
    OptionalInt pin = gpioPin(input, claims, owner);
    Optional<Long> device = gpioDevice(input, claims, owner);
    OptionalInt lane = lane(input.required("lane"));
    Optional<GpioConfig.InputKind> kind =
        input
            .required("kind")
            .flatMap(s -> Values.oneOf(s, INPUT_KINDS, "an input kind", problems))
            .map(k -> GpioConfig.InputKind.values()[INPUT_KINDS.indexOf(k)]);
    Duration debounce =
        knob(input, "debounce", DEFAULT_GPIO_DEBOUNCE, Duration.ZERO, MAX_GPIO_DEBOUNCE);
    Optional<Boolean> activeHigh = activeHigh(input);
    Optional<GpioConfig.Pull> pull =
        input
            .scalar("pull")
            .map(s -> Values.oneOf(s, PULLS, "a pull resistor", problems))
            .orElseGet(() -> Optional.of(activeHigh.orElse(true) ? "down" : "up"))
            .map(p -> GpioConfig.Pull.values()[PULLS.indexOf(p)]);
    if (name.isEmpty()
        || pin.isEmpty()
        || device.isEmpty()
        || lane.isEmpty()
        || kind.isEmpty()
        || activeHigh.isEmpty()
        || pull.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new GpioConfig.Input(
            name.get(),
            pin.getAsInt(),
            device.get(),
            lane.getAsInt(),
            kind.get(),
            debounce,
            activeHigh.get(),
            pull.get()));
  }

  private Optional<GpioConfig.Output> gpioOutput(YamlMap output, GpioClaims claims) {
    Optional<String> name = gpioName(output, claims);
    String owner = name.orElse("output at line " + output.line());
    OptionalInt pin = gpioPin(output, claims, owner);
    Optional<Long> device = gpioDevice(output, claims, owner);
    Optional<GpioConfig.OutputKind> kind =
        output
            .required("kind")
            .flatMap(s -> Values.oneOf(s, OUTPUT_KINDS, "an output kind", problems))
            .map(k -> GpioConfig.OutputKind.values()[OUTPUT_KINDS.indexOf(k)]);
    Optional<Boolean> activeHigh = activeHigh(output);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    OptionalInt lane = OptionalInt.of(GpioConfig.Output.NO_LANE);
    Duration pulse = Duration.ZERO;
    if (kind.get() == GpioConfig.OutputKind.RELAY) {
      Optional<Scalar> laneScalar = output.required("lane");
      lane = lane(laneScalar);
      if (lane.isPresent()) {
        claims.relayLane(laneScalar.get(), lane.getAsInt(), owner);
      }
      pulse = relayPulse(output);
    } else {
      for (String relayOnly : List.of("lane", "pulse")) {
        if (output.node(relayOnly).isPresent()) {
          problems.add(
              output.lineOf(relayOnly),
              output.path(relayOnly),
              "only a relay has a " + relayOnly + "; this output is a " + kind.get().yamlName());
        }
      }
    }
    if (name.isEmpty()
        || pin.isEmpty()
        || device.isEmpty()
        || activeHigh.isEmpty()
        || lane.isEmpty()
        || pulse == null) {
      return Optional.empty();
    }
    return Optional.of(
        new GpioConfig.Output(
            name.get(),
            pin.getAsInt(),
            device.get(),
            kind.get(),
            activeHigh.get(),
            lane.getAsInt(),
            pulse));
  }

  private Optional<String> gpioName(YamlMap pin, GpioClaims claims) {
    Optional<Scalar> scalar = pin.required("name");
    Optional<String> name = scalar.flatMap(s -> Values.id(s, problems));
    name.ifPresent(n -> claims.name(scalar.get(), n));
    return name;
  }

  private OptionalInt gpioPin(YamlMap map, GpioClaims claims, String owner) {
    Optional<Scalar> scalar = map.required("pin");
    if (scalar.isEmpty()) {
      return OptionalInt.empty();
    }
    OptionalInt pin = Values.integer(scalar.get(), Integer.MIN_VALUE, Integer.MAX_VALUE, problems);
    if (pin.isEmpty()) {
      return pin;
    }
    if (pin.getAsInt() < GpioConfig.MIN_PIN || pin.getAsInt() > GpioConfig.MAX_PIN) {
      problems.add(
          scalar.get(),
          scalar.get().value()
              + " is not a BCM GPIO number of the 40-pin header ("
              + GpioConfig.MIN_PIN
              + ".."
              + GpioConfig.MAX_PIN
              + ")");
      return OptionalInt.empty();
    }
    claims.pin(scalar.get(), pin.getAsInt(), owner);
    return pin;
  }

  private Optional<Long> gpioDevice(YamlMap map, GpioClaims claims, String owner) {
    Optional<Scalar> scalar = map.required("device");
    Optional<Long> device = scalar.flatMap(s -> Values.eui(s, problems));
    device.ifPresent(d -> claims.device(scalar.get(), d, owner));
    return device;
  }

  private OptionalInt lane(Optional<Scalar> scalar) {
    return scalar.map(s -> Values.integer(s, 0, 255, problems)).orElse(OptionalInt.empty());
  }

  private Optional<Boolean> activeHigh(YamlMap map) {
    return map.scalar("active")
        .map(s -> Values.oneOf(s, List.of("high", "low"), "an active level", problems))
        .orElse(Optional.of("high"))
        .map("high"::equals);
  }

  /** A barrier's pulse is safety, not tuning: out of range is an error, not clamped. */
  private Duration relayPulse(YamlMap output) {
    Optional<Scalar> scalar = output.scalar("pulse");
    if (scalar.isEmpty()) {
      return DEFAULT_RELAY_PULSE;
    }
    Optional<Duration> pulse = Values.duration(scalar.get(), problems);
    if (pulse.isEmpty()) {
      return null;
    }
    if (pulse.get().compareTo(MIN_RELAY_PULSE) < 0 || pulse.get().compareTo(MAX_RELAY_PULSE) > 0) {
      problems.add(
          scalar.get(),
          scalar.get().value()
              + " is outside "
              + Durations.format(MIN_RELAY_PULSE)
              + ".."
              + Durations.format(MAX_RELAY_PULSE)
              + " (how long the relay is held on to open the barrier)");
      return null;
    }
    return pulse.get();
  }
}
