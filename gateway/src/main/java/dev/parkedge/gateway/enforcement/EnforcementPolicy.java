package dev.parkedge.gateway.enforcement;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the lot is enforced (gateway.yaml {@code parking.enforcement}).
 *
 * @param checkEvery how often the rules are checked (one reading)
 * @param confirmReadings consecutive readings a breach must show before it is raised
 * @param maxStay longest stay of any session; {@link Duration#ZERO} for none
 * @param gated whether every car passes a gate (then an occupied space needs an open session)
 * @param penalties minor units charged per kind; absent means 0
 */
public record EnforcementPolicy(
    Duration checkEvery,
    int confirmReadings,
    Duration maxStay,
    boolean gated,
    Map<Violation.Kind, Long> penalties) {

  public static final EnforcementPolicy DEFAULTS =
      new EnforcementPolicy(Duration.ofMinutes(1), 3, Duration.ZERO, true, Map.of());

  public EnforcementPolicy {
    Objects.requireNonNull(checkEvery, "checkEvery");
    Objects.requireNonNull(maxStay, "maxStay");
    if (confirmReadings < 1) {
      throw new IllegalArgumentException("confirm_readings must be at least 1");
    }
    penalties = penalties.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(penalties));
  }

  public long penalty(Violation.Kind kind) {
    return penalties.getOrDefault(kind, 0L);
  }
}
