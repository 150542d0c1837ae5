package dev.parkedge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.config.SerialBusConfig.BusProtocol;
import dev.parkedge.gateway.config.SerialBusConfig.Parity;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.lot.Level;
import dev.parkedge.gateway.lot.ModbusRegister;
import dev.parkedge.gateway.lot.Sign;
import dev.parkedge.gateway.lot.SiteInfo;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.lot.Space;
import dev.parkedge.gateway.lot.SpaceKind;
import dev.parkedge.gateway.lot.Zone;
import dev.parkedge.proto.psp.PspMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  static final String GATEWAY_EXAMPLE =
      """
      # gateway.yaml
      site_file: site.yaml          # relative paths are relative to this file
      data_dir: var                 # the SQLite database and backups live here
      serial:
        - name: bus1
          port: /dev/ttyUSB0
          baud: 115200
          protocol: psp             # psp | modbus-rtu
      api:
        coap_port: 5683             # bound to 127.0.0.1 unless told otherwise
      sensing:
        debounce: 0s                # a new state must hold this long before it counts
        stale_after: 4h             # no frame for this long: the space becomes unknown
      displays:
        refresh: 60s                # every display is re-sent its state this often
      """;

  static final String SITE_EXAMPLE =
      """
      # site.yaml
      site: { id: hq, name: HQ Garage, timezone: Europe/Berlin, currency: EUR }
      levels:
        - id: L1
          zones:
            - id: L1-A
              spaces:
                - { id: A-001, sensor: 70b3d57ed0001001, indicator: 70b3d57ed0002001 }
                - { id: A-002, sensor: 70b3d57ed0001002, indicator: 70b3d57ed0002002, kinds: [ev] }
      signs:
        - { id: L1-entrance, device: 70b3d57ed0003001, zones: [L1-A], arrow: left }
      """;

  @TempDir Path dir;

  @Test
  void loads_the_gateway_example_with_defaults_for_what_it_leaves_out() throws Exception {
    Path file = write("gateway.yaml", GATEWAY_EXAMPLE);

    GatewayConfig config = ConfigLoader.loadGateway(file);

    Path folder = dir.toAbsolutePath().normalize();
    assertThat(config)
        .isEqualTo(
            new GatewayConfig(
                folder.resolve("gateway.yaml"),
                folder.resolve("site.yaml"),
                folder.resolve("var"),
                List.of(
                    new SerialBusConfig(
                        "bus1", "/dev/ttyUSB0", 115200, BusProtocol.PSP, 8, Parity.NONE, 1)),
                new ApiConfig("127.0.0.1", 5683),
                new SensingConfig(Duration.ZERO, Duration.ofHours(4)),
                new DisplayConfig(Duration.ofSeconds(60)),
                new LoggingConfig("info")));
  }

  @Test
  void an_empty_gateway_file_means_every_default_and_no_serial_bus() throws Exception {
    GatewayConfig config = ConfigLoader.loadGateway(write("gateway.yaml", "# nothing\n"));

    assertThat(config.serial()).isEmpty();
    assertThat(config.siteFile()).isEqualTo(dir.toAbsolutePath().normalize().resolve("site.yaml"));
    assertThat(config.sensing().staleAfter()).isEqualTo(Duration.ofHours(4));
  }

  @Test
  void loads_the_site_example_onto_the_first_serial_bus() throws Exception {
    GatewayConfig gateway = ConfigLoader.loadGateway(write("gateway.yaml", GATEWAY_EXAMPLE));

    SiteLayout site = ConfigLoader.loadSite(write("site.yaml", SITE_EXAMPLE), gateway);

    Space a001 =
        new Space(
            "A-001",
            "L1",
            "L1-A",
            Set.of(SpaceKind.STANDARD),
            DeviceAddress.psp(0x70b3d57ed0001001L, "bus1"),
            DeviceAddress.psp(0x70b3d57ed0002001L, "bus1"));
    Space a002 =
        new Space(
            "A-002",
            "L1",
            "L1-A",
            Set.of(SpaceKind.EV),
            DeviceAddress.psp(0x70b3d57ed0001002L, "bus1"),
            DeviceAddress.psp(0x70b3d57ed0002002L, "bus1"));
    assertThat(site)
        .isEqualTo(
            new SiteLayout(
                new SiteInfo(
                    "hq", "HQ Garage", ZoneId.of("Europe/Berlin"), Currency.getInstance("EUR")),
                List.of(new Level("L1", List.of(new Zone("L1-A", "L1", List.of(a001, a002))))),
                List.of(
                    new Sign(
                        "L1-entrance",
                        DeviceAddress.psp(0x70b3d57ed0003001L, "bus1"),
                        List.of("L1-A"),
                        PspMessage.Arrow.LEFT,
                        null))));
  }

  @Test
  void derives_a_readable_id_for_a_modbus_sign_and_reads_lorawan_sensors_by_model()
      throws Exception {
    GatewayConfig gateway =
        ConfigLoader.loadGateway(
            write(
                "gateway.yaml",
                """
                serial:
                  - { name: bus1, port: /dev/ttyUSB0 }
                  - { name: rs485, port: /dev/ttyUSB1, baud: 9600, protocol: modbus-rtu }
                lorawan:
                  server: chirpstack-v4
                  broker: tcp://127.0.0.1:1883
                  application: 6f8e2b1c-0d3a-4b5e-9f10-2a3b4c5d6e7f
                """));

    SiteLayout site =
        ConfigLoader.loadSite(
            write(
                "site.yaml",
                """
                site: { id: hq, name: HQ, timezone: UTC, currency: EUR }
                levels:
                  - id: L1
                    zones:
                      - id: L1-A
                        spaces:
                          - id: A-001
                            sensor: { dev_eui: 0004000000000001, model: nwave-nps405 }
                signs:
                  - id: exit
                    bus: rs485
                    zones: [L1-A]
                    modbus: { unit: 3, register: 100, encoding: bcd, blank: 0x0000 }
                """),
            gateway);

    assertThat(site.spaces().get(0).sensor())
        .isEqualTo(new DeviceAddress(0x0004000000000001L, "lorawan", "nwave-nps405"));
    assertThat(site.signs())
        .containsExactly(
            new Sign(
                "exit",
                DeviceAddress.psp(0xffff000100640003L, "rs485"),
                List.of("L1-A"),
                PspMessage.Arrow.NONE,
                new ModbusRegister(3, 100, ModbusRegister.Encoding.BCD, 0)));
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
