package dev.parkedge.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parkedge.gateway.billing.Money;
import dev.parkedge.gateway.config.ConfigException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parkedge reservations create|cancel|list}: the reservations API, from the shell. */
@Command(
    name = "reservations",
    mixinStandardHelpOptions = true,
    description = "Book, cancel and list reservations of the running gateway.",
    subcommands = {
      ReservationsCommand.Create.class,
      ReservationsCommand.Cancel.class,
      ReservationsCommand.ListCommand.class
    })
final class ReservationsCommand {

  static Table table() {
    return new Table("ID", "STATUS", "SPACE", "ZONE", "START", "END", "PLATE", "PRICE");
  }

  static void row(Table table, JsonNode r) {
    table.row(
        r.path("id").asText(),
        r.path("status").asText(),
        r.path("space").asText(),
        r.path("zone").asText(),
        r.path("start").asText(),
        r.path("end").asText(),
        r.path("plate").isNull() ? null : r.path("plate").asText(),
        money(r.path("price").asLong(), r.path("currency").asText()));
  }

  static String money(long minor, String currency) {
    return Money.ofMinor(minor, Currency.getInstance(currency)).toString();
  }

  /** {@code parkedge reservations create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Book a space, or any space of a zone with the kinds asked for; prints the reservation.",
        "",
        "  parkedge reservations create --zone L1-A --kind ev --start 2026-11-21T09:00:00Z"
            + " --end 2026-11-21T12:00:00Z --plate AB123CD --method cash --key-file ~/.parkedge-key"
      })
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeyOptions keys;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    static final class Where {
      @Option(names = "--space", required = true, description = "The space, e.g. A-001.")
      String space;

      @Option(names = "--zone", required = true, description = "Any space of this zone.")
      String zone;
    }

    @Option(
        names = "--kind",
        description = "A kind the space must have (ev, accessible, …); repeatable.")
    List<String> kinds = new ArrayList<>();

    @Option(names = "--start", required = true, description = "ISO-8601 UTC instant.")
    String start;

    @Option(names = "--end", required = true, description = "ISO-8601 UTC instant.")
    String end;

    @Option(names = "--plate", description = "The vehicle's plate (check-in by ANPR).")
    String plate;

    @Option(
        names = "--method",
        defaultValue = "cash",
        description = "How it is paid (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--wallet", description = "The wallet, with --method wallet.")
    String wallet;

    @Option(
        names = "--idempotency-key",
        description = "Retry-safe key; the same key and request book once (default: a new one).")
    String key;

    @Option(names = "--json", description = "Print the reservation as JSON.")
    boolean json;

    @Override
    public Integer call() throws ConfigException {
      PrintWriter out = spec.commandLine().getOut();
      try (ApiClient client = keys.connect()) {
        ObjectNode body = client.json().createObjectNode();
        body.put("idempotency_key", key == null ? UUID.randomUUID().toString() : key);
        if (where.space != null) {
          body.put("space", where.space);
        } else {
          body.put("zone", where.zone);
        }
        if (!kinds.isEmpty()) {
          kinds.forEach(body.putArray("kinds")::add);
        }
        body.put("start", start).put("end", end).put("method", method).put("source", "operator");
        if (plate != null) {
          body.put("plate", plate);
        }
        if (wallet != null) {
          body.put("wallet", wallet);
        }
        JsonNode reservation = client.post(body, "reservations");
        if (json) {
          out.println(JsonText.of(reservation));
        } else {
          Table table = table();
          row(table, reservation);
          table.print(out);
          if (!reservation.path("qr").isNull()) {
            out.println("QR " + reservation.path("qr").asText());
          }
        }
      }
      out.flush();
      return 0;
    }
  }

  /** {@code parkedge reservations cancel}. */
  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancel a reservation before entry; refunds as the site's policy says.")
  static final class Cancel implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeyOptions keys;

    @Parameters(
        index = "0",
        paramLabel = "ID",
        description = "The reservation, e.g. R-K7Q2X9M3ZP4A.")
    String id;

    @Option(names = "--json", description = "Print the cancelled reservation as JSON.")
    boolean json;

    @Override
    public Integer call() throws ConfigException {
      PrintWriter out = spec.commandLine().getOut();
      try (ApiClient client = keys.connect()) {
        JsonNode cancelled =
            client.post(client.json().createObjectNode(), "reservations", id, "cancel");
        if (json) {
          out.println(JsonText.of(cancelled));
        } else {
          Table table = table();
          row(table, cancelled);
          table.print(out);
          out.println(
              "refunded "
                  + money(
                      cancelled.path("refunded").asLong(), cancelled.path("currency").asText()));
        }
      }
      out.flush();
      return 0;
    }
  }

  /** {@code parkedge reservations list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Reservations overlapping a window (default: from a day ago to 30 days ahead).")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeyOptions keys;

    @Option(names = "--from", description = "ISO-8601 UTC instant.")
    String from;

    @Option(names = "--to", description = "ISO-8601 UTC instant.")
    String to;

    @Option(
        names = "--status",
        description = "booked, checked_in, completed, cancelled or no_show.")
    String status;

    @Option(
        names = "--limit",
        defaultValue = "100",
        description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print a JSON array, one reservation per line.")
    boolean json;

    @Override
    public Integer call() throws ConfigException {
      PrintWriter out = spec.commandLine().getOut();
      try (ApiClient client = keys.connect()) {
        List<String> query = new ArrayList<>();
        query.add("limit=" + limit);
        if (from != null) {
          query.add("from=" + from);
        }
        if (to != null) {
          query.add("to=" + to);
        }
        if (status != null) {
          query.add("status=" + status);
        }
        JsonNode list = client.query(query.toArray(String[]::new)).get("reservations");
        if (json) {
          out.println(JsonText.of(list));
        } else {
          Table table = table();
          list.forEach(r -> row(table, r));
          table.print(out);
        }
      }
      out.flush();
      return 0;
    }
  }
}
