package dev.parkedge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parkedge.gateway.display.lorawan.LorawanDisplayConfig;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.lot.SiteLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lorawan section of gateway.yaml, and site.yaml naming LoRaWAN sensors and displays. */
class LorawanSectionTest {

  private static final String APP = "6f8e2b1c-0d3a-4b5e-9f10-2a3b4c5d6e7f";

  @TempDir Path dir;

  @Test
  void reads_a_network_server_with_defaults_for_what_it_leaves_out() throws Exception {
    LorawanConfig lorawan =
        ConfigLoader.loadGateway(
                write(
                    "gateway.yaml",
                    "lorawan: { server: chirpstack-v4, broker: tcp://127.0.0.1:1883, application: "
                        + APP
                        + " }\n"))
            .lorawan();

    assertThat(lorawan)
        .isEqualTo(
            new LorawanConfig(
                "lorawan",
                LorawanConfig.Server.CHIRPSTACK_V4,
                "tcp://127.0.0.1:1883",
                APP,
                "parkedge-gateway",
                null,
                null,
                null,
                Duration.ofSeconds(30),
                new LorawanDisplayConfig(
                    10,
                    Duration.ofSeconds(30),
                    0.05,
                    Duration.ofHours(1),
                    "SF12BW125",
                    Duration.ofHours(6))));
  }

  @Test
  void the_things_stack_downlinks_default_to_its_rx2_data_rate_and_settings_are_read()
      throws Exception {
    writeSecret("ttn.key", "NNSXS.ABCDEF\n");
    LorawanConfig lorawan =
        ConfigLoader.loadGateway(
                write(
                    "gateway.yaml",
                    """
                    lorawan:
                      server: the-things-stack
                      broker: ssl://eu1.cloud.thethings.network:8883
                      application: bays@ttn
                      username: bays@ttn
                      password_file: ttn.key
                      displays: { fport: 12, min_interval: 2m, airtime_budget: 2.5%, window: 30m }
                    """))
            .lorawan();

    assertThat(lorawan.passwordFile()).isEqualTo(dir.resolve("ttn.key"));
    assertThat(lorawan.displays())
        .isEqualTo(
            new LorawanDisplayConfig(
                12,
                Duration.ofMinutes(2),
                0.025,
                Duration.ofMinutes(30),
                "SF9BW125",
                Duration.ofHours(6)));
  }

  static Stream<Arguments> bad_sections() {
    return Stream.of(
        Arguments.of(
            "a section without server, broker and application",
            "lorawan: { name: lora }\n",
            List.of(
                "gateway.yaml:1: lorawan.server: required",
                "gateway.yaml:1: lorawan.broker: required",
                "gateway.yaml:1: lorawan.application: required")),
        Arguments.of(
            "an unknown server and a broker that is not a URL",
            "lorawan: { server: loriot, broker: 127.0.0.1, application: a }\n",
            List.of(
                "gateway.yaml:1: lorawan.server: \"loriot\" is not a network server (one of"
                    + " chirpstack-v4, chirpstack-v3, the-things-stack)",
                "gateway.yaml:1: lorawan.broker: \"127.0.0.1\" is not a broker URL (expected"
                    + " tcp://host:port or ssl://host:port)")),
        Arguments.of(
            "a budget that is no share and a data rate that does not exist",
            """
            lorawan:
              server: chirpstack-v4
              broker: tcp://127.0.0.1:1883
              application: a
              displays: { airtime_budget: 150%, data_rate: SF13BW125 }
            """,
            List.of(
                "gateway.yaml:5: lorawan.displays.airtime_budget: \"150%\" is not a share of"
                    + " airtime (expected e.g. 10%, more than 0% and at most 100%)",
                "gateway.yaml:5: lorawan.displays.data_rate: \"SF13BW125\" is not a data rate"
                    + " (expected SF7..SF12 and BW125, BW250 or BW500, e.g. SF9BW125)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad_sections")
  void refuses(String name, String yaml, List<String> problems) throws Exception {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.loadGateway(write("gateway.yaml", yaml)));

    assertThat(e.problems()).containsExactlyElementsOf(problems);
  }

  @Test
  void refuses_a_password_file_others_can_read() throws Exception {
    Path secret = write("mqtt.secret", "hunter2\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.loadGateway(
                    write(
                        "gateway.yaml",
                        "lorawan: { server: chirpstack-v4, broker: tcp://h:1883, application: a,"
                            + " password_file: mqtt.secret }\n")));

    assertThat(e.problems())
        .containsExactly(
            "gateway.yaml:1: lorawan.password_file: holds a secret but its permissions are"
                + " rw-r--r--; it must be readable by its owner only: chmod 600 "
                + secret);
  }

  @Test
  void lorawan_sensors_and_displays_are_on_its_link_with_or_without_a_sensor_model()
      throws Exception {
    GatewayConfig gateway =
        ConfigLoader.loadGateway(
            write(
                "gateway.yaml",
                "serial: [ { name: bus1, port: /dev/ttyUSB0 } ]\n"
                    + "lorawan: { server: chirpstack-v4, broker: tcp://h:1883, application: a }\n"));

    SiteLayout site =
        ConfigLoader.loadSite(
            write(
                "site.yaml",
                """
                site: { id: hq, name: HQ, timezone: UTC, currency: EUR }
                levels:
                  - id: L1
                    zones:
                      - id: A
                        spaces:
                          - id: A-1
                            sensor: { dev_eui: 0004a30b001c2a3f, model: bosch-tps110 }
                            indicator: { dev_eui: 0004a30bffff0101, model: psp1-lorawan }
                          - id: A-2
                            sensor: { dev_eui: 0004a30b001c2a40 }
                signs:
                  - { id: S, zones: [A], device: { dev_eui: 0004a30bffff0001, model: psp1-lorawan } }
                """),
            gateway);

    assertThat(site.spaces().get(0).sensor())
        .isEqualTo(new DeviceAddress(0x0004a30b001c2a3fL, "lorawan", "bosch-tps110"));
    assertThat(site.spaces().get(0).indicator())
        .isEqualTo(new DeviceAddress(0x0004a30bffff0101L, "lorawan", "psp1-lorawan"));
    assertThat(site.spaces().get(1).sensor())
        .isEqualTo(new DeviceAddress(0x0004a30b001c2a40L, "lorawan", null));
    assertThat(site.signs().get(0).device())
        .isEqualTo(new DeviceAddress(0x0004a30bffff0001L, "lorawan", "psp1-lorawan"));
  }

  @Test
  void a_lorawan_device_needs_the_lorawan_section_and_a_display_needs_its_model() throws Exception {
    GatewayConfig gateway =
        ConfigLoader.loadGateway(write("gateway.yaml", "serial: [ { name: bus1, port: p } ]\n"));

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.loadSite(
                    write(
                        "site.yaml",
                        """
                        site: { id: hq, name: HQ, timezone: UTC, currency: EUR }
                        levels:
                          - id: L1
                            zones:
                              - id: A
                                spaces:
                                  - id: A-1
                                    sensor: { dev_eui: 0004a30b001c2a3f, model: nwave-nps405 }
                                    indicator: { dev_eui: 0004a30bffff0101 }
                        """),
                    gateway));

    assertThat(e.problems())
        .containsExactly(
            "site.yaml:8: levels[0].zones[0].spaces[0].sensor: a LoRaWAN device is reached through"
                + " a network server, but gateway.yaml has no lorawan section",
            "site.yaml:9: levels[0].zones[0].spaces[0].indicator.model: required",
            "site.yaml:9: levels[0].zones[0].spaces[0].indicator: a LoRaWAN device is reached"
                + " through a network server, but gateway.yaml has no lorawan section");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private void writeSecret(String name, String text) throws IOException {
    Path file = write(name, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }
}
