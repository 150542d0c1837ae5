package dev.parkedge.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parkedge.gateway.api.SpaceView;
import dev.parkedge.gateway.config.ConfigException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parkedge space ...}: what an operator does to one space. */
@Command(
    name = "space",
    mixinStandardHelpOptions = true,
    description = "Change one space of the running gateway.",
    subcommands = {SpaceCommand.SetMaintenance.class})
final class SpaceCommand {

  /** {@code parkedge space set-maintenance A-001 --on}. */
  @Command(
      name = "set-maintenance",
      mixinStandardHelpOptions = true,
      description = {
        "Take a space out of service (--on) or return it to service (--off);"
            + " prints the updated space.",
        "",
        "  parkedge space set-maintenance A-001 --on -c /etc/parkedge/gateway.yaml"
      })
  static final class SetMaintenance implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ApiOptions api;

    @Parameters(index = "0", paramLabel = "SPACE", description = "The space's id, e.g. A-001.")
    String spaceId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    OnOff onOff;

    static final class OnOff {
      @Option(names = "--on", required = true, description = "Take the space out of service.")
      boolean on;

      @Option(names = "--off", required = true, description = "Return the space to service.")
      boolean off;
    }

    @Option(names = "--json", description = "Print the updated space as JSON.")
    boolean json;

    @Override
    public Integer call() throws ConfigException {
      PrintWriter out = spec.commandLine().getOut();
      try (ApiClient client = api.connect()) {
        ObjectNode body = client.json().createObjectNode().put("on", onOff.on);
        JsonNode space = client.post(body, "spaces", spaceId, "maintenance");
        if (json) {
          out.println(JsonText.of(space));
        } else {
          Table table = SpacesCommand.table();
          SpacesCommand.row(table, client.as(space, SpaceView.class));
          table.print(out);
        }
      }
      out.flush();
      return 0;
    }
  }
}
