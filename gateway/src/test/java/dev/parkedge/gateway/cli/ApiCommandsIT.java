package dev.parkedge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.gateway.api.FakeGatewayControl;
import dev.parkedge.gateway.api.coap.CoapApiServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiCommandsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final FakeGatewayControl gateway = FakeGatewayControl.smallSite();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private CoapApiServer server;
  private String config;

  @BeforeEach
  void startDaemon() throws IOException {
    server = CoapApiServer.start(gateway, "127.0.0.1", 0);
    config = gatewayYaml("api:\n  coap_port: " + server.port() + "\n  bind: 127.0.0.1\n");
  }

  @AfterEach
  void stopDaemon() {
    server.close();
  }

  @Test
  void status_prints_the_gateway_at_a_glance() {
    int status = run("status", "-c", config);

    assertThat(status).isZero();
    assertThat(out.toString())
        .isEqualTo(
            """
            Central Car Park: parkedge 0.1.0, up 3 d 4 h 5 min (since 2026-11-18T06:00:00Z)
            spaces   3: 1 free, 1 occupied, 0 reserved, 0 maintenance, 1 unknown
            devices  2: 1 ok, 1 degraded, 0 stale, 0 orphan
            buses    bus1 on /dev/ttyUSB0 (psp1): connected, 48213 frames, rejected 1 bad_cobs, 3 bad_crc
            signs    S-ENTRY (zones A, B): 1 green
            storage  ok, journal at seq 48170, 0.8 frames/s
            clock    trusted
            disk     12.0 GB free of 29.0 GB (/var/lib/parkedge), database 45.0 MB
            backup   last 2026-11-21T03:00:00Z (auto-20261121T030000Z.db)
            sync     unknown (no sync-agent reports its backlog)
            health   healthy, watchdog fed every 10 s
            alarms   space B-001: no sensor
            """);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void status_json_prints_the_status_view_with_snake_case_keys() throws IOException {
    int status = run("status", "--json", "-c", config);

    assertThat(status).isZero();
    JsonNode json = JSON.readTree(out.toString());
    assertThat(fieldNames(json))
        .containsExactly(
            "site",
            "version",
            "started_at",
            "uptime_seconds",
            "spaces",
            "devices",
            "buses",
            "signs",
            "journal_seq",
            "storage",
            "frames_per_second",
            "alarms",
            "clock_trusted",
            "operations");
  }

  @Test
  void spaces_json_prints_exactly_the_six_keys_one_space_per_line() {
    int status = run("spaces", "--json", "-c", config);

    assertThat(status).isZero();
    assertThat(out.toString())
        .isEqualTo(
            """
            [
              {"id":"A-001","level":"L0","zone":"A","state":"free","since":"2026-11-21T08:15:00Z","sensor":"70b3d57ed0001001"},
              {"id":"A-002","level":"L0","zone":"A","state":"occupied","since":"2026-11-21T08:15:00Z","sensor":"70b3d57ed0001002"},
              {"id":"B-001","level":"L1","zone":"B","state":"unknown","since":"2026-11-21T08:15:00Z","sensor":null}
            ]
            """);
  }

  @Test
  void spaces_prints_an_aligned_table() {
    int status = run("spaces", "-c", config);

    assertThat(status).isZero();
    assertThat(out.toString())
        .isEqualTo(
            """
            SPACE  LEVEL  ZONE  STATE     SINCE                 SENSOR
            A-001  L0     A     free      2026-11-21T08:15:00Z  70b3d57ed0001001
            A-002  L0     A     occupied  2026-11-21T08:15:00Z  70b3d57ed0001002
            B-001  L1     B     unknown   2026-11-21T08:15:00Z  -
            """);
  }

  @Test
  void devices_json_prints_every_field_with_health_and_reason() throws IOException {
    int status = run("devices", "--json", "-c", config);

    assertThat(status).isZero();
    JsonNode devices = JSON.readTree(out.toString());
    assertThat(devices).hasSize(2);
    assertThat(fieldNames(devices.get(0)))
        .containsExactly(
            "eui",
            "role",
            "bus",
            "space",
            "zone",
            "first_seen",
            "last_seen",
            "frames",
            "duplicates",
            "lost",
            "battery_mv",
            "temperature_c",
            "rssi_dbm",
            "snr_db",
            "firmware",
            "flaps_per_hour",
            "health",
            "reason",
            "battery_percent",
            "margin_db");
    assertThat(devices.get(1).get("health").asText()).isEqualTo("degraded");
    assertThat(devices.get(1).get("reason").asText()).isEqualTo("battery 2900 mV below 3000 mV");
  }

  @Test
  void devices_prints_a_table_of_health_and_why() {
    int status = run("devices", "-c", config);

    assertThat(status).isZero();
    assertThat(out.toString())
        .isEqualTo(
            """
            EUI               ROLE    SPACE  HEALTH    REASON                         LAST SEEN             BATTERY  RSSI
            70b3d57ed0001001  sensor  A-001  ok        ok                             2026-11-21T09:59:30Z  3600 mV  -87 dBm
            70b3d57ed0001002  sensor  A-002  degraded  battery 2900 mV below 3000 mV  2026-11-21T09:59:30Z  2900 mV  -87 dBm
            """);
  }

  @Test
  void devices_lists_a_5000_space_site() throws IOException {
    server.close();
    server = CoapApiServer.start(FakeGatewayControl.withDevices(5000), "127.0.0.1", 0);
    config = gatewayYaml("api:\n  coap_port: " + server.port() + "\n");

    int status = run("devices", "--json", "-c", config);

    assertThat(status).isZero();
    assertThat(JSON.readTree(out.toString())).hasSize(5000);
  }

  @Test
  void note_prints_its_key_and_seq() {
    int status = run("note", "new battery in B-012", "--key", "n-1", "-c", config);

    assertThat(status).isZero();
    assertThat(out.toString()).isEqualTo("recorded note n-1 as journal seq 48171\n");
    assertThat(gateway.notes()).containsExactly("n-1: new battery in B-012");
  }

  @Test
  void a_note_refused_on_a_full_disk_exits_3_with_the_reason() {
    gateway.refuseNotes("disk full: /var/lib/parkedge/parkedge.db cannot grow");

    int status = run("note", "anything", "-c", config);

    assertThat(status).isEqualTo(3);
    assertThat(err.toString())
        .isEqualTo(
            "parkedge refused, nothing recorded: disk full: /var/lib/parkedge/parkedge.db cannot"
                + " grow\n");
  }

  @Test
  void set_maintenance_on_prints_the_updated_space() {
    int status = run("space", "set-maintenance", "A-001", "--on", "-c", config);

    assertThat(status).isZero();
    assertThat(out.toString())
        .isEqualTo(
            """
            SPACE  LEVEL  ZONE  STATE        SINCE                 SENSOR
            A-001  L0     A     maintenance  2026-11-21T10:00:00Z  70b3d57ed0001001
            """);
    assertThat(gateway.maintenanceCalls()).containsExactly("A-001 on");
  }

  @Test
  void set_maintenance_off_returns_the_space_to_service() {
    int status = run("space", "set-maintenance", "A-002", "--off", "-c", config);

    assertThat(status).isZero();
    assertThat(gateway.maintenanceCalls()).containsExactly("A-002 off");
  }

  @Test
  void set_maintenance_on_an_unknown_space_exits_2_naming_it() {
    int status = run("space", "set-maintenance", "Z-999", "--on", "-c", config);

    assertThat(status).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).isEqualTo("set-maintenance: no space \"Z-999\"\n");
  }

  @Test
  void set_maintenance_needs_exactly_one_of_on_and_off() {
    assertThat(run("space", "set-maintenance", "A-001", "-c", config)).isEqualTo(2);
    assertThat(run("space", "set-maintenance", "A-001", "--on", "--off", "-c", config))
        .isEqualTo(2);
    assertThat(err.toString().lines())
        .allMatch(line -> line.startsWith("set-maintenance: "))
        .hasSize(2);
    assertThat(gateway.maintenanceCalls()).isEmpty();
  }

  @Test
  void reload_prints_the_changes() {
    int status = run("reload", "-c", config);

    assertThat(status).isZero();
    assertThat(out.toString())
        .isEqualTo(
            """
            reloaded site.yaml: 2 changes
              added space A-003
              removed sign S-OLD
            """);
  }

  @Test
  void reload_refused_prints_the_problems_and_exits_2() {
    gateway.refuseNextReload(
        "site.yaml:12: spaces[3].id: duplicate id \"A-001\"",
        "site.yaml:40: signs[0].zones: no zone \"C\"");

    int status = run("reload", "-c", config);

    assertThat(status).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .isEqualTo(
            """
            reload: site.yaml refused, the running layout stays (2 problems)
              site.yaml:12: spaces[3].id: duplicate id "A-001"
              site.yaml:40: signs[0].zones: no zone "C"
            """);
  }

  @Test
  void a_daemon_that_is_not_running_exits_3_with_one_line() throws IOException {
    int silentPort;
    try (DatagramSocket free = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      silentPort = free.getLocalPort();
    }
    config = gatewayYaml("api:\n  coap_port: " + silentPort + "\n");

    long started = System.nanoTime();
    int status = run("status", "-c", config);
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;

    assertThat(status).isEqualTo(3);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .isEqualTo(
            "parkedge is not running (no answer from coap://127.0.0.1:"
                + silentPort
                + " within 2 s)\n");
    assertThat(seconds).isLessThan(4);
  }

  @Test
  void a_missing_config_file_exits_2_naming_it() {
    Path missing = dir.resolve("nowhere.yaml");

    int status = run("spaces", "-c", missing.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("nowhere.yaml: file not found: " + missing + "\n");
  }

  @Test
  void writes_no_californium_properties_file_into_the_working_directory() throws IOException {
    Path file = Path.of(System.getProperty("user.dir"), "Californium3.properties");
    Files.deleteIfExists(file);

    run("spaces", "-c", config);
    run("space", "set-maintenance", "A-001", "--on", "-c", config);

    assertThat(file).doesNotExist();
  }

  private String gatewayYaml(String text) throws IOException {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, text);
    return file.toString();
  }

  private int run(String... args) {
    var cli = ParkEdgeCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
