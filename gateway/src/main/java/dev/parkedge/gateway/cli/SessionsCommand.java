package dev.parkedge.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.gateway.config.ConfigException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parkedge sessions list|show}: vehicles inside and their stays. */
@Command(
    name = "sessions",
    mixinStandardHelpOptions = true,
    description = "Entry/exit sessions of the running gateway.",
    subcommands = {SessionsCommand.ListCommand.class, SessionsCommand.Show.class})
final class SessionsCommand {

  static Table table() {
    return new Table("ID", "STATUS", "VEHICLE", "ENTRY", "EXIT", "CHARGED", "DUE", "EXIT REASON");
  }

  static void row(Table table, JsonNode s) {
    String currency = s.path("currency").asText();
    table.row(
        s.path("id").asText(),
        s.path("status").asText(),
        s.path("vehicle").asText(),
        s.path("entry").asText(),
        s.path("exit").isNull() ? null : s.path("exit").asText(),
        ReservationsCommand.money(s.path("charged").asLong(), currency),
        ReservationsCommand.money(s.path("due").asLong(), currency),
        s.path("exit_reason").isNull() ? null : s.path("exit_reason").asText());
  }

  /** {@code parkedge sessions list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Sessions that entered in a window or are still open (default: the last day).")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeyOptions keys;

    @Option(names = "--status", description = "open or closed.")
    String status;

    @Option(names = "--from", description = "ISO-8601 UTC instant.")
    String from;

    @Option(names = "--to", description = "ISO-8601 UTC instant.")
    String to;

    @Option(
        names = "--limit",
        defaultValue = "100",
        description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print a JSON array, one session per line.")
    boolean json;

    @Override
    public Integer call() throws ConfigException {
      PrintWriter out = spec.commandLine().getOut();
      try (ApiClient client = keys.connect()) {
        List<String> query = new ArrayList<>();
        query.add("limit=" + limit);
        if (status != null) {
          query.add("status=" + status);
        }
        if (from != null) {
          query.add("from=" + from);
        }
        if (to != null) {
          query.add("to=" + to);
        }
        JsonNode list = client.query(query.toArray(String[]::new)).get("sessions");
        if (json) {
          out.println(JsonText.of(list));
        } else {
          Table table = table();
          list.forEach(s -> row(table, s));
          table.print(out);
        }
      }
      out.flush();
      return 0;
    }
  }

  /** {@code parkedge sessions show}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "One session with its charges (and their tariff traces) and payments.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeyOptions keys;

    @Parameters(index = "0", paramLabel = "ID", description = "The session, e.g. S-K7Q2X9M3ZP4A.")
    String id;

    @Option(names = "--json", description = "Print the session as JSON.")
    boolean json;

    @Override
    public Integer call() throws ConfigException {
      PrintWriter out = spec.commandLine().getOut();
      try (ApiClient client = keys.connect()) {
        JsonNode session = client.get("sessions", id);
        if (json) {
          out.println(JsonText.of(session));
        } else {
          Table table = table();
          row(table, session);
          table.print(out);
          for (JsonNode t : session.path("movements")) {
            out.println(
                t.path("at").asText()
                    + "  "
                    + t.path("kind").asText()
                    + "  "
                    + t.path("amount_text").asText()
                    + (t.path("method").isNull() ? "" : "  " + t.path("method").asText())
                    + "  "
                    + t.path("id").asText());
            for (JsonNode line : t.path("detail").path("trace")) {
              out.println(
                  "    " + line.path("text").asText() + "  " + line.path("amount").asLong());
            }
          }
        }
      }
      out.flush();
      return 0;
    }
  }
}
