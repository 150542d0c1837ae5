package dev.parkedge.gateway.config;

import dev.parkedge.gateway.enforcement.EnforcementPolicy;
import dev.parkedge.gateway.enforcement.Violation;
import dev.parkedge.gateway.reservation.ReservationPolicy;
import dev.parkedge.gateway.session.Lane;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The money-and-access side of the site (gateway.yaml {@code parking}): the tariff, the secrets
 * file with API keys and QR keys, reservations, lanes and their gates, enforcement.
 *
 * @param tariffFile the tariff every stay and booking is priced by (absolute)
 * @param keysFile the secrets file: API keys with roles, QR-code keys (absolute; mode 0600)
 * @param pspGates barriers driven by PSP/1 {@code Gate} commands, per lane (others are GPIO relays)
 * @param enforcement the enforcement policy, without penalties
 * @param penalties the penalty schedule as written (decimal amounts in the tariff's currency)
 */
public record ParkingConfig(
    Path tariffFile,
    Path keysFile,
    ReservationPolicy reservations,
    List<Lane> lanes,
    List<PspGate> pspGates,
    EnforcementPolicy enforcement,
    Map<Violation.Kind, String> penalties) {

  /** A barrier controller on a PSP/1 bus, answering {@code Gate} with {@code Ack}. */
  public record PspGate(int lane, String bus, long device, Duration ackTimeout, int attempts) {}

  public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofMillis(300);
  public static final int DEFAULT_ATTEMPTS = 3;

  public ParkingConfig {
    Objects.requireNonNull(tariffFile, "tariffFile");
    Objects.requireNonNull(keysFile, "keysFile");
    Objects.requireNonNull(reservations, "reservations");
    lanes = List.copyOf(lanes);
    pspGates = List.copyOf(pspGates);
    Objects.requireNonNull(enforcement, "enforcement");
    penalties = Map.copyOf(penalties);
  }
}
