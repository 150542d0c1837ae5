package dev.parkedge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parkedge.gateway.config.GpioConfig.InputKind;
import dev.parkedge.gateway.config.GpioConfig.OutputKind;
import dev.parkedge.gateway.config.GpioConfig.Pull;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.lot.SiteLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The gpio section of gateway.yaml, and site.yaml naming its pins. */
class GpioSectionTest {

  private static final String GPIO =
      """
      serial:
        - { name: bus1, port: /dev/ttyUSB0 }
      gpio:
        bus: gpio
        inputs:
          - { name: entry-loop, pin: 17, device: 00000000000a0001, lane: 1, kind: loop, debounce: 50ms, active: high, pull: down }
          - { name: exit-button, pin: 27, device: 00000000000a0002, lane: 2, kind: button, active: low }
        outputs:
          - { name: space-a1-light, pin: 22, device: 00000000000b0001, kind: light, active: high }
          - { name: full-lamp, pin: 23, device: 00000000000b0002, kind: full_lamp }
          - { name: entry-barrier, pin: 24, device: 00000000000c0001, kind: relay, lane: 1, pulse: 1s }
      """;

  private static final String SITE_HEAD =
      """
      site: { id: hq, name: HQ Garage, timezone: Europe/Berlin, currency: EUR }
      """;

  @TempDir Path dir;

  @Test
  void reads_pins_with_defaults_for_what_they_leave_out() throws Exception {
    GpioConfig gpio = ConfigLoader.loadGateway(write("gateway.yaml", GPIO)).gpio();

    assertThat(gpio)
        .isEqualTo(
            new GpioConfig(
                "gpio",
                List.of(
                    new GpioConfig.Input(
                        "entry-loop",
                        17,
                        0xa0001L,
                        1,
                        InputKind.LOOP,
                        Duration.ofMillis(50),
                        true,
                        Pull.DOWN),
                    new GpioConfig.Input(
                        "exit-button",
                        27,
                        0xa0002L,
                        2,
                        InputKind.BUTTON,
                        Duration.ofMillis(50),
                        false,
                        Pull.UP)),
                List.of(
                    GpioConfig.Output.lamp("space-a1-light", 22, 0xb0001L, OutputKind.LIGHT, true),
                    GpioConfig.Output.lamp("full-lamp", 23, 0xb0002L, OutputKind.FULL_LAMP, true),
                    new GpioConfig.Output(
                        "entry-barrier",
                        24,
                        0xc0001L,
                        OutputKind.RELAY,
                        true,
                        1,
                        Duration.ofSeconds(1)))));
  }

  @Test
  void without_a_gpio_section_there_are_no_pins() throws Exception {
    GatewayConfig config = ConfigLoader.loadGateway(write("gateway.yaml", "# nothing\n"));

    assertThat(config.gpio()).isEqualTo(GpioConfig.NONE);
    assertThat(config.gpio().isEmpty()).isTrue();
  }

  static Stream<Arguments> bad_gpio_sections() {
    return Stream.of(
        row(
            "a pin beyond the header, a pin used twice",
            """
            gpio:
              inputs:
                - { name: a, pin: 28, device: 00000000000a0001, lane: 1, kind: loop }
                - { name: b, pin: 17, device: 00000000000a0002, lane: 1, kind: loop }
              outputs:
                - { name: c, pin: 17, device: 00000000000b0001, kind: light }
            """,
            "gateway.yaml:3: gpio.inputs[0].pin: 28 is not a BCM GPIO number of the 40-pin header"
                + " (0..27)",
            "gateway.yaml:6: gpio.outputs[0].pin: pin 17 is already used by b (line 4)"),
        row(
            "a name and a device used twice",
            """
            gpio:
              inputs:
                - { name: a, pin: 5, device: 00000000000a0001, lane: 1, kind: loop }
              outputs:
                - { name: a, pin: 6, device: 00000000000A0001, kind: light }
            """,
            "gateway.yaml:5: gpio.outputs[0].name: name \"a\" is used twice (first at line 3)",
            "gateway.yaml:5: gpio.outputs[0].device: device 00000000000a0001 is already a"
                + " (line 3)"),
        row(
            "unknown kinds",
            """
            gpio:
              inputs:
                - { name: a, pin: 5, device: 00000000000a0001, lane: 1, kind: radar }
              outputs:
                - { name: b, pin: 6, device: 00000000000b0001, kind: siren }
            """,
            "gateway.yaml:3: gpio.inputs[0].kind: \"radar\" is not an input kind (one of loop,"
                + " button)",
            "gateway.yaml:5: gpio.outputs[0].kind: \"siren\" is not an output kind (one of light,"
                + " full_lamp, relay)"),
        row(
            "what an input needs",
            """
            gpio:
              inputs:
                - { name: a, pin: 5, kind: loop, active: up, pull: sideways }
            """,
            "gateway.yaml:3: gpio.inputs[0].device: required",
            "gateway.yaml:3: gpio.inputs[0].lane: required",
            "gateway.yaml:3: gpio.inputs[0].active: \"up\" is not an active level (one of high,"
                + " low)",
            "gateway.yaml:3: gpio.inputs[0].pull: \"sideways\" is not a pull resistor (one of up,"
                + " down, off)"),
        row(
            "a relay without a lane, a lamp with a pulse, two relays on a lane",
            """
            gpio:
              outputs:
                - { name: r1, pin: 5, device: 00000000000c0001, kind: relay }
                - { name: l1, pin: 6, device: 00000000000b0001, kind: light, pulse: 1s }
                - { name: r2, pin: 7, device: 00000000000c0002, kind: relay, lane: 2 }
                - { name: r3, pin: 8, device: 00000000000c0003, kind: relay, lane: 2, pulse: 50ms }
            """,
            "gateway.yaml:3: gpio.outputs[0].lane: required",
            "gateway.yaml:4: gpio.outputs[1].pulse: only a relay has a pulse; this output is a"
                + " light",
            "gateway.yaml:6: gpio.outputs[3].lane: lane 2 already has a barrier relay: r2 (line 5)",
            "gateway.yaml:6: gpio.outputs[3].pulse: 50ms is outside 100ms..1m (how long the relay"
                + " is held on to open the barrier)"),
        row(
            "a gpio bus named like a serial bus, an unknown key",
            """
            serial:
              - { name: bus1, port: /dev/ttyUSB0 }
            gpio:
              bus: bus1
              input: []
            """,
            "gateway.yaml:5: gpio: unknown key \"input\" (known: bus, inputs, outputs)",
            "gateway.yaml:4: gpio.bus: bus name \"bus1\" is already a serial bus; give the GPIO"
                + " bus another name"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void bad_gpio_sections(String name, String gatewayYaml, List<String> problems)
      throws IOException {
    Path gateway = write("gateway.yaml", gatewayYaml);

    ConfigException e =
        catchThrowableOfType(() -> ConfigLoader.loadGateway(gateway), ConfigException.class);

    assertThat(e).as(name).isNotNull();
    assertThat(e.problems()).containsExactlyElementsOf(problems);
  }

  @Test
  void a_space_on_a_serial_bus_names_a_gpio_light_and_a_sign_a_full_lamp() throws Exception {
    GatewayConfig gateway = ConfigLoader.loadGateway(write("gateway.yaml", GPIO));
    Path site =
        write(
            "site.yaml",
            SITE_HEAD
                + """
                levels:
                  - id: L1
                    zones:
                      - id: L1-A
                        spaces:
                          - { id: A-001, sensor: 70b3d57ed0001001, indicator: 00000000000b0001 }
                signs:
                  - { id: entrance, device: 00000000000b0002, zones: [L1-A] }
                """);

    SiteLayout layout = ConfigLoader.loadSite(site, gateway);

    assertThat(layout.spaces().get(0).sensor())
        .isEqualTo(DeviceAddress.psp(0x70b3d57ed0001001L, "bus1"));
    assertThat(layout.spaces().get(0).indicator()).isEqualTo(DeviceAddress.psp(0xb0001L, "gpio"));
    assertThat(layout.signs().get(0).device()).isEqualTo(DeviceAddress.psp(0xb0002L, "gpio"));
  }

  @Test
  void site_yaml_naming_a_gpio_pin_in_the_wrong_role_names_file_line_and_key() throws Exception {
    GatewayConfig gateway = ConfigLoader.loadGateway(write("gateway.yaml", GPIO));
    Path site =
        write(
            "site.yaml",
            SITE_HEAD
                + """
                levels:
                  - id: L1
                    zones:
                      - id: L1-A
                        spaces:
                          - { id: A-001, indicator: 00000000000b0002 }
                          - { id: A-002, sensor: 00000000000a0001 }
                          - { id: A-003, bus: gpio, indicator: 00000000000b0009 }
                """);

    ConfigException e =
        catchThrowableOfType(() -> ConfigLoader.loadSite(site, gateway), ConfigException.class);

    assertThat(e.problems())
        .containsExactly(
            "site.yaml:7: levels[0].zones[0].spaces[0].indicator: device 00000000000b0002 is the"
                + " GPIO full_lamp full-lamp; a space's indicator on GPIO must be a light",
            "site.yaml:8: levels[0].zones[0].spaces[1].sensor: device 00000000000a0001 is a GPIO"
                + " input; a sensor must be a serial or LoRaWAN device",
            "site.yaml:9: levels[0].zones[0].spaces[2].indicator: the GPIO bus has no output with"
                + " device 00000000000b0009 (declare it under gpio.outputs in gateway.yaml)");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static Arguments row(String name, String yaml, String... problems) {
    return Arguments.of(name, yaml, List.of(problems));
  }
}
