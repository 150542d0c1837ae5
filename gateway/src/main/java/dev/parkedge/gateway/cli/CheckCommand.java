package dev.parkedge.gateway.cli;

import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.ConfigLoader;
import dev.parkedge.gateway.config.GatewayConfig;
import dev.parkedge.gateway.config.SerialBusConfig;
import dev.parkedge.gateway.lot.SiteLayout;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Loads and validates gateway.yaml and its site.yaml without starting anything. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Load and validate gateway.yaml and the site.yaml it names, without starting anything.",
      "Prints a summary of each file, or every problem found (file:line: key: problem), exit 2.",
      "",
      "  parkedge check -c /etc/parkedge/gateway.yaml"
    })
final class CheckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      defaultValue = "/etc/parkedge/gateway.yaml",
      description = "The gateway.yaml (default: ${DEFAULT-VALUE}).")
  Path config;

  @Override
  public Integer call() throws ConfigException {
    PrintWriter out = spec.commandLine().getOut();
    GatewayConfig gateway = ConfigLoader.loadGateway(config);
    out.println(summary(gateway));
    out.flush();
    SiteLayout site = ConfigLoader.loadSite(gateway.siteFile(), gateway);
    out.println(summary(gateway.siteFile(), site));
    out.flush();
    return 0;
  }

  static String summary(GatewayConfig gateway) {
    String buses =
        gateway.serial().isEmpty()
            ? "no serial bus"
            : count(gateway.serial().size(), "serial bus", "serial buses")
                + gateway.serial().stream()
                    .map(CheckCommand::describe)
                    .collect(Collectors.joining(", ", " (", ")"));
    return gateway.file().getFileName() + " OK: " + buses + ", data in " + gateway.dataDir();
  }

  private static String describe(SerialBusConfig bus) {
    return bus.name() + " " + bus.port() + " " + bus.protocol().yamlName();
  }

  static String summary(Path file, SiteLayout site) {
    return file.getFileName()
        + " OK: site "
        + site.site().id()
        + " \""
        + site.site().name()
        + "\", "
        + count(site.levels().size(), "level", "levels")
        + ", "
        + count(site.zones().size(), "zone", "zones")
        + ", "
        + count(site.spaces().size(), "space", "spaces")
        + ", "
        + count(site.signs().size(), "sign", "signs");
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
