package dev.parkedge.gateway.cli;

import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.ConfigLoader;
import dev.parkedge.gateway.config.GatewayConfig;
import dev.parkedge.gateway.ops.Backups;
import dev.parkedge.gateway.storage.sqlite.SqliteStore;
import dev.parkedge.gateway.storage.sqlite.StorageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parkedge backup}: a consistent, checked copy of the database, now. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Back up the database now, while the daemon runs: a consistent copy checked with"
          + " integrity_check, into <data_dir>/backups (or --to FILE). Prints the file written.",
      "",
      "  parkedge backup",
      "  parkedge backup --to /media/usb/parkedge.db"
    })
final class BackupCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      defaultValue = "/etc/parkedge/gateway.yaml",
      description = "gateway.yaml, for data_dir (default ${DEFAULT-VALUE}).")
  Path config;

  @Option(names = "--to", paramLabel = "FILE", description = "Write here; never overwrites.")
  Path to;

  @Option(
      names = "--kind",
      paramLabel = "NAME",
      defaultValue = "manual",
      description =
          "The file name's prefix in the backups folder (default ${DEFAULT-VALUE});"
              + " pre-upgrade is what the package uses.")
  String kind;

  @Option(
      names = "--if-exists",
      description = "Exit 0 without a backup when there is no database yet (first install).")
  boolean ifExists;

  @Override
  public Integer call() throws ConfigException {
    GatewayConfig gateway = ConfigLoader.loadGateway(config);
    Path database = gateway.database();
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isRegularFile(database) && ifExists) {
      spec.commandLine().getErr().println("backup: no database at " + database + " yet");
      spec.commandLine().getErr().flush();
      return 0;
    }
    if (!kind.matches("[a-z][a-z0-9-]{0,40}")) {
      throw new UserError("--kind must be lower-case letters, digits and dashes, got " + kind);
    }
    try {
      Path written;
      if (to != null) {
        SqliteStore.backup(database, to);
        written = to.toAbsolutePath();
      } else {
        written = Backups.backUp(database, kind, Instant.now());
      }
      out.println(written);
    } catch (StorageException | IOException e) {
      throw new UserError(e.getMessage());
    }
    out.flush();
    return 0;
  }
}
