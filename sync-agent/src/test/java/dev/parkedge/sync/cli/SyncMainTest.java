package dev.parkedge.sync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code parkedge-sync run} with a sync.yaml it cannot use: one line naming the file and what is
 * wrong, exit 2 (the unit's RestartPreventExitStatus), no stack trace.
 */
class SyncMainTest {

  @TempDir Path dir;

  static List<Arguments> unusableFiles() {
    String enrolled = "broker: tcp://127.0.0.1:1883\ntenant: acme\nsite: hq\n";
    return List.of(
        Arguments.of(
            "the shipped file, nothing enrolled yet",
            "# every key commented\n",
            "broker is required; tenant is required; site is required"),
        Arguments.of("no such file", null, "no such file"),
        Arguments.of(
            "a typo in a key", enrolled + "batch_event: 10\n", "unknown setting \"batch_event\""),
        Arguments.of("not YAML", "broker: [unclosed\n", "not valid YAML"),
        Arguments.of(
            "a list where one value goes",
            enrolled + "protocol: [5, 3.1.1]\n",
            "protocol must be a single value, not a list"),
        Arguments.of(
            "a number that is not one",
            enrolled + "budget:\n  occupancy_bytes: lots\n",
            "a number setting is not a number"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusableFiles")
  void an_unusable_sync_yaml_is_one_line_and_exit_2(
      String description, String content, String expected) throws Exception {
    Path file = dir.resolve("sync.yaml");
    if (content != null) {
      Files.writeString(file, content);
    }
    StringWriter err = new StringWriter();
    CommandLine cli = SyncMain.commandLine();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("run", "-c", file.toString());

    assertThat(exit).isEqualTo(SyncMain.EXIT_SETTINGS);
    assertThat(err.toString().strip())
        .startsWith("parkedge-sync: " + file)
        .contains(expected)
        .doesNotContain("\tat ")
        .doesNotContain("\n");
  }
}
