package dev.parkedge.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.gateway.api.StatusView;
import dev.parkedge.gateway.config.ConfigException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parkedge status}: the running gateway at a glance. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show the running gateway at a glance: spaces per state, devices per health, buses, signs,"
          + " storage and alarms.",
      "",
      "  parkedge status -c /etc/parkedge/gateway.yaml",
      "  parkedge status --json | jq .spaces"
    })
final class StatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ApiOptions api;

  @Option(names = "--json", description = "Print the status as JSON (snake_case keys).")
  boolean json;

  @Override
  public Integer call() throws ConfigException {
    PrintWriter out = spec.commandLine().getOut();
    try (ApiClient client = api.connect()) {
      JsonNode status = client.get("status");
      if (json) {
        out.println(JsonText.of(status));
      } else {
        StatusText.print(client.as(status, StatusView.class), out);
      }
    }
    out.flush();
    return 0;
  }
}
