package dev.parkedge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parkedge.gateway.config.CoapDevicesConfig.DeviceKey;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.lot.SiteLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coap_devices section of gateway.yaml and its key file. */
class CoapDevicesConfigTest {

  private static final String KEY = "00112233445566778899aabbccddeeff";
  private static final String PSK_FILE =
      """
      devices:
        - identity: sensor-0004a30b001c2a3f
          eui: 0004a30b001c2a3f
          key_hex: %s
        - { identity: display-70b3d57ed0002001, eui: 70b3d57ed0002001, key_hex: %s }
      """
          .formatted(KEY, "0f1e2d3c4b5a69788796a5b4c3d2e1f0a0a1a2a3");

  @TempDir Path dir;

  @Test
  void a_gateway_without_the_section_has_no_coap_devices() throws Exception {
    GatewayConfig config = ConfigLoader.loadGateway(write("gateway.yaml", "data_dir: var\n"));

    assertThat(config.coapDevices()).isEmpty();
  }

  @Test
  void reads_the_section_with_defaults_and_the_keys_of_its_psk_file() throws Exception {
    writeSecret("coap-psk.yaml", PSK_FILE);

    GatewayConfig config =
        ConfigLoader.loadGateway(
            write("gateway.yaml", "coap_devices:\n  psk_file: coap-psk.yaml\n"));

    CoapDevicesConfig coap = config.coapDevices().orElseThrow();
    assertThat(coap.bind()).isEqualTo("0.0.0.0");
    assertThat(coap.port()).isEqualTo(5684);
    assertThat(coap.bus()).isEqualTo("coap");
    assertThat(coap.pskFile()).isEqualTo(dir.resolve("coap-psk.yaml").toAbsolutePath());
    assertThat(coap.keys())
        .containsExactly(
            new DeviceKey("sensor-0004a30b001c2a3f", 0x0004a30b001c2a3fL, bytes(KEY)),
            new DeviceKey(
                "display-70b3d57ed0002001",
                0x70b3d57ed0002001L,
                bytes("0f1e2d3c4b5a69788796a5b4c3d2e1f0a0a1a2a3")));
  }

  @Test
  void a_world_readable_psk_file_is_refused_with_a_message_that_says_how_to_fix_it()
      throws Exception {
    Path psk = write("coap-psk.yaml", PSK_FILE);
    Files.setPosixFilePermissions(psk, PosixFilePermissions.fromString("rw-r--r--"));

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.loadGateway(
                    write("gateway.yaml", "coap_devices: { psk_file: coap-psk.yaml }\n")));

    assertThat(e.problems())
        .containsExactly(
            "coap-psk.yaml: holds a secret but its permissions are rw-r--r--; it must be"
                + " readable by its owner only: chmod 600 "
                + psk.toAbsolutePath());
  }

  @Test
  void a_group_readable_psk_file_is_refused_and_a_read_only_one_for_its_owner_is_not()
      throws Exception {
    Path psk = writeSecret("coap-psk.yaml", PSK_FILE);
    Path gateway = write("gateway.yaml", "coap_devices: { psk_file: coap-psk.yaml }\n");

    Files.setPosixFilePermissions(psk, PosixFilePermissions.fromString("rw-r-----"));
    assertThat(catchThrowableOfType(ConfigException.class, () -> ConfigLoader.loadGateway(gateway)))
        .hasMessageContaining("rw-r-----");
    Files.setPosixFilePermissions(psk, PosixFilePermissions.fromString("r--------"));
    assertThat(ConfigLoader.loadGateway(gateway).coapDevices()).isPresent();
  }

  @Test
  void a_missing_psk_file_is_refused_naming_it() throws Exception {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.loadGateway(
                    write("gateway.yaml", "coap_devices: { psk_file: keys/coap-psk.yaml }\n")));

    assertThat(e.problems())
        .containsExactly(
            "coap-psk.yaml: file not found: " + dir.resolve("keys/coap-psk.yaml").toAbsolutePath());
  }

  @Test
  void the_section_needs_a_psk_file_and_a_bus_name_of_its_own() throws Exception {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.loadGateway(
                    write(
                        "gateway.yaml",
                        """
                        serial:
                          - { name: bus1, port: /dev/ttyUSB0 }
                        coap_devices:
                          port: 70000
                          bus: bus1
                        """)));

    assertThat(e.problems())
        .containsExactly(
            "gateway.yaml:4: coap_devices.port: 70000 is out of range 1..65535",
            "gateway.yaml:4: coap_devices.psk_file: required",
            "gateway.yaml:5: coap_devices.bus: bus name \"bus1\" is already a serial bus; give the"
                + " CoAP link its own name");
  }

  @Test
  void a_malformed_psk_file_is_refused_line_by_line_without_showing_a_key() throws Exception {
    writeSecret(
        "coap-psk.yaml",
        """
        devices:
          - { identity: sensor-1, eui: 0004a30b001c2a3f, key_hex: 0011223344556677 }
          - { identity: sensor-1, eui: 0004a30b001c2a40, key_hex: zz112233445566778899aabbccddeeff }
          - { identity: "a b", eui: 12, colour: red }
        """);

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.loadGateway(
                    write("gateway.yaml", "coap_devices: { psk_file: coap-psk.yaml }\n")));

    assertThat(e.problems())
        .containsExactly(
            "coap-psk.yaml:2: devices[0].key_hex: a key has 16..64 bytes (32..128 hex digits),"
                + " this one has 8",
            "coap-psk.yaml:3: devices[1].identity: identity \"sensor-1\" is given twice (first at"
                + " line 2)",
            "coap-psk.yaml:3: devices[1].key_hex: not an even number of hex digits (the value is"
                + " not shown)",
            "coap-psk.yaml:4: devices[2]: unknown key \"colour\" (known: identity, eui, key_hex)",
            "coap-psk.yaml:4: devices[2].identity: \"a b\" is not a valid id (letters, digits,"
                + " '.', '_' and '-', starting with a letter or digit)",
            "coap-psk.yaml:4: devices[2].eui: \"12\" is not a device EUI (expected 16 hex digits)",
            "coap-psk.yaml:4: devices[2].key_hex: required");
    assertThat(e.getMessage()).doesNotContain("0011223344556677").doesNotContain("zz1122");
  }

  @Test
  void a_device_key_never_shows_its_key() {
    DeviceKey key = new DeviceKey("sensor-1", 0x0004a30b001c2a3fL, bytes(KEY));

    assertThat(key.toString())
        .isEqualTo("DeviceKey[identity=sensor-1, eui=0004a30b001c2a3f, key=(hidden)]");
  }

  @Test
  void site_devices_may_be_on_the_coap_bus() throws Exception {
    writeSecret("coap-psk.yaml", PSK_FILE);
    GatewayConfig gateway =
        ConfigLoader.loadGateway(
            write(
                "gateway.yaml",
                """
                serial: [ { name: bus1, port: /dev/ttyUSB0 } ]
                coap_devices: { psk_file: coap-psk.yaml }
                """));
    Path site =
        write(
            "site.yaml",
            """
            site: { id: hq, name: HQ, timezone: Europe/Berlin, currency: EUR }
            levels:
              - id: L1
                zones:
                  - id: A
                    spaces:
                      - { id: A-1, sensor: 0004a30b001c2a3f, indicator: 70b3d57ed0002001, bus: coap }
                      - { id: A-2, sensor: 70b3d57ed0001002, bus: bus9 }
            """);

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.loadSite(site, gateway));

    assertThat(e.problems())
        .containsExactly(
            "site.yaml:8: levels[0].zones[0].spaces[1].bus: unknown bus \"bus9\" (known:"
                + " bus1, coap)");
  }

  @Test
  void a_space_on_the_coap_bus_gets_coap_addresses() throws Exception {
    writeSecret("coap-psk.yaml", PSK_FILE);
    GatewayConfig gateway =
        ConfigLoader.loadGateway(
            write("gateway.yaml", "coap_devices: { psk_file: coap-psk.yaml, bus: ip }\n"));
    Path site =
        write(
            "site.yaml",
            """
            site: { id: hq, name: HQ, timezone: Europe/Berlin, currency: EUR }
            levels:
              - id: L1
                zones:
                  - id: A
                    spaces:
                      - { id: A-1, sensor: 0004a30b001c2a3f, indicator: 70b3d57ed0002001, bus: ip }
            """);

    SiteLayout layout = ConfigLoader.loadSite(site, gateway);

    assertThat(layout.spaces().get(0).indicator())
        .isEqualTo(DeviceAddress.psp(0x70b3d57ed0002001L, "ip"));
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private Path writeSecret(String name, String text) throws IOException {
    Path file = write(name, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex);
  }
}
