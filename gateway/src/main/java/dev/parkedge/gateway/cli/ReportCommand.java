package dev.parkedge.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.gateway.config.ConfigException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parkedge report day}: end-of-day reconciliation and unpaid exits. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Reports of the running gateway.",
    subcommands = {ReportCommand.Day.class})
final class ReportCommand {

  /** {@code parkedge report day [--date D]}. */
  @Command(
      name = "day",
      mixinStandardHelpOptions = true,
      description =
          "Takings per payment method, charges, whether the ledger balances, and the sessions that left unpaid, for one local day of the site.")
  static final class Day implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeyOptions keys;

    @Option(
        names = "--date",
        description = "YYYY-MM-DD, the site's local day (default: today at the site).")
    String date;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws ConfigException {
      PrintWriter out = spec.commandLine().getOut();
      try (ApiClient client = keys.connect()) {
        JsonNode report =
            date == null
                ? client.get("reports", "day")
                : client.query("date=" + date).get("reports", "day");
        if (json) {
          out.println(JsonText.of(report));
        } else {
          String currency = report.path("currency").asText();
          out.println(
              "day "
                  + report.path("date").asText()
                  + " ("
                  + report.path("timezone").asText()
                  + "): "
                  + report.path("movements").asLong()
                  + " movements, ledger "
                  + (report.path("balanced").asBoolean() ? "balances" : "DOES NOT BALANCE"));
          Table methods =
              new Table("METHOD", "PAYMENTS", "PAID", "REFUNDS", "REFUNDED", "TOP-UPS", "NET");
          for (JsonNode m : report.path("methods")) {
            methods.row(
                m.path("method").asText(),
                m.path("payments").asLong(),
                ReservationsCommand.money(m.path("paid").asLong(), currency),
                m.path("refunds").asLong(),
                ReservationsCommand.money(m.path("refunded").asLong(), currency),
                ReservationsCommand.money(m.path("topped_up").asLong(), currency),
                ReservationsCommand.money(m.path("net").asLong(), currency));
          }
          methods.print(out);
          out.println(
              report.path("exits").asLong()
                  + " exits, "
                  + report.path("unpaid_exits").size()
                  + " unpaid:");
          Table unpaid = new Table("SESSION", "VEHICLE", "EXIT", "DUE", "REASON");
          for (JsonNode u : report.path("unpaid_exits")) {
            unpaid.row(
                u.path("session").asText(),
                u.path("vehicle").asText(),
                u.path("exit").asText(),
                ReservationsCommand.money(u.path("due").asLong(), currency),
                u.path("reason").asText());
          }
          unpaid.print(out);
        }
      }
      out.flush();
      return 0;
    }
  }
}
