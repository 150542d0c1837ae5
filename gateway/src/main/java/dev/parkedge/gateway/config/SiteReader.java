package dev.parkedge.gateway.config;

import dev.parkedge.gateway.config.SerialBusConfig.BusProtocol;
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
  private static final List<String> LORAWAN_SENSOR = List.of("dev_eui", "model");
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
        space.scalar("indicator").flatMap(s -> device(s, bus, "indicator", owner)).orElse(null);
    Set<SpaceKind> kinds = kinds(space);
    return id.map(spaceId -> new Space(spaceId, levelId, zoneId, kinds, sensor, indicator));
  }

  private Optional<DeviceAddress> sensor(YamlMap space, Node node, String bus, String owner) {
    if (!(node instanceof MappingNode)) {
      return YamlMap.scalar(node, space.path("sensor"), problems)
          .flatMap(s -> device(s, bus, "sensor", owner));
    }
    YamlMap lorawan = space.map("sensor", LORAWAN_SENSOR);
    Optional<DeviceAddress> device =
        lorawan.required("dev_eui").flatMap(s -> device(s, bus, "sensor", owner));
    Optional<String> model =
        lorawan
            .required("model")
            .flatMap(s -> Values.oneOf(s, SensorDecoders.ids(), "a known sensor model", problems));
    if (device.isEmpty() || model.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DeviceAddress(device.get().eui(), bus, model.get()));
  }

  /** A device EUI in one role; each device has exactly one role in the site. */
  private Optional<DeviceAddress> device(Scalar scalar, String bus, String role, String owner) {
    Optional<Long> eui = Values.eui(scalar, problems);
    if (eui.isEmpty()) {
      return Optional.empty();
    }
    claim(eui.get(), scalar, role, owner);
    return Optional.of(DeviceAddress.psp(eui.get(), bus));
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
    if (!gateway.hasBus(bus.get().value())) {
      List<String> names = gateway.busNames();
      problems.add(
          bus.get(),
          "unknown serial bus "
              + bus.get().quoted()
              + (names.isEmpty()
                  ? " (" + gateway.file().getFileName() + " declares no serial bus)"
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
        sign.scalar("device").flatMap(s -> device(s, bus, "device", owner));
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
