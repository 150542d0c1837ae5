package dev.parkedge.gateway.cli;

import dev.parkedge.gateway.config.ConfigException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Optional;
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
      // operations (issue 8)
      DoctorCommand.class,
      BackupCommand.class,
      LogLevelCommand.class,
      SupportBundleCommand.class,
      // issue 6: reservations, sessions, payments, reports
      ReservationsCommand.class,
      SessionsCommand.class,
      PayCommand.class,
      ReportCommand.class,
      // issue 7: the sync-agent's link, as the gateway's CLI sees it
      SyncCommand.class,
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
    Optional<Path> daemon = DaemonStartLine.config(args);
    if (daemon.isPresent()) {
      System.exit(runDaemon(daemon.get()));
    }
    CommandLine cli =
        args.length > 0 && args[0].equals("run")
            ? handled(new CommandLine(new DaemonOnly()))
            : commandLine();
    System.exit(cli.execute(args));
  }

  /** The daemon started without picocli (see {@link DaemonStartLine}), with the same exits. */
  @SuppressForbidden(reason = "the daemon's start line has no picocli writer; stderr is its own")
  private static int runDaemon(Path config) {
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
    try {
      return RunCommand.run(config, err);
    } catch (Exception e) {
      return failed(e, "run", err);
    }
  }

  /**
   * {@code parkedge} with {@code run} alone, for the ways of writing {@code run} that {@link
   * DaemonStartLine} leaves to picocli. Picocli builds the model of every subcommand it is given,
   * loading their classes and the types their members name (the installer commands read the API
   * with jackson-databind): about 300 classes, 2–3 MB of resident memory the daemon would hold for
   * its lifetime and never use.
   */
  @Command(name = "parkedge", subcommands = RunCommand.class)
  static final class DaemonOnly {}

  /** The command line with ParkEdge's error handling: one line on stderr for user mistakes. */
  static CommandLine commandLine() {
    return handled(new CommandLine(new ParkEdgeCommand()));
  }

  private static CommandLine handled(CommandLine cli) {
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
        (e, commandLine, parseResult) ->
            failed(e, commandLine.getCommandName(), commandLine.getErr()));
    return cli;
  }

  /** What a command that threw {@code e} prints, and its exit status. */
  private static int failed(Exception e, String command, PrintWriter err) {
    if (e instanceof ConfigException config) {
      config.problems().forEach(err::println);
      err.flush();
      return EXIT_USAGE;
    }
    if (e instanceof UserError) {
      err.println(command + ": " + oneLine(e.getMessage()));
      err.flush();
      return EXIT_USAGE;
    }
    if (e instanceof DaemonUnavailable) {
      err.println(oneLine(e.getMessage()));
      err.flush();
      return EXIT_UNAVAILABLE;
    }
    log.error("{} failed unexpectedly", command, e);
    return 1;
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
