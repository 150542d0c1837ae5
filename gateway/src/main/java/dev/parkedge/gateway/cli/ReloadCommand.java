package dev.parkedge.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.gateway.api.ReloadOutcome;
import dev.parkedge.gateway.config.ConfigException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parkedge reload}: the running gateway re-reads site.yaml. */
@Command(
    name = "reload",
    mixinStandardHelpOptions = true,
    description = {
      "Make the running gateway re-read site.yaml and apply what changed. A file that fails"
          + " validation is refused: its problems are printed, the running layout stays, and"
          + " the exit status is 2.",
      "",
      "  parkedge reload -c /etc/parkedge/gateway.yaml"
    })
final class ReloadCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ApiOptions api;

  @Option(
      names = "--json",
      description = "Print {\"applied\", \"problems\", \"changes\"} (exit 2 still when refused).")
  boolean json;

  @Override
  public Integer call() throws ConfigException {
    PrintWriter out = spec.commandLine().getOut();
    ReloadOutcome outcome;
    try (ApiClient client = api.connect()) {
      JsonNode answer = client.post(null, "reload");
      outcome = client.as(answer, ReloadOutcome.class);
      if (json) {
        out.println(JsonText.of(answer));
      } else if (outcome.applied()) {
        printChanges(outcome, out);
      } else {
        printProblems(outcome, spec.commandLine().getErr());
      }
    }
    out.flush();
    return outcome.applied() ? 0 : ParkEdgeCommand.EXIT_USAGE;
  }

  private static void printChanges(ReloadOutcome outcome, PrintWriter out) {
    if (outcome.changes().isEmpty()) {
      out.println("reloaded site.yaml: nothing changed");
      return;
    }
    out.println("reloaded site.yaml: " + count(outcome.changes().size(), "change"));
    outcome.changes().forEach(change -> out.println("  " + change));
  }

  private static void printProblems(ReloadOutcome outcome, PrintWriter err) {
    err.println(
        "reload: site.yaml refused, the running layout stays ("
            + count(outcome.problems().size(), "problem")
            + ")");
    outcome.problems().forEach(problem -> err.println("  " + problem));
    err.flush();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
