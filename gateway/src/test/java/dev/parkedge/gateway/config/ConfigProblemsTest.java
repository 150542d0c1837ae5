package dev.parkedge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad file is refused with every problem in it, each naming file, line and key. */
class ConfigProblemsTest {

  private static final String SITE_HEAD =
      """
      site: { id: hq, name: HQ Garage, timezone: Europe/Berlin, currency: EUR }
      """;

  private static final String MODBUS_GATEWAY =
      """
      serial:
        - { name: bus1, port: /dev/ttyUSB0 }
        - { name: rs485, port: /dev/ttyUSB1, baud: 9600, protocol: modbus-rtu, parity: even }
      lorawan:
        server: chirpstack-v4
        broker: tcp://127.0.0.1:1883
        application: 6f8e2b1c-0d3a-4b5e-9f10-2a3b4c5d6e7f
      """;

  @TempDir Path dir;

  static Stream<Arguments> bad_gateway_files() {
    return Stream.of(
        row(
            "unknown key",
            """
            sensing:
              debounse: 2s
            """,
            "gateway.yaml:2: sensing: unknown key \"debounse\" (known: debounce, stale_after)"),
        row(
            "duration without unit",
            """
            displays:
              refresh: 60
            """,
            "gateway.yaml:2: displays.refresh: \"60\" has no unit"
                + " (write e.g. 250ms, 90s, 15m, 4h, 1d or 1h30m)"),
        row(
            "negative duration",
            "sensing: { stale_after: -4h }\n",
            "gateway.yaml:1: sensing.stale_after: \"-4h\" is negative; a duration is 0 or more"
                + " (write e.g. 250ms, 90s, 15m, 4h, 1d or 1h30m)"),
        row(
            "not a duration",
            "sensing: { debounce: soon }\n",
            "gateway.yaml:1: sensing.debounce: \"soon\" is not a duration"
                + " (write e.g. 250ms, 90s, 15m, 4h, 1d or 1h30m)"),
        row(
            "odd baud rate, unknown protocol and a bus without port",
            """
            serial:
              - name: bus1
                baud: 115201
                protocol: rs232
            """,
            "gateway.yaml:2: serial[0].port: required",
            "gateway.yaml:3: serial[0].baud: 115201 is not a standard baud rate (one of 1200,"
                + " 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600)",
            "gateway.yaml:4: serial[0].protocol: \"rs232\" is not a bus protocol"
                + " (one of psp, modbus-rtu)"),
        row(
            "two buses of the same name",
            """
            serial:
              - { name: bus1, port: /dev/ttyUSB0 }
              - { name: bus1, port: /dev/ttyUSB1, stop_bits: 3 }
            """,
            "gateway.yaml:3: serial[1].name: bus name \"bus1\" is used twice (first at line 2)",
            "gateway.yaml:3: serial[1].stop_bits: 3 is out of range 1..2"),
        row(
            "coap port out of range",
            "api: { coap_port: 70000 }\n",
            "gateway.yaml:1: api.coap_port: 70000 is out of range 1..65535"),
        row(
            "a list where a mapping belongs",
            "sensing: [1s]\n",
            "gateway.yaml:1: sensing: expected a mapping (key: value), got a list"),
        row(
            "a file that is not a configuration, quoted by its start and length only",
            "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n",
            "gateway.yaml:1: expected a mapping (key: value), got"
                + " \"root:x:0:0:root:/root:/bin/bash daemon:x:1:1:daemon:/usr/sb…\""
                + " (79 characters)"),
        row(
            "YAML syntax error",
            """
            api:
              coap_port: 5683
             bind: 0.0.0.0
            """,
            "gateway.yaml:3: YAML syntax error: while parsing a block mapping,"
                + " expected <block end>, but found '<block mapping start>'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void bad_gateway_files(String name, String gatewayYaml, List<String> problems)
      throws IOException {
    Path gateway = write("gateway.yaml", gatewayYaml);

    ConfigException e =
        catchThrowableOfType(() -> ConfigLoader.loadGateway(gateway), ConfigException.class);

    assertThat(e).isNotNull();
    assertThat(e.problems()).containsExactlyElementsOf(problems);
  }

  static Stream<Arguments> bad_site_files() {
    return Stream.of(
        row(
            "duplicate space id",
            SITE_HEAD
                + """
                levels:
                  - id: L1
                    zones:
                      - id: L1-A
                        spaces:
                          - { id: A-001 }
                          - { id: A-001 }
                """,
            "site.yaml:8: levels[0].zones[0].spaces[1].id: duplicate space id \"A-001\""
                + " (also at line 7)"),
        row(
            "a sensor on two spaces",
            SITE_HEAD
                + """
                levels:
                  - id: L1
                    zones:
                      - id: L1-A
                        spaces:
                          - { id: A-001, sensor: 70b3d57ed0001001 }
                          - { id: A-002, sensor: 70B3D57ED0001001 }
                """,
            "site.yaml:8: levels[0].zones[0].spaces[1].sensor: sensor 70b3d57ed0001001 is"
                + " paired to two spaces: A-001 (line 7) and A-002"),
        row(
            "a device as sensor and indicator, an indicator shared",
            SITE_HEAD
                + """
                levels:
                  - id: L1
                    zones:
                      - id: L1-A
                        spaces:
                          - { id: A-001, sensor: 70b3d57ed0001001, indicator: 70b3d57ed0002001 }
                          - { id: A-002, sensor: 70b3d57ed0002001 }
                          - { id: A-003, indicator: 70b3d57ed0002001 }
                """,
            "site.yaml:8: levels[0].zones[0].spaces[1].sensor: device 70b3d57ed0002001 is"
                + " already the indicator of space A-001 (line 7); a device has one role",
            "site.yaml:9: levels[0].zones[0].spaces[2].indicator: indicator 70b3d57ed0002001 is"
                + " already the indicator of space A-001 (line 7); an indicator may not be shared"),
        row(
            "a sign naming an unknown zone",
            SITE_HEAD
                + """
                levels:
                  - id: L1
                    zones: [ { id: L1-A }, { id: L1-B } ]
                signs:
                  - { id: entrance, device: 70b3d57ed0003001, zones: [L1-A, L2-A] }
                """,
            "site.yaml:6: signs[0].zones[1]: unknown zone \"L2-A\" (known: L1-A, L1-B)"),
        row(
            "unknown key",
            SITE_HEAD
                + """
                levels:
                  - id: L1
                    zones:
                      - id: L1-A
                        spaces:
                          - { id: A-001, sensr: 70b3d57ed0001001 }
                """,
            "site.yaml:7: levels[0].zones[0].spaces[0]: unknown key \"sensr\""
                + " (known: id, sensor, indicator, kinds, bus)"),
        row(
            "bad EUI and a bad id",
            SITE_HEAD
                + """
                levels:
                  - id: L1
                    zones:
                      - id: L1-A
                        spaces:
                          - { id: A-001 }
                          - { id: "-A", sensor: 70b3 }
                """,
            "site.yaml:8: levels[0].zones[0].spaces[1].id: \"-A\" is not a valid id"
                + " (letters, digits, '.', '_' and '-', starting with a letter or digit)",
            "site.yaml:8: levels[0].zones[0].spaces[1].sensor: \"70b3\" is not a device EUI"
                + " (expected 16 hex digits)"),
        row(
            "unknown bus",
            SITE_HEAD
                + """
                levels:
                  - id: L1
                    zones:
                      - id: L1-A
                        spaces:
                          - { id: A-001, sensor: 70b3d57ed0001001, bus: bus2 }
                """,
            "site.yaml:7: levels[0].zones[0].spaces[0].bus: unknown bus \"bus2\""
                + " (known: bus1, rs485, lorawan)"),
        row(
            "unknown kind and unknown sensor model",
            SITE_HEAD
                + """
                levels:
                  - id: L1
                    zones:
                      - id: L1-A
                        spaces:
                          - id: A-001
                            sensor: { dev_eui: 0004000000000001, model: acme-9 }
                            kinds: [ev, electric]
                """,
            "site.yaml:8: levels[0].zones[0].spaces[0].sensor.model: \"acme-9\" is not a known"
                + " sensor model (one of "
                + String.join(", ", dev.parkedge.proto.lorawan.SensorDecoders.ids())
                + ")",
            "site.yaml:9: levels[0].zones[0].spaces[0].kinds[1]: unknown kind \"electric\""
                + " (known: standard, ev, accessible, compact, motorcycle, reserved_only,"
                + " family, large_vehicle)"),
        row(
            "bad timezone and bad currency",
            "site: { id: hq, name: HQ, timezone: Europe/Berln, currency: EURO }\n",
            "site.yaml:1: site.timezone: \"Europe/Berln\" is not an IANA time zone id"
                + " (e.g. Europe/Berlin, UTC)",
            "site.yaml:1: site.currency: \"EURO\" is not an ISO 4217 currency code (e.g. EUR, USD)"),
        row(
            "a level without zones and a duplicate level",
            SITE_HEAD
                + """
                levels:
                  - id: L1
                    zones: [ { id: L1-A } ]
                  - id: L1
                    zones: []
                """,
            "site.yaml:5: levels[1].id: duplicate level id \"L1\" (also at line 3)",
            "site.yaml:6: levels[1].zones: a level needs at least one zone"),
        row(
            "a sign on a modbus bus without a modbus block",
            SITE_HEAD
                + """
                levels:
                  - id: L1
                    zones: [ { id: L1-A } ]
                signs:
                  - { id: entrance, bus: rs485, zones: [L1-A] }
                  - { id: exit, device: 70b3d57ed0003001, zones: [L1-A],
                      modbus: { unit: 3, register: 100 } }
                """,
            "site.yaml:6: signs[0]: sign on modbus-rtu bus \"rs485\" needs a modbus block"
                + " (unit, register)",
            "site.yaml:8: signs[1].modbus: bus \"bus1\" speaks psp;"
                + " a modbus block needs a modbus-rtu bus"),
        row(
            "YAML syntax error",
            SITE_HEAD + "levels: [ { id: L1 }\n",
            "site.yaml:3: YAML syntax error: while parsing a flow sequence,"
                + " expected ',' or ']', but got <stream end>"),
        row(
            "no site block",
            "levels: []\n",
            "site.yaml:1: site: required (id, name, timezone, currency)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void bad_site_files(String name, String siteYaml, List<String> problems) throws Exception {
    GatewayConfig gateway = ConfigLoader.loadGateway(write("gateway.yaml", MODBUS_GATEWAY));
    Path site = write("site.yaml", siteYaml);

    ConfigException e =
        catchThrowableOfType(() -> ConfigLoader.loadSite(site, gateway), ConfigException.class);

    assertThat(e).isNotNull();
    assertThat(e.problems()).containsExactlyElementsOf(problems);
  }

  @Test
  void a_missing_file_is_named_with_its_absolute_path() {
    Path missing = dir.resolve("gateway.yaml");

    ConfigException e =
        catchThrowableOfType(() -> ConfigLoader.loadGateway(missing), ConfigException.class);

    assertThat(e.problems())
        .containsExactly("gateway.yaml: file not found: " + missing.toAbsolutePath());
  }

  private static Arguments row(String name, String yaml, String... problems) {
    return Arguments.of(name, yaml, List.of(problems));
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
