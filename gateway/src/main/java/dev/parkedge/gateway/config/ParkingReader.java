package dev.parkedge.gateway.config;

import dev.parkedge.gateway.enforcement.EnforcementPolicy;
import dev.parkedge.gateway.enforcement.Violation;
import dev.parkedge.gateway.reservation.ReservationPolicy;
import dev.parkedge.gateway.session.Lane;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads gateway.yaml's {@code parking} section. Everything here affects money or access: a value
 * out of range is an error naming file, line and key, never clamped. Defaults are those of {@link
 * ReservationPolicy#DEFAULTS} and {@link EnforcementPolicy#DEFAULTS}.
 */
final class ParkingReader {

  static final List<String> KEYS =
      List.of("tariff_file", "keys_file", "reservations", "lanes", "enforcement");
  private static final List<String> RESERVATIONS =
      List.of(
          "lead_time",
          "no_show_grace",
          "max_advance",
          "min_length",
          "max_length",
          "refund",
          "zone_capacity");
  private static final List<String> REFUND =
      List.of("full_before", "full_after_booking", "late_percent");
  private static final List<String> LANE = List.of("lane", "direction", "ticket_on_loop", "gate");
  private static final List<String> GATE = List.of("bus", "device", "ack_timeout", "attempts");
  private static final List<String> ENFORCEMENT =
      List.of("check_every", "confirm_readings", "max_stay", "gated", "penalties");
  private static final Pattern AMOUNT = Pattern.compile("\\d{1,9}(\\.\\d{1,3})?");

  private final Problems problems;
  private final Path folder;

  ParkingReader(Problems problems, Path folder) {
    this.problems = problems;
    this.folder = folder;
  }

  ParkingConfig read(YamlMap parking, List<String> buses) {
    Path tariff = requiredPath(parking, "tariff_file");
    Path keys = requiredPath(parking, "keys_file");
    ReservationPolicy reservations = reservations(parking.map("reservations", RESERVATIONS));
    List<Lane> lanes = new ArrayList<>();
    List<ParkingConfig.PspGate> gates = new ArrayList<>();
    lanes(parking, buses, lanes, gates);
    YamlMap enforcement = parking.map("enforcement", ENFORCEMENT);
    return new ParkingConfig(
        tariff, keys, reservations, lanes, gates, enforcement(enforcement), penalties(enforcement));
  }

  private Path requiredPath(YamlMap map, String key) {
    Optional<Scalar> scalar = map.required(key);
    if (scalar.isEmpty()) {
      return folder;
    }
    try {
      return folder.resolve(scalar.get().value()).normalize();
    } catch (InvalidPathException e) {
      problems.add(scalar.get(), scalar.get().quoted() + " is not a path");
      return folder;
    }
  }

  private ReservationPolicy reservations(YamlMap map) {
    ReservationPolicy d = ReservationPolicy.DEFAULTS;
    YamlMap refund = map.map("refund", REFUND);
    Map<String, Integer> capacity = new LinkedHashMap<>();
    map.node("zone_capacity")
        .ifPresent(
            node -> {
              YamlMap zones =
                  YamlMap.open(node, map.path("zone_capacity"), problems, anyKeys(node));
              for (String zone : anyKeys(node)) {
                zones
                    .scalar(zone)
                    .flatMap(
                        s -> Values.integer(s, 0, 1_000_000, problems).stream().boxed().findFirst())
                    .ifPresent(n -> capacity.put(zone, n));
              }
            });
    Duration minLength = duration(map, "min_length", d.minLength(), Duration.ofMinutes(1));
    Duration maxLength = duration(map, "max_length", d.maxLength(), Duration.ofMinutes(1));
    if (maxLength.compareTo(minLength) < 0) {
      problems.add(map.lineOf("max_length"), map.path("max_length"), "is shorter than min_length");
    }
    return new ReservationPolicy(
        duration(map, "lead_time", d.leadTime(), Duration.ZERO),
        duration(map, "no_show_grace", d.noShowGrace(), Duration.ZERO),
        duration(map, "max_advance", d.maxAdvance(), Duration.ofMinutes(1)),
        minLength,
        maxLength,
        duration(refund, "full_before", d.fullRefundBefore(), Duration.ZERO),
        duration(refund, "full_after_booking", d.fullRefundAfterBooking(), Duration.ZERO),
        refund
            .scalar("late_percent")
            .map(s -> Values.integer(s, 0, 100, problems).orElse(d.lateRefundPercent()))
            .orElse(d.lateRefundPercent()),
        capacity);
  }

  private static List<String> anyKeys(Node node) {
    List<String> keys = new ArrayList<>();
    if (node instanceof org.yaml.snakeyaml.nodes.MappingNode mapping) {
      mapping
          .getValue()
          .forEach(
              t -> {
                if (t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key) {
                  keys.add(key.getValue());
                }
              });
    }
    return keys;
  }

  private Duration duration(YamlMap map, String key, Duration fallback, Duration min) {
    Optional<Scalar> scalar = map.scalar(key);
    if (scalar.isEmpty()) {
      return fallback;
    }
    Optional<Duration> value = Values.duration(scalar.get(), problems);
    if (value.isPresent() && value.get().compareTo(min) < 0) {
      problems.add(scalar.get(), "must be at least " + Durations.format(min));
      return fallback;
    }
    return value.orElse(fallback);
  }

  private void lanes(
      YamlMap parking, List<String> buses, List<Lane> lanes, List<ParkingConfig.PspGate> gates) {
    List<Node> items = parking.list("lanes");
    Map<Integer, Integer> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      YamlMap lane = YamlMap.open(items.get(i), "parking.lanes[" + i + "]", problems, LANE);
      OptionalInt number =
          lane.required("lane")
              .map(s -> Values.integer(s, 0, 255, problems))
              .orElse(OptionalInt.empty());
      Optional<String> direction =
          lane.required("direction")
              .flatMap(s -> Values.oneOf(s, List.of("entry", "exit"), "a direction", problems));
      boolean onLoop =
          lane.scalar("ticket_on_loop")
              .flatMap(s -> Values.oneOf(s, List.of("true", "false"), "true or false", problems))
              .map(Boolean::parseBoolean)
              .orElse(false);
      if (number.isEmpty() || direction.isEmpty()) {
        continue;
      }
      Integer first = seen.putIfAbsent(number.getAsInt(), lane.line());
      if (first != null) {
        problems.add(
            lane.lineOf("lane"),
            lane.path("lane"),
            "lane " + number.getAsInt() + " is already listed (line " + first + ")");
        continue;
      }
      Lane.Direction dir =
          direction.get().equals("entry") ? Lane.Direction.ENTRY : Lane.Direction.EXIT;
      if (onLoop && dir == Lane.Direction.EXIT) {
        problems.add(
            lane.lineOf("ticket_on_loop"),
            lane.path("ticket_on_loop"),
            "only an entry lane issues tickets");
      }
      lanes.add(new Lane(number.getAsInt(), dir, onLoop));
      if (lane.node("gate").isPresent()) {
        gate(lane.map("gate", GATE), number.getAsInt(), buses).ifPresent(gates::add);
      }
    }
  }

  private Optional<ParkingConfig.PspGate> gate(YamlMap gate, int lane, List<String> buses) {
    Optional<String> bus = gate.required("bus").map(Scalar::value);
    if (bus.isPresent() && !buses.contains(bus.get())) {
      problems.add(
          gate.lineOf("bus"),
          gate.path("bus"),
          "no bus \"" + bus.get() + "\" (known: " + String.join(", ", buses) + ")");
    }
    Optional<Long> device = gate.required("device").flatMap(s -> Values.eui(s, problems));
    Duration timeout =
        duration(gate, "ack_timeout", ParkingConfig.DEFAULT_ACK_TIMEOUT, Duration.ofMillis(20));
    int attempts =
        gate.scalar("attempts")
            .map(s -> Values.integer(s, 1, 10, problems).orElse(ParkingConfig.DEFAULT_ATTEMPTS))
            .orElse(ParkingConfig.DEFAULT_ATTEMPTS);
    if (bus.isEmpty() || device.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ParkingConfig.PspGate(lane, bus.get(), device.get(), timeout, attempts));
  }

  private EnforcementPolicy enforcement(YamlMap map) {
    EnforcementPolicy d = EnforcementPolicy.DEFAULTS;
    return new EnforcementPolicy(
        duration(map, "check_every", d.checkEvery(), Duration.ofSeconds(1)),
        map.scalar("confirm_readings")
            .map(s -> Values.integer(s, 1, 1000, problems).orElse(d.confirmReadings()))
            .orElse(d.confirmReadings()),
        duration(map, "max_stay", d.maxStay(), Duration.ZERO),
        map.scalar("gated")
            .flatMap(s -> Values.oneOf(s, List.of("true", "false"), "true or false", problems))
            .map(Boolean::parseBoolean)
            .orElse(d.gated()),
        Map.of());
  }

  private Map<Violation.Kind, String> penalties(YamlMap enforcement) {
    List<String> kinds = new ArrayList<>();
    for (Violation.Kind kind : Violation.Kind.values()) {
      kinds.add(kind.jsonName());
    }
    YamlMap map = enforcement.map("penalties", kinds);
    Map<Violation.Kind, String> penalties = new EnumMap<>(Violation.Kind.class);
    for (Violation.Kind kind : Violation.Kind.values()) {
      map.scalar(kind.jsonName())
          .ifPresent(
              s -> {
                if (AMOUNT.matcher(s.value()).matches()) {
                  penalties.put(kind, s.value());
                } else {
                  problems.add(s, s.quoted() + " is not an amount (write e.g. \"25.00\")");
                }
              });
    }
    return penalties;
  }
}
