package dev.parkedge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DaemonStartLineTest {

  @ParameterizedTest(name = "parkedge {0}")
  @ValueSource(
      strings = {
        "run",
        "run -c /etc/parkedge/gateway.yaml",
        "run -c site/gateway.yaml",
        "run --config gateway.yaml",
        "run --config=/srv/lot7/gateway.yaml",
        "run -c run",
      })
  void a_daemon_start_line_is_recognized_and_means_what_picocli_makes_of_it(String line) {
    String[] args = args(line);

    assertThat(DaemonStartLine.config(args)).isPresent().contains(picocliConfig(args));
  }

  @ParameterizedTest(name = "parkedge {0}")
  @ValueSource(
      strings = {
        "",
        "status",
        "check -c gateway.yaml",
        "--help",
        "run --help",
        "run -h",
        "run -V",
        "run -c",
        "run --config",
        "run --config=",
        "run -cgateway.yaml",
        "run -c=gateway.yaml",
        "run -c a.yaml b.yaml",
        "run -c a.yaml -c b.yaml",
        "run -c --help",
        "run -c @arguments.txt",
        "run @arguments.txt",
        "run gateway.yaml",
      })
  void any_other_command_line_is_left_to_picocli(String line) {
    assertThat(DaemonStartLine.config(args(line))).isEmpty();
  }

  @Test
  void a_path_with_spaces_is_one_argument_as_the_shell_passes_it() {
    String[] args = {"run", "--config", "/srv/car park/gateway.yaml"};

    assertThat(DaemonStartLine.config(args)).contains(picocliConfig(args));
  }

  @Test
  void a_path_no_file_system_takes_is_left_to_picocli() {
    assertThat(DaemonStartLine.config("run", "-c", "gate\0way.yaml")).isEmpty();
  }

  @Test
  void the_line_systemd_starts_the_daemon_with_is_recognized() throws Exception {
    String execStart =
        Files.readAllLines(Path.of("..", "systemd", "parkedge-gateway.service")).stream()
            .filter(l -> l.startsWith("ExecStart="))
            .findFirst()
            .orElseThrow();
    List<String> words = Arrays.asList(execStart.substring("ExecStart=".length()).split(" "));
    assertThat(words.get(0)).isEqualTo("/usr/bin/parkedge");

    String[] args = words.subList(1, words.size()).toArray(String[]::new);

    assertThat(DaemonStartLine.config(args)).contains(Path.of("/etc/parkedge/gateway.yaml"));
  }

  private static String[] args(String line) {
    return line.isEmpty() ? new String[0] : line.split(" ");
  }

  /** The config picocli's own parse of {@code args} gives {@code run}. */
  private static Path picocliConfig(String[] args) {
    CommandLine.ParseResult parsed =
        new CommandLine(new ParkEdgeCommand.DaemonOnly()).parseArgs(args);
    RunCommand run = (RunCommand) parsed.subcommand().commandSpec().userObject();
    return run.config;
  }
}
