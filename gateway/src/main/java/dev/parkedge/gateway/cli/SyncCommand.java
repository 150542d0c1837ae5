package dev.parkedge.gateway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.ConfigLoader;
import dev.parkedge.gateway.config.GatewayConfig;
import dev.parkedge.gateway.ops.SyncStatusFile;
import dev.parkedge.gateway.storage.sqlite.SqliteStore;
import dev.parkedge.gateway.storage.sqlite.StorageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parkedge sync status}: how the journal is getting to head office, and the commands back.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = "The sync-agent's link to head office (sync-agent/README.md).",
    subcommands = SyncCommand.Status.class)
final class SyncCommand {

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Connected or not, backlog by class, age of the oldest unsent event, last acknowledged seq,"
            + " and the commands from head office applied and refused. Read from the sync-agent's"
            + " status file (gateway.yaml sync.status_file) and the gateway's command inbox; works"
            + " whether or not the daemon runs. Exit 0 connected, 1 not connected or no status.",
        "",
        "  parkedge sync status",
        "  parkedge sync status --json"
      })
  static final class Status implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec CommandSpec spec;

    @Option(
        names = {"-c", "--config"},
        paramLabel = "FILE",
        defaultValue = "/etc/parkedge/gateway.yaml",
        description = "gateway.yaml, for sync.status_file and data_dir (default ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() throws ConfigException, IOException {
      GatewayConfig gateway = ConfigLoader.loadGateway(config);
      SyncStatusFile file =
          new SyncStatusFile(gateway.operations().syncStatusFile(), () -> 0, Clock.systemUTC());
      Optional<SyncStatusFile.AgentStatus> status = file.agentStatus();
      Map<String, Long> commands;
      String inboxProblem = null;
      try {
        commands = SqliteStore.commandCounts(gateway.database());
      } catch (StorageException e) {
        commands = Map.of();
        inboxProblem = e.getMessage();
      }
      Instant now = Instant.now();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ObjectNode view = JSON.createObjectNode();
        view.put("status_file", file.file().toString());
        status.ifPresent(
            s -> {
              view.set("agent", JSON.valueToTree(s.raw()));
              view.put("age_s", s.age(now).toSeconds());
              view.put("stale", s.stale(now));
            });
        ObjectNode inbox = view.putObject("commands");
        commands.forEach(inbox::put);
        if (inboxProblem != null) {
          view.put("commands_problem", inboxProblem);
        }
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(view));
      } else {
        out.print(text(file.file(), status, commands, inboxProblem, now));
      }
      out.flush();
      return status.isPresent() && status.get().connected() && !status.get().stale(now) ? 0 : 1;
    }

    static String text(
        Path file,
        Optional<SyncStatusFile.AgentStatus> status,
        Map<String, Long> commands,
        String inboxProblem,
        Instant now) {
      StringBuilder out = new StringBuilder();
      if (status.isEmpty()) {
        out.append("sync-agent: no status at ")
            .append(file)
            .append(" (not installed, not running, or another state_file: set sync.status_file)\n");
      } else {
        SyncStatusFile.AgentStatus s = status.get();
        long age = s.age(now).toSeconds();
        out.append("sync-agent: ")
            .append(
                s.stale(now)
                    ? "NOT RUNNING? its status is " + age + " s old"
                    : (s.connected() ? "connected" : "NOT connected")
                        + (s.protocol().isEmpty() ? "" : " (MQTT " + s.protocol() + ")")
                        + ", status "
                        + age
                        + " s old")
            .append(s.agentVersion().isEmpty() ? "" : ", agent " + s.agentVersion())
            .append('\n');
        List<String> classes = new ArrayList<>();
        s.backlog().forEach((c, n) -> classes.add(c + " " + n));
        out.append("backlog: ")
            .append(classes.isEmpty() ? "none" : String.join(", ", classes))
            .append("; oldest unsent ")
            .append(s.oldestUnsentSeconds())
            .append(" s\n");
        out.append("last acknowledged seq: ")
            .append(s.lastAckedSeq())
            .append(" (copied from the journal up to ")
            .append(s.copiedSeq())
            .append(", ")
            .append(s.eventsSent())
            .append(" events sent since the agent started, ")
            .append(s.compactions())
            .append(" compactions)\n");
        out.append("commands received by the agent: ")
            .append(s.commandsReceived())
            .append(", refused by the agent: ")
            .append(s.refusedByAgent())
            .append('\n');
      }
      if (inboxProblem != null) {
        out.append("commands at the gateway: unknown (").append(inboxProblem).append(")\n");
      } else {
        out.append("commands at the gateway: ")
            .append(commands.getOrDefault("applied", 0L))
            .append(" applied, ")
            .append(commands.getOrDefault("refused", 0L))
            .append(" refused, ")
            .append(commands.getOrDefault("rejected", 0L))
            .append(" rejected (signature, scope, expiry), ")
            .append(commands.getOrDefault("received", 0L))
            .append(" waiting\n");
      }
      return out.toString();
    }
  }
}
