package dev.parkedge.gateway.runtime;

import static dev.parkedge.gateway.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.gateway.testing.GeneratedSite;
import dev.parkedge.proto.psp.FrameError;
import dev.parkedge.proto.psp.PspCodec;
import dev.parkedge.proto.psp.PspDeframer;
import dev.parkedge.proto.psp.PspMessage;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daemon jar, as an installer runs it, over a socat pseudo-terminal pair: a site of 300
 * spaces in 6 zones, each zone with a count sign. Frames written to the device end turn spaces red
 * and move the signs; a silent sensor's space goes unknown; orphans are listed; and after {@code
 * kill -9} a restart restores every state and re-sends every display.
 */
class DaemonIT {

  private static final int SPACES = 300;
  private static final int PER_ZONE = 50;
  private static final long SENSOR = GeneratedSite.SENSOR;
  private static final long LIGHT = GeneratedSite.LIGHT;
  private static final long SIGN = GeneratedSite.SIGN;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Process socat;
  private Process daemon;
  private OutputStream device;
  private final Map<Long, PspMessage> displays = new ConcurrentHashMap<>();
  private final int[] seqs = new int[SPACES + 10];
  private int apiPort;

  @BeforeEach
  void startPtyPair() throws Exception {
    assertThat(Tools.onPath("socat")).as("socat must be installed (CI installs it)").isTrue();
    writeSite("4h");
    socat =
        new ProcessBuilder(
                "socat",
                "pty,raw,echo=0,link=" + dir.resolve("gw"),
                "pty,raw,echo=0,link=" + dir.resolve("dev"))
            .start();
    eventually(() -> assertThat(dir.resolve("dev")).exists());
    eventually(() -> assertThat(dir.resolve("gw")).exists());
    device = new FileOutputStream(dir.resolve("dev").toRealPath().toFile());
    Thread reader = new Thread(this::readDisplays, "it-displays");
    reader.setDaemon(true);
    reader.start();
  }

  @AfterEach
  void stopEverything() throws Exception {
    if (daemon != null) {
      daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      Files.copy(
          dir.resolve("daemon.log"),
          Path.of("target", "DaemonIT-last-daemon.log"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    if (device != null) {
      device.close();
    }
    if (socat != null) {
      socat.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void occupancy_turns_spaces_red_and_moves_the_signs_up_and_down() throws Exception {
    startDaemon();
    for (int i = 0; i < SPACES; i++) {
      send(i, PspMessage.SpaceState.FREE);
    }
    eventually(() -> assertThat(sign(0)).isEqualTo("50 green"));

    for (int i = 0; i < 10; i++) {
      send(i, PspMessage.SpaceState.OCCUPIED);
    }

    eventually(() -> assertThat(sign(0)).isEqualTo("40 green"));
    eventually(() -> assertThat(light(3)).isEqualTo("red solid"));
    assertThat(space("P00003").get("state").asText()).isEqualTo("occupied");
    send(3, PspMessage.SpaceState.FREE);
    eventually(() -> assertThat(sign(0)).isEqualTo("41 green"));
    eventually(() -> assertThat(light(3)).isEqualTo("green solid"));
    assertThat(sign(1)).isEqualTo("50 green");
  }

  @Test
  void silent_sensors_go_unknown_and_their_sign_blanks_when_most_are_unknown() throws Exception {
    writeSite("3s");
    startDaemon();
    for (int i = 0; i < SPACES; i++) {
      send(i, PspMessage.SpaceState.FREE);
    }
    eventually(() -> assertThat(sign(1)).isEqualTo("50 green"));

    // zone 0 keeps talking; in zone 1 only 20 of 50 sensors do
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < until) {
      for (int i = 0; i < PER_ZONE + 20; i++) {
        send(i, PspMessage.SpaceState.FREE);
      }
      Thread.sleep(500);
    }

    eventually(() -> assertThat(light(PER_ZONE + 30)).isEqualTo("amber slow_blink"));
    eventually(() -> assertThat(sign(1)).isEqualTo("blank"));
    assertThat(sign(0)).isEqualTo("50 green");
    assertThat(space(String.format(Locale.ROOT, "P%05d", PER_ZONE + 30)).get("state").asText())
        .isEqualTo("unknown");
  }

  @Test
  void an_orphan_sensor_is_listed_for_pairing() throws Exception {
    startDaemon();

    device.write(
        PspCodec.encodeFrame(
            new PspMessage.Occupancy(
                0x70b3d57ed1ff0001L, 1, PspMessage.SpaceState.OCCUPIED, 3500, 10)));
    device.flush();

    eventually(
        () -> {
          JsonNode orphan = find(cliUnchecked("devices", "--json"), "eui", "70b3d57ed1ff0001");
          assertThat(orphan.get("health").asText()).isEqualTo("orphan");
          assertThat(orphan.get("reason").asText()).contains("not in site.yaml");
        });
  }

  @Test
  void after_kill_9_a_restart_restores_every_state_and_resends_every_display() throws Exception {
    startDaemon();
    for (int i = 0; i < SPACES; i++) {
      send(i, i % 3 == 0 ? PspMessage.SpaceState.OCCUPIED : PspMessage.SpaceState.FREE);
    }
    eventually(() -> assertThat(light(SPACES - 1)).isNotNull());
    eventually(() -> assertThat(sign(0)).isEqualTo("33 green"));
    Thread.sleep(1500); // longer than the commit delay: the states are committed
    daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    displays.clear();

    startDaemon();

    eventually(() -> assertThat(displays).hasSize(SPACES + SPACES / PER_ZONE));
    for (int i = 0; i < SPACES; i++) {
      assertThat(light(i)).as("light %d", i).isEqualTo(i % 3 == 0 ? "red solid" : "green solid");
    }
    assertThat(sign(0)).isEqualTo("33 green");
    JsonNode spaces = cli("spaces", "--json");
    assertThat(spaces).hasSize(SPACES);
    assertThat(find(spaces, "id", "P00003").get("state").asText()).isEqualTo("occupied");
    assertThat(find(spaces, "id", "P00004").get("state").asText()).isEqualTo("free");
  }

  @Test
  void a_database_that_is_not_sqlite_raises_an_alarm_and_the_lot_keeps_working() throws Exception {
    Files.createDirectories(dir.resolve("var"));
    Files.writeString(
        dir.resolve("var").resolve("parkedge.db"), "this is not a database\n".repeat(100));
    startDaemon();

    send(0, PspMessage.SpaceState.OCCUPIED);

    eventually(() -> assertThat(light(0)).isEqualTo("red solid"));
    JsonNode status = cli("status", "--json");
    assertThat(status.get("storage").asText()).contains("not an SQLite database");
    assertThat(status.get("alarms").toString()).contains("storage");
    assertThat(Files.readString(dir.resolve("var").resolve("parkedge.db")))
        .startsWith("this is not a database");
  }

  // ---- plumbing -----------------------------------------------------------------------------

  private void writeSite(String staleAfter) throws IOException {
    apiPort = GeneratedSite.write(dir, dir.resolve("gw"), SPACES, PER_ZONE, staleAfter);
  }

  private void startDaemon() throws Exception {
    daemon =
        new ProcessBuilder(
                "java",
                "-jar",
                jar().toString(),
                "run",
                "-c",
                dir.resolve("gateway.yaml").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("daemon.log").toFile())
            .start();
    eventually(
        () -> {
          try {
            assertThat(Files.readString(dir.resolve("daemon.log"))).contains("parkedge ready");
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
  }

  private void send(int space, PspMessage.SpaceState state) throws IOException {
    seqs[space] = (seqs[space] + 1) & 0xFFFF;
    device.write(
        PspCodec.encodeFrame(
            new PspMessage.Occupancy(SENSOR + space, seqs[space], state, 3600, 20)));
    device.flush();
  }

  private String light(int space) {
    PspMessage message = displays.get(LIGHT + space);
    if (message instanceof PspMessage.Indicator light) {
      return light.color().jsonName() + " " + light.pattern().jsonName();
    }
    return null;
  }

  private String sign(int zone) {
    PspMessage message = displays.get(SIGN + zone);
    if (message instanceof PspMessage.Counter counter) {
      return counter.isBlank() ? "blank" : counter.value() + " " + counter.color().jsonName();
    }
    return null;
  }

  private JsonNode space(String id) throws Exception {
    return find(cli("spaces", "--json"), "id", id);
  }

  private JsonNode cli(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("java", "-jar", jar().toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("-c", dir.resolve("gateway.yaml").toString()));
    Process cli = new ProcessBuilder(command).start();
    String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(cli.waitFor()).as("exit of %s: %s", command, out).isZero();
    return JSON.readTree(out);
  }

  private JsonNode cliUnchecked(String... args) {
    try {
      return cli(args);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode find(JsonNode array, String key, String value) {
    for (JsonNode element : array) {
      if (element.get(key).asText().equals(value)) {
        return element;
      }
    }
    throw new AssertionError("no element with " + key + "=" + value + " in " + array);
  }

  private void readDisplays() {
    PspDeframer deframer =
        new PspDeframer(
            new PspDeframer.Listener() {
              @Override
              public void onMessage(PspMessage message) {
                displays.put(message.device(), message);
              }

              @Override
              public void onError(FrameError error, String detail) {
                // a frame cut by the kill; the next one decodes
              }
            });
    byte[] buffer = new byte[4096];
    try (InputStream in = new FileInputStream(dir.resolve("dev").toRealPath().toFile())) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        deframer.feed(buffer, 0, n);
      }
    } catch (IOException closed) {
      // the pty went away at the end of the test
    }
  }

  private static Path jar() {
    Path jar = Path.of("target", "parkedge.jar").toAbsolutePath();
    assertThat(jar).as("the runnable jar is built before integration tests").exists();
    return jar;
  }

  /** Finds programs on the PATH. */
  static final class Tools {
    static boolean onPath(String program) {
      for (String folder : System.getenv("PATH").split(":")) {
        if (Files.isExecutable(Path.of(folder, program))) {
          return true;
        }
      }
      return false;
    }
  }
}
