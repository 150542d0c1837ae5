package dev.parkedge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.config.ConfigLoader;
import dev.parkedge.gateway.config.GatewayConfig;
import dev.parkedge.gateway.lot.Level;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.lot.Space;
import dev.parkedge.gateway.lot.SpaceKind;
import dev.parkedge.gateway.lot.Zone;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FromCsvCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void prints_the_site_yaml_of_a_sheet_in_the_style_of_the_example() throws IOException {
    Path csv =
        write(
            "\uFEFFspace,level,zone,kinds,sensor,indicator\r\n"
                + "A-001,L1,L1-A,,70b3d57ed0001001,70b3d57ed0002001\r\n"
                + "A-002,L1,L1-A,ev,70B3D57ED0001002,70b3d57ed0002002\r\n");

    int status = run("site", "from-csv", "--site-id", "hq", "--site-name", "HQ Garage", csv);

    assertThat(status).isZero();
    assertThat(out.toString())
        .isEqualTo(
            """
            # site.yaml made by `parkedge site from-csv spaces.csv`; see examples/site.yaml for every key
            site: { id: hq, name: HQ Garage, timezone: UTC, currency: EUR }
            levels:
              - id: L1
                zones:
                  - id: L1-A
                    spaces:
                      - { id: A-001, sensor: 70b3d57ed0001001, indicator: 70b3d57ed0002001 }
                      - { id: A-002, sensor: 70b3d57ed0001002, indicator: 70b3d57ed0002002, kinds: [ev] }
            """);
  }

  @Test
  void its_output_loads_unchanged_with_levels_and_zones_in_first_appearance_order()
      throws Exception {
    Path csv =
        write(
            """
            zone,space,level,kinds,sensor,indicator
            L2-B,B-1,L2,"ev; accessible",0004000000000001,
            L1-A,A-1,L1,,,
            L2-B,B-2,L2,compact | family,,
            L2-A,A-9,L2,ev,,
            """);

    int status =
        run(
            "site",
            "from-csv",
            "--site-id",
            "north",
            "--site-name",
            "North: P+R, \"East\"",
            "--timezone",
            "Europe/Vienna",
            csv);
    assertThat(status).isZero();
    Path siteYaml = Files.writeString(dir.resolve("site.yaml"), out.toString());
    GatewayConfig gateway =
        ConfigLoader.loadGateway(Files.writeString(dir.resolve("gateway.yaml"), ""));
    SiteLayout site = ConfigLoader.loadSite(siteYaml, gateway);

    assertThat(site.site().name()).isEqualTo("North: P+R, \"East\"");
    assertThat(site.site().timezone()).isEqualTo(ZoneId.of("Europe/Vienna"));
    assertThat(site.levels()).extracting(Level::id).containsExactly("L2", "L1");
    assertThat(site.zones()).extracting(Zone::id).containsExactly("L2-B", "L2-A", "L1-A");
    assertThat(site.spaces()).extracting(Space::id).containsExactly("B-1", "B-2", "A-9", "A-1");
    Space b1 = site.spacesById().get("B-1");
    assertThat(b1.kinds()).isEqualTo(Set.of(SpaceKind.EV, SpaceKind.ACCESSIBLE));
    assertThat(b1.sensor().eui()).isEqualTo(0x0004000000000001L);
    assertThat(b1.indicator()).isNull();
    assertThat(site.spacesById().get("A-1").kinds()).isEqualTo(Set.of(SpaceKind.STANDARD));
  }

  @Test
  void names_the_line_and_column_of_every_bad_cell_and_exits_2() throws IOException {
    Path csv =
        write(
            """
            space,level,zone,kinds,sensor,indicator
            A-001,L1,L1-A,,70b3d57ed0001001,
            A-002,L1,L1-A,vip,xyz,
            A-001,L1,L1-A,,,70b3d57ed0001001
            """);

    int status = run("site", "from-csv", "--site-id", "hq", csv);

    assertThat(status).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .isEqualTo(
            "spaces.csv:3: kinds: unknown kind \"vip\" (known: standard, ev, accessible, compact,"
                + " motorcycle, reserved_only, family, large_vehicle)\n"
                + "spaces.csv:3: sensor: \"xyz\" is not a device EUI (expected 16 hex digits)\n"
                + "spaces.csv:4: indicator: device 70b3d57ed0001001 is already the sensor of"
                + " space A-001 (line 2)\n"
                + "spaces.csv:4: space: duplicate space id \"A-001\" (also at line 2)\n");
  }

  @Test
  void refuses_a_sheet_without_the_space_column() throws IOException {
    Path csv = write("level,zone,sensr\nL1,L1-A,\n");

    int status = run("site", "from-csv", "--site-id", "hq", csv);

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "spaces.csv:1: unknown column \"sensr\" (known: space, level, zone, kinds, sensor,"
                + " indicator)\n"
                + "spaces.csv:1: missing column \"space\"\n");
  }

  @Test
  void refuses_a_time_zone_that_is_not_an_iana_id() throws IOException {
    Path csv = write("space,level,zone\nA-1,L1,L1-A\n");

    int status = run("site", "from-csv", "--site-id", "hq", "--timezone", "CET+1", csv);

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("from-csv: \"CET+1\" is not an IANA time zone id (e.g. Europe/Berlin, UTC)\n");
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("spaces.csv"), text);
  }

  private int run(Object... args) {
    var cli = ParkEdgeCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(List.of(args).stream().map(String::valueOf).toArray(String[]::new));
  }
}
