package dev.parkedge.gateway.cli;

import dev.parkedge.gateway.config.ConfigException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code parkedge} command: the gateway daemon and the installers' tools. */
@Command(
    name = "parkedge",
    mixinStandardHelpOptions = true,
    versionProvider = ParkEdgeCommand.Version.class,
    description = "ParkEdge: the edge gateway of a parking site.",
    subcommands = {
      RunCommand.class,
      DemoCommand.class,
      StatusCommand.class,
      SpacesCommand.class,
      DevicesCommand.class,
      SpaceCommand.class,
      ReloadCommand.class,
      NoteCommand.class,
      CheckCommand.class,
      SiteCommand.class,
      DecodeCommand.class,
      TariffCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ParkEdgeCommand {

  /**
   * Exit status for a user's mistake: bad arguments, bad input, an undecodable payload, a config
   * file that cannot be used.
   */
  static final int EXIT_USAGE = 2;

  /** Exit status when the daemon does not answer: not running, or too busy. */
  static final int EXIT_UNAVAILABLE = 3;

  private static final Logger log = LoggerFactory.getLogger(ParkEdgeCommand.class);

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with ParkEdge's error handling: one line on stderr for user mistakes. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ParkEdgeCommand());
    cli.setParameterExceptionHandler(
        (e, args) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println(
              e.getCommandLine().getCommandName()
                  + ": "
                  + oneLine(e.getMessage())
                  + " (see --help)");
          err.flush();
          return EXIT_USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (e instanceof ConfigException config) {
            config.problems().forEach(err::println);
            err.flush();
            return EXIT_USAGE;
          }
          if (e instanceof UserError) {
            err.println(commandLine.getCommandName() + ": " + oneLine(e.getMessage()));
            err.flush();
            return EXIT_USAGE;
          }
          if (e instanceof DaemonUnavailable) {
            err.println(oneLine(e.getMessage()));
            err.flush();
            return EXIT_UNAVAILABLE;
          }
          log.error("{} failed unexpectedly", commandLine.getCommandName(), e);
          return 1;
        });
    return cli;
  }

  private static String oneLine(String message) {
    String line = message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    return line.startsWith("Error: ") ? line.substring("Error: ".length()) : line;
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ParkEdgeCommand.class.getPackage().getImplementationVersion();
      return new String[] {"parkedge " + (version == null ? "(development build)" : version)};
    }
  }
}
