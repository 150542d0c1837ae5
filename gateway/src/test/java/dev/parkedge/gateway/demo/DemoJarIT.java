package dev.parkedge.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.testing.DaemonProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command as a newcomer runs it, from the jar alone: the demo's broker comes out
 * of the jars parkedge.jar carries inside it (EmbeddedBroker), and the daemon's own classes do not
 * include it.
 */
class DemoJarIT {

  @TempDir Path dir;

  @Test
  void the_demo_runs_from_the_jar_alone_with_the_broker_it_carries_and_leaves_no_files_behind()
      throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Process demo =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp,
                "-jar",
                DaemonProcess.jar().toString(),
                "demo",
                "--duration",
                "8s",
                "--plain")
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .start();

    assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as("the demo ends by itself").isTrue();
    String out = Files.readString(dir.resolve("out.txt"));
    String err = Files.readString(dir.resolve("err.txt"));
    assertThat(demo.exitValue()).as(out + err).isZero();
    assertThat(out).contains("revenue agrees").contains("sync drained: backlog 0");
    // A WARN may say the agent reconnected: Moquette 0.17 drops a connection whose SUBSCRIBE comes
    // before it has marked the connection connected, which it does once its CONNACK is written, so
    // on a loaded machine it can; the agent connects again, as it would to a cloud.
    assertThat(err).as("nothing went wrong on the way").doesNotContain("ERROR", "\tat ");
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("the extracted broker is removed")
          .noneMatch(name -> name.startsWith("parkedge-demo-broker-"));
    }
  }

  @Test
  void the_daemons_classes_in_the_jar_do_not_include_the_demos_broker() throws IOException {
    try (ZipFile jar = new ZipFile(DaemonProcess.jar().toFile())) {
      List<String> names = jar.stream().map(e -> e.getName()).toList();

      assertThat(names).noneMatch(name -> name.startsWith("io/netty/"));
      assertThat(names).noneMatch(name -> name.startsWith("io/moquette/"));
      assertThat(names)
          .anyMatch(name -> name.matches("META-INF/parkedge/demo-broker/moquette-broker-.*\\.jar"));
    }
  }
}
