package dev.parkedge.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.gateway.api.SpaceView;
import dev.parkedge.gateway.config.ConfigException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parkedge spaces}: every space and its state. */
@Command(
    name = "spaces",
    mixinStandardHelpOptions = true,
    description = {
      "List every space with its level, zone, state, since when, and its sensor.",
      "",
      "  parkedge spaces -c /etc/parkedge/gateway.yaml",
      "  parkedge spaces --json | jq -c '.[] | select(.state == \"unknown\")'"
    })
final class SpacesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ApiOptions api;

  @Option(
      names = "--json",
      description = "Print [{\"id\",\"level\",\"zone\",\"state\",\"since\",\"sensor\"}, ...].")
  boolean json;

  @Override
  public Integer call() throws ConfigException {
    PrintWriter out = spec.commandLine().getOut();
    try (ApiClient client = api.connect()) {
      JsonNode spaces = client.get("spaces");
      if (json) {
        out.println(JsonText.of(spaces));
      } else {
        Table table = table();
        spaces.forEach(space -> row(table, client.as(space, SpaceView.class)));
        table.print(out);
      }
    }
    out.flush();
    return 0;
  }

  static Table table() {
    return new Table("SPACE", "LEVEL", "ZONE", "STATE", "SINCE", "SENSOR");
  }

  static void row(Table table, SpaceView space) {
    table.row(
        space.id(), space.level(), space.zone(), space.state(), space.since(), space.sensor());
  }
}
