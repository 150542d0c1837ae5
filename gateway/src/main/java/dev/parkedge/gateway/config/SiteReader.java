package dev.parkedge.gateway.config;

import dev.parkedge.gateway.config.SerialBusConfig.BusProtocol;
import dev.parkedge.gateway.display.lorawan.DisplayModels;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.lot.Level;
import dev.parkedge.gateway.lot.ModbusRegister;
import dev.parkedge.gateway.lot.Sign;
import dev.parkedge.gateway.lot.SiteInfo;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.lot.Space;
import dev.parkedge.gateway.lot.SpaceKind;
import dev.parkedge.gateway.lot.Zone;
import dev.parkedge.proto.lorawan.SensorDecoders;
import dev.parkedge.proto.psp.Eui64;
import dev.parkedge.proto.psp.PspMessage;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Builds a {@link SiteLayout} from the nodes of a site.yaml, checking it as a whole. */
final class SiteReader {

  /** The bus name devices get when gateway.yaml declares no serial bus. */
  static final String NO_BUS = "default";

  static final List<String> KINDS =
      Arrays.stream(SpaceKind.values()).map(SpaceKind::yamlName).toList();

  private static final List<String> TOP = List.of("site", "levels", "signs");
  private static final List<String> SITE = List.of("id", "name", "timezone", "currency");
  private static final List<String> LEVEL = List.of("id", "zones");
  private static final List<String> ZONE = List.of("id", "spaces");
  private static final List<String> SPACE = List.of("id", "sensor", "indicator", "kinds", "bus");
  private static final List<String> LORAWAN_DEVICE = List.of("dev_eui", "model");
  private static final List<String> DISPLAY_MODELS = DisplayModels.builtIn().ids();
  private static final List<String> SIGN =
      List.of("id", "device", "zones", "arrow", "bus", "modbus");
  private static final List<String> MODBUS = List.of("unit", "register", "encoding", "blank");
  private static final List<String> ARROWS =
      Arrays.stream(PspMessage.Arrow.values())
          .map(arrow -> arrow.name().toLowerCase(Locale.ROOT))
          .toList();

  /** Where an id or a device was first used, for messages that name both places. */
  private record Use(String what, int line) {}

  private final GatewayConfig gateway;
  private final Problems problems;
  private final String defaultBus;
  private final Map<String, Integer> levelLines = new HashMap<>();
  private final Map<String, Integer> zoneLines = new LinkedHashMap<>();
  private final Map<String, Integer> spaceLines = new HashMap<>();
  private final Map<String, Integer> signLines = new HashMap<>();
  private final Map<Long, Use> devices = new HashMap<>();

  /** Each distinct set of kinds once, shared by the spaces that have it (most are standard). */
  private final Map<Set<SpaceKind>, Set<SpaceKind>> kindSets = new HashMap<>();

  SiteReader(Path file, GatewayConfig gateway) {
    this.gateway = gateway;
    this.problems = new Problems(file);
    this.defaultBus = gateway.serial().isEmpty() ? NO_BUS : gateway.serial().get(0).name();
  }

  SiteLayout read(Node root) throws ConfigException {
    YamlMap top = YamlMap.open(root, "", problems, TOP);
    Optional<SiteInfo> site = site(top);
    List<Level> levels = new ArrayList<>();
    List<Node> levelNodes = top.list("levels");
    for (int i = 0; i < levelNodes.size(); i++) {
      level(YamlMap.open(levelNodes.get(i), "levels[" + i + "]", problems, LEVEL))
          .ifPresent(levels::add);
    }
    List<Sign> signs = new ArrayList<>();
    List<Node> signNodes = top.list("signs");
    for (int i = 0; i < signNodes.size(); i++) {
      sign(YamlMap.open(signNodes.get(i), "signs[" + i + "]", problems, SIGN))
          .ifPresent(signs::add);
    }
    problems.throwIfAny();
    return new SiteLayout(site.orElseThrow(), levels, signs);
  }

  private Optional<SiteInfo> site(YamlMap top) {
    if (top.node("site").isEmpty()) {
      problems.add(top.lineOf("site"), "site", "required (id, name, timezone, currency)");
      return Optional.empty();
    }
    YamlMap site = top.map("site", SITE);
    Optional<String> id = site.required("id").flatMap(s -> Values.id(s, problems));
    Optional<String> name = site.required("name").map(Scalar::value);
    Optional<ZoneId> zone = site.required("timezone").flatMap(this::timezone);
    Optional<Currency> currency = site.required("currency").flatMap(this::currency);
    if (id.isEmpty() || name.isEmpty() || zone.isEmpty() || currency.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SiteInfo(id.get(), name.get(), zone.get(), currency.get()));
  }

  private Optional<ZoneId> timezone(Scalar scalar) {
    Optional<ZoneId> zone = Values.timezone(scalar.value());
    if (zone.isEmpty()) {
      problems.add(scalar, scalar.quoted() + " is not " + Values.TIMEZONE_RULE);
    }
    return zone;
  }

  private Optional<Currency> currency(Scalar scalar) {
    Optional<Currency> currency = Values.currency(scalar.value());
    if (currency.isEmpty()) {
      problems.add(scalar, scalar.quoted() + " is not " + Values.CURRENCY_RULE);
    }
    return currency;
  }

  private Optional<Level> level(YamlMap level) {
    Optional<String> id = uniqueId(level, "level", levelLines);
    List<Node> zoneNodes = level.list("zones");
    if (zoneNodes.isEmpty()
        && level.node("zones").map(n -> !(n instanceof MappingNode)).orElse(true)) {
      problems.add(level.lineOf("zones"), level.path("zones"), "a level needs at least one zone");
    }
    List<Zone> zones = new ArrayList<>();
    for (int i = 0; i < zoneNodes.size(); i++) {
      YamlMap zone =
          YamlMap.open(zoneNodes.get(i), level.path("zones") + "[" + i + "]", problems, ZONE);
      zone(zone, id.orElse("?")).ifPresent(zones::add);
    }
    return id.map(levelId -> new Level(levelId, zones));
  }

  private Optional<Zone> zone(YamlMap zone, String levelId) {
    Optional<String> id = uniqueId(zone, "zone", zoneLines);
    List<Space> spaces = new ArrayList<>();
    List<Node> spaceNodes = zone.list("spaces");
    for (int i = 0; i < spaceNodes.size(); i++) {
      YamlMap space =
          YamlMap.open(spaceNodes.get(i), zone.path("spaces") + "[" + i + "]", problems, SPACE);
      space(space, levelId, id.orElse("?")).ifPresent(spaces::add);
    }
    return id.map(zoneId -> new Zone(zoneId, levelId, spaces));
  }

  private Optional<Space> space(YamlMap space, String levelId, String zoneId) {
    Optional<String> id = uniqueId(space, "space", spaceLines);
    String owner = "space " + id.orElse("at line " + space.line());
    String bus = bus(space);
    DeviceAddress sensor =
        space.node("sensor").flatMap(node -> sensor(space, node, bus, owner)).orElse(null);
    DeviceAddress indicator =
        space.node("indicator").flatMap(node -> indicator(space, node, bus, owner)).orElse(null);
    Set<SpaceKind> kinds = kinds(space);
    return id.map(spaceId -> new Space(spaceId, levelId, zoneId, kinds, sensor, indicator));
  }

  private Optional<DeviceAddress> sensor(YamlMap space, Node node, String bus, String owner) {
    if (!(node instanceof MappingNode)) {
      return YamlMap.scalar(node, space.path("sensor"), problems)
          .flatMap(s -> device(s, bus, "sensor", owner));
    }
    return lorawanDevice(
        space, "sensor", SensorDecoders.ids(), "a known sensor model", "sensor", owner);
  }

  private Optional<DeviceAddress> indicator(YamlMap space, Node node, String bus, String owner) {
    if (!(node instanceof MappingNode)) {
      return YamlMap.scalar(node, space.path("indicator"), problems)
          .flatMap(s -> device(s, bus, "indicator", owner));
    }
    return lorawanDevice(
        space, "indicator", DISPLAY_MODELS, "a known LoRaWAN display model", "indicator", owner);
  }

  /**
   * A LoRaWAN device, {@code { dev_eui: <EUI>, model: <model> }}: on the network server of the
   * gateway's lorawan section, whatever serial bus its space or sign names.
   */
  private Optional<DeviceAddress> lorawanDevice(
      YamlMap owner, String key, List<String> models, String what, String role, String name) {
    YamlMap lorawan = owner.map(key, LORAWAN_DEVICE);
    String link = gateway.lorawan() == null ? NO_BUS : gateway.lorawan().name();
    Optional<DeviceAddress> device =
        lorawan.required("dev_eui").flatMap(s -> device(s, link, role, name));
    // A sensor may leave its model out: the network server's own decoded object is used then.
    boolean sensor = role.equals("sensor");
    Optional<String> model =
        (sensor ? lorawan.scalar("model") : lorawan.required("model"))
            .flatMap(s -> Values.oneOf(s, models, what, problems));
    if (gateway.lorawan() == null) {
      problems.add(
          owner.lineOf(key),
          owner.path(key),
          "a LoRaWAN device is reached through a network server, but "
              + gateway.file().getFileName()
              + " has no lorawan section");
    }
    if (device.isEmpty() || (model.isEmpty() && (!sensor || lorawan.node("model").isPresent()))) {
      return Optional.empty();
    }
    return Optional.of(new DeviceAddress(device.get().eui(), link, model.orElse(null)));
  }

  /** A device EUI in one role; each device has exactly one role in the site. */
  private Optional<DeviceAddress> device(Scalar scalar, String bus, String role, String owner) {
    Optional<Long> eui = Values.eui(scalar, problems);
    if (eui.isEmpty()) {
      return Optional.empty();
    }
    claim(eui.get(), scalar, role, owner);
    if (gateway.gpio().hasDevice(eui.get())) {
      return gpioDevice(scalar, eui.get(), role);
    }
    if (bus.equals(gateway.gpio().bus())) {
      problems.add(
          scalar,
          "the GPIO bus has no output with device "
              + Eui64.format(eui.get())
              + " (declare it under gpio.outputs in "
              + gateway.file().getFileName()
              + ")");
      return Optional.empty();
    }
    return Optional.of(DeviceAddress.psp(eui.get(), bus));
  }

  // ---- devices on the GPIO header (gateway.yaml's gpio section) -----------------------------

  /**
   * A device that gateway.yaml declares as a GPIO pin is on the GPIO bus whatever bus its space or
   * sign names, so a space can have a serial sensor and a lamp wired to the header. Its kind must
   * fit its role: a space's indicator is a {@code light}, a sign is a {@code full_lamp}.
   */
  private Optional<DeviceAddress> gpioDevice(Scalar scalar, long eui, String role) {
    GpioConfig gpio = gateway.gpio();
    GpioConfig.OutputKind wanted =
        switch (role) {
          case "indicator" -> GpioConfig.OutputKind.LIGHT;
          case "device" -> GpioConfig.OutputKind.FULL_LAMP;
          default -> null;
        };
    Optional<GpioConfig.Output> output = gpio.output(eui);
    if (wanted == null || output.isEmpty() || output.get().kind() != wanted) {
      String is =
          output
              .map(o -> "the GPIO " + o.kind().yamlName() + " " + o.name())
              .orElse("a GPIO input");
      String what =
          switch (role) {
            case "indicator" -> "a space's indicator";
            case "device" -> "a sign";
            default -> "a " + role;
          };
      String needs =
          wanted == null
              ? what + " must be a serial or LoRaWAN device"
              : what + " on GPIO must be a " + wanted.yamlName();
      problems.add(scalar, "device " + Eui64.format(eui) + " is " + is + "; " + needs);
      return Optional.empty();
    }
    return Optional.of(DeviceAddress.psp(eui, gpio.bus()));
  }

  private boolean isGpioBus(String bus) {
    return !gateway.gpio().isEmpty() && bus.equals(gateway.gpio().bus());
  }

  private void claim(long eui, Scalar scalar, String role, String owner) {
    Use use = new Use("the " + role + " of " + owner, scalar.line());
    Use earlier = devices.putIfAbsent(eui, use);
    if (earlier == null) {
      return;
    }
    String device = Eui64.format(eui);
    String where = earlier.what() + " (line " + earlier.line() + ")";
    if (role.equals("sensor") && earlier.what().startsWith("the sensor of space ")) {
      problems.add(
          scalar,
          "sensor "
              + device
              + " is paired to two spaces: "
              + earlier.what().substring("the sensor of space ".length())
              + " (line "
              + earlier.line()
              + ") and "
              + owner.substring("space ".length()));
    } else if (role.equals("indicator") && earlier.what().startsWith("the indicator of ")) {
      problems.add(
          scalar,
          "indicator " + device + " is already " + where + "; an indicator may not be shared");
    } else {
      problems.add(scalar, "device " + device + " is already " + where + "; a device has one role");
    }
  }

  private Set<SpaceKind> kinds(YamlMap space) {
    Set<SpaceKind> kinds = readKinds(space);
    return kindSets.computeIfAbsent(Set.copyOf(kinds), k -> k);
  }

  private Set<SpaceKind> readKinds(YamlMap space) {
    if (space.node("kinds").isEmpty()) {
      return Set.of(SpaceKind.STANDARD);
    }
    Set<SpaceKind> kinds = EnumSet.noneOf(SpaceKind.class);
    List<Node> items = space.list("kinds");
    for (int i = 0; i < items.size(); i++) {
      YamlMap.scalar(items.get(i), space.path("kinds") + "[" + i + "]", problems)
          .ifPresent(
              s -> {
                if (KINDS.contains(s.value())) {
                  kinds.add(SpaceKind.values()[KINDS.indexOf(s.value())]);
                } else {
                  problems.add(
                      s,
                      "unknown kind " + s.quoted() + " (known: " + String.join(", ", KINDS) + ")");
                }
              });
    }
    return kinds.isEmpty() ? Set.of(SpaceKind.STANDARD) : kinds;
  }

  private String bus(YamlMap map) {
    Optional<Scalar> bus = map.scalar("bus");
    if (bus.isEmpty()) {
      return defaultBus;
    }
    if (!gateway.links().contains(bus.get().value())) {
      List<String> names = gateway.links();
      problems.add(
          bus.get(),
          "unknown bus "
              + bus.get().quoted()
              + (names.isEmpty()
                  ? " (" + gateway.file().getFileName() + " declares no bus)"
                  : " (known: " + String.join(", ", names) + ")"));
      return defaultBus;
    }
    return bus.get().value();
  }

  private Optional<Sign> sign(YamlMap sign) {
    Optional<String> id = uniqueId(sign, "sign", signLines);
    String owner = "sign " + id.orElse("at line " + sign.line());
    String bus = bus(sign);
    List<String> zones = signZones(sign);
    PspMessage.Arrow arrow =
        sign.scalar("arrow")
            .flatMap(s -> Values.oneOf(s, ARROWS, "an arrow", problems))
            .map(name -> PspMessage.Arrow.valueOf(name.toUpperCase(Locale.ROOT)))
            .orElse(PspMessage.Arrow.NONE);
    boolean modbusBus =
        gateway.bus(bus).map(b -> b.protocol() == BusProtocol.MODBUS_RTU).orElse(false);
    ModbusRegister modbus = null;
    if (modbusBus) {
      if (sign.node("modbus").isEmpty()) {
        problems.add(
            sign.line(),
            sign.path(),
            "sign on modbus-rtu bus \"" + bus + "\" needs a modbus block (unit, register)");
      } else {
        modbus = modbus(sign.map("modbus", MODBUS)).orElse(null);
      }
    } else if (sign.node("modbus").isPresent()) {
      problems.add(
          sign.lineOf("modbus"),
          sign.path("modbus"),
          "bus \"" + bus + "\" speaks psp; a modbus block needs a modbus-rtu bus");
    }
    Optional<DeviceAddress> device =
        sign.node("device")
            .flatMap(
                node ->
                    node instanceof MappingNode
                        ? lorawanDevice(
                            sign,
                            "device",
                            DISPLAY_MODELS,
                            "a known LoRaWAN display model",
                            "device",
                            owner)
                        : YamlMap.scalar(node, sign.path("device"), problems)
                            .flatMap(s -> device(s, bus, "device", owner)));
    if (device.isEmpty() && sign.node("device").isEmpty()) {
      if (modbus != null) {
        long eui = modbus.derivedEui(busIndex(bus));
        claim(eui, new Scalar(Eui64.format(eui), sign.line(), sign.path()), "device", owner);
        device = Optional.of(DeviceAddress.psp(eui, bus));
      } else if (!modbusBus) {
        problems.add(
            sign.line(), sign.path("device"), "required for a sign on psp bus \"" + bus + "\"");
      }
    }
    if (id.isEmpty() || device.isEmpty() || (modbusBus && modbus == null)) {
      return Optional.empty();
    }
    return Optional.of(new Sign(id.get(), device.get(), zones, arrow, modbus));
  }

  private int busIndex(String bus) {
    List<String> names = gateway.serial().stream().map(SerialBusConfig::name).toList();
    return Math.max(0, names.indexOf(bus));
  }

  private List<String> signZones(YamlMap sign) {
    List<String> zones = new ArrayList<>();
    List<Node> items = sign.list("zones");
    if (items.isEmpty()) {
      problems.add(sign.lineOf("zones"), sign.path("zones"), "a sign needs at least one zone");
    }
    for (int i = 0; i < items.size(); i++) {
      YamlMap.scalar(items.get(i), sign.path("zones") + "[" + i + "]", problems)
          .ifPresent(
              s -> {
                if (zoneLines.containsKey(s.value())) {
                  zones.add(s.value());
                } else {
                  problems.add(
                      s,
                      "unknown zone "
                          + s.quoted()
                          + " (known: "
                          + String.join(", ", zoneLines.keySet())
                          + ")");
                }
              });
    }
    return zones;
  }

  private Optional<ModbusRegister> modbus(YamlMap modbus) {
    var unit = modbus.required("unit").map(s -> Values.integer(s, 1, 247, problems));
    var register = modbus.required("register").map(s -> Values.integer(s, 0, 0xFFFF, problems));
    ModbusRegister.Encoding encoding =
        modbus
            .scalar("encoding")
            .flatMap(s -> Values.oneOf(s, List.of("u16", "bcd"), "a register encoding", problems))
            .map(name -> ModbusRegister.Encoding.valueOf(name.toUpperCase(Locale.ROOT)))
            .orElse(ModbusRegister.Encoding.U16);
    var blank = modbus.scalar("blank").map(s -> Values.integer(s, 0, 0xFFFF, problems));
    if (unit.isEmpty() || unit.get().isEmpty() || register.isEmpty() || register.get().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ModbusRegister(
            unit.get().getAsInt(),
            register.get().getAsInt(),
            encoding,
            blank.map(b -> b.orElse(0xFFFF)).orElse(0xFFFF)));
  }

  /** The id of a level, zone, space or sign, which must be unique among its kind. */
  private Optional<String> uniqueId(YamlMap map, String kind, Map<String, Integer> lines) {
    Optional<Scalar> scalar = map.required("id");
    Optional<String> id = scalar.flatMap(s -> Values.id(s, problems));
    if (id.isPresent()) {
      Integer first = lines.putIfAbsent(id.get(), scalar.get().line());
      if (first != null) {
        problems.add(
            scalar.get(),
            "duplicate " + kind + " id " + scalar.get().quoted() + " (also at line " + first + ")");
        return Optional.empty();
      }
    }
    return id;
  }
}
