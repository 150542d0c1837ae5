package dev.parkedge.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parkedge.gateway.api.LogLevelView;
import dev.parkedge.gateway.config.ConfigException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parkedge log-level [LEVEL]}: reads or changes the running daemon's log level. */
@Command(
    name = "log-level",
    mixinStandardHelpOptions = true,
    description = {
      "Show or change the running daemon's log level, without a restart (a restart goes back to"
          + " gateway.yaml's logging.level).",
      "",
      "  parkedge log-level                  # the root level",
      "  parkedge log-level debug            # every logger without a level of its own",
      "  parkedge log-level debug --logger dev.parkedge.gateway.sensing",
      "  parkedge log-level info"
    })
final class LogLevelCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ApiOptions api;

  @Parameters(
      arity = "0..1",
      paramLabel = "LEVEL",
      description = "error, warn, info, debug or trace; omit it to only show the level.")
  String level;

  @Option(
      names = "--logger",
      paramLabel = "NAME",
      description = "A logger (a package or class name); default: root.")
  String logger;

  @Override
  public Integer call() throws ConfigException {
    PrintWriter out = spec.commandLine().getOut();
    try (ApiClient client = api.connect()) {
      JsonNode answer;
      if (level == null) {
        answer =
            logger == null
                ? client.get("logging")
                : client.getWithQuery("logger=" + logger, "logging");
      } else {
        ObjectNode body = client.json().createObjectNode().put("level", level);
        if (logger != null) {
          body.put("logger", logger);
        }
        answer = client.post(body, "logging");
      }
      LogLevelView view = client.as(answer, LogLevelView.class);
      out.println(view.logger() + ": " + view.level());
    }
    out.flush();
    return 0;
  }
}
