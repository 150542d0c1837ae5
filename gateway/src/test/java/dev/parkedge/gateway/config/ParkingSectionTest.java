package dev.parkedge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkedge.gateway.api.Role;
import dev.parkedge.gateway.enforcement.Violation;
import dev.parkedge.gateway.reservation.ReservationPolicy;
import dev.parkedge.gateway.session.Lane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** gateway.yaml's parking section and its secrets file. */
class ParkingSectionTest {

  @TempDir Path dir;

  @Test
  void reads_the_section_with_defaults_for_what_it_leaves_out() throws Exception {
    ParkingConfig parking =
        ConfigLoader.loadGateway(
                write(
                    "gateway.yaml",
                    """
                    serial:
                      - { name: bus1, port: /dev/ttyUSB0 }
                    parking:
                      tariff_file: tariff.yaml
                      keys_file: keys.yaml
                      reservations: { lead_time: 10m, refund: { late_percent: 50 }, zone_capacity: { L1-A: 20 } }
                      lanes:
                        - { lane: 1, direction: entry, ticket_on_loop: true }
                        - { lane: 2, direction: exit, gate: { bus: bus1, device: 00000000000c0002 } }
                      enforcement: { confirm_readings: 5, penalties: { overstay: "10.00" } }
                    """))
            .parking()
            .orElseThrow();

    assertThat(parking.tariffFile()).isEqualTo(dir.resolve("tariff.yaml"));
    assertThat(parking.reservations().leadTime()).isEqualTo(Duration.ofMinutes(10));
    assertThat(parking.reservations().noShowGrace())
        .isEqualTo(ReservationPolicy.DEFAULTS.noShowGrace());
    assertThat(parking.reservations().lateRefundPercent()).isEqualTo(50);
    assertThat(parking.reservations().zoneCapacity()).isEqualTo(Map.of("L1-A", 20));
    assertThat(parking.lanes())
        .containsExactly(
            new Lane(1, Lane.Direction.ENTRY, true), new Lane(2, Lane.Direction.EXIT, false));
    assertThat(parking.pspGates())
        .containsExactly(new ParkingConfig.PspGate(2, "bus1", 0xc0002L, Duration.ofMillis(300), 3));
    assertThat(parking.enforcement().confirmReadings()).isEqualTo(5);
    assertThat(parking.penalties()).isEqualTo(Map.of(Violation.Kind.OVERSTAY, "10.00"));
  }

  static Stream<Arguments> problems() {
    return Stream.of(
        Arguments.of(
            "parking:\n  keys_file: k.yaml\n", "gateway.yaml:2: parking.tariff_file: required"),
        Arguments.of(
            "parking:\n  tariff_file: t.yaml\n  keys_file: k.yaml\n  reservations: { refund: { late_percent: 150 } }\n",
            "gateway.yaml:4: parking.reservations.refund.late_percent: 150 is out of range 0..100"),
        Arguments.of(
            "parking:\n  tariff_file: t.yaml\n  keys_file: k.yaml\n  lanes:\n    - { lane: 1, direction: sideways }\n",
            "gateway.yaml:5: parking.lanes[0].direction: \"sideways\" is not a direction (one of entry, exit)"),
        Arguments.of(
            "parking:\n  tariff_file: t.yaml\n  keys_file: k.yaml\n  lanes:\n    - { lane: 2, direction: exit, gate: { bus: bus9, device: 00000000000c0002 } }\n",
            "gateway.yaml:5: parking.lanes[0].gate.bus: no bus \"bus9\" (known: )"),
        Arguments.of(
            "parking:\n  tariff_file: t.yaml\n  keys_file: k.yaml\n  enforcement: { penalties: { overstay: ten } }\n",
            "gateway.yaml:4: parking.enforcement.penalties.overstay: \"ten\" is not an amount (write e.g. \"25.00\")"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("problems")
  void refuses_what_affects_money_or_access_by_file_line_and_key(String yaml, String problem)
      throws Exception {
    Path file = write("gateway.yaml", yaml);
    assertThatThrownBy(() -> ConfigLoader.loadGateway(file))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).endsWith(problem)));
  }

  @Test
  void reads_api_keys_with_roles_and_qr_keys_that_verify_what_they_sign() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path keys =
        write(
            "keys.yaml",
            "api_keys:\n  - { name: front-kiosk, role: kiosk, key: \"kiosk-secret-0000001\" }\n"
                + "qr_keys:\n  - { id: gw1, public_key: \""
                + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\", private_key: \""
                + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\" }\n");
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));

    ParkingKeysReader.Secrets secrets = ParkingKeysReader.read(keys);

    assertThat(secrets.apiKeys().authenticate("kiosk-secret-0000001").orElseThrow().role())
        .isEqualTo(Role.KIOSK);
    assertThat(secrets.apiKeys().authenticate("kiosk-secret-0000002")).isEmpty();
    Instant now = Instant.parse("2026-11-21T08:00:00Z");
    String code = secrets.qrTokens().issue("R-0123456789AB", now.plusSeconds(3600)).orElseThrow();
    assertThat(code.length()).isLessThan(198);
    assertThat(secrets.qrTokens().verify(code, now).reservationId()).isEqualTo("R-0123456789AB");
  }

  @Test
  void refuses_a_keys_file_others_can_read() throws Exception {
    Path keys = write("keys.yaml", "api_keys: []\n");
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> ParkingKeysReader.read(keys))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("chmod 600");
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    if (name.equals("gateway.yaml")) {
      Files.writeString(
          dir.resolve("site.yaml"),
          "site: { id: hq, name: HQ, timezone: Europe/Berlin, currency: EUR }\nlevels: []\n");
    }
    return file;
  }
}
