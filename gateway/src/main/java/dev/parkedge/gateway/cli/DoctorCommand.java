package dev.parkedge.gateway.cli;

import dev.parkedge.gateway.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parkedge doctor}: checks the installation and says what to fix. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Check this installation: config valid, the service user and its groups, permissions of"
          + " the data folder and secrets, serial devices present, ports, disk space, time"
          + " synchronised. Says what to fix; exit 1 when a check fails (warnings do not).",
      "",
      "  sudo parkedge doctor"
    })
final class DoctorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      defaultValue = "/etc/parkedge/gateway.yaml",
      description = "gateway.yaml (default ${DEFAULT-VALUE}).")
  Path config;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      defaultValue = "parkedge",
      description = "The user the daemon runs as (default ${DEFAULT-VALUE}).")
  String user;

  @Override
  public Integer call() {
    List<Doctor.Finding> findings =
        new Doctor(config, user, Doctor.Environment.system(() -> daemonAnswers(config))).run();
    print(findings, spec.commandLine().getOut());
    return Doctor.exitStatus(findings);
  }

  /** Whether a daemon answers at the API address {@code config} names. */
  static boolean daemonAnswers(Path config) {
    ApiOptions options = new ApiOptions();
    options.config = config;
    try (ApiClient client = options.connect()) {
      return true;
    } catch (ConfigException | RuntimeException e) {
      return false;
    }
  }

  static void print(List<Doctor.Finding> findings, PrintWriter out) {
    for (Doctor.Finding finding : findings) {
      String[] lines = finding.detail().split("\n");
      out.printf(Locale.ROOT, "%-4s %-8s %s%n", finding.level(), finding.check(), lines[0]);
      for (int i = 1; i < lines.length; i++) {
        out.printf(Locale.ROOT, "%-13s %s%n", "", lines[i]);
      }
      if (!finding.fix().isEmpty()) {
        out.printf(Locale.ROOT, "%-13s fix: %s%n", "", finding.fix());
      }
    }
    long failed = findings.stream().filter(f -> f.level() == Doctor.Level.FAIL).count();
    long warned = findings.stream().filter(f -> f.level() == Doctor.Level.WARN).count();
    out.println(
        failed == 0
            ? "doctor: all checks passed" + (warned > 0 ? " (" + warned + " warning(s))" : "")
            : "doctor: " + failed + " check(s) failed");
    out.flush();
  }
}
