package dev.parkedge.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parkedge.gateway.billing.Money;
import dev.parkedge.gateway.config.ConfigException;
import java.io.PrintWriter;
import java.util.Currency;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parkedge pay REF}: records a payment for a session, a reservation or a violation. */
@Command(
    name = "pay",
    mixinStandardHelpOptions = true,
    description = {
      "Record a payment. For a session, without --amount, pays what is due now (the tariff's fee"
          + " up to now, minus what was paid).",
      "",
      "  parkedge pay S-K7Q2X9M3ZP4A --method cash --key-file ~/.parkedge-key"
    })
final class PayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin KeyOptions keys;

  @Parameters(
      index = "0",
      paramLabel = "REF",
      description = "Session (S-…), reservation (R-…) or violation (V-…).")
  String ref;

  @Option(names = "--amount", description = "Decimal amount, e.g. 3.50 (default: what is due).")
  String amount;

  @Option(names = "--currency", description = "The site's currency (default: the session's quote).")
  String currency;

  @Option(
      names = "--method",
      defaultValue = "cash",
      description = "pay_station, kiosk, lane, wallet, cloud or cash (default ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--wallet", description = "The wallet, with --method wallet.")
  String wallet;

  @Option(
      names = "--lost-ticket",
      description = "The driver lost the ticket: the tariff's lost-ticket fee applies.")
  boolean lostTicket;

  @Option(names = "--idempotency-key", description = "Retry-safe key (default: a new one).")
  String key;

  @Option(names = "--json", description = "Print the payment as JSON.")
  boolean json;

  @Override
  public Integer call() throws ConfigException {
    PrintWriter out = spec.commandLine().getOut();
    try (ApiClient client = keys.connect()) {
      String code = currency;
      long minor = -1;
      if (ref.startsWith("S-")) {
        JsonNode quote =
            lostTicket
                ? client.query("lost_ticket=true").get("sessions", ref, "quote")
                : client.get("sessions", ref, "quote");
        code = code == null ? quote.path("currency").asText() : code;
        minor = quote.path("due").asLong();
      }
      if (code == null) {
        throw new UserError("give --currency (the site's, e.g. EUR)");
      }
      if (amount != null) {
        try {
          minor = Money.parse(amount, Currency.getInstance(code)).minor();
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage());
        }
      }
      if (minor <= 0) {
        throw new UserError(ref + ": nothing is due; give --amount to pay anyway");
      }
      ObjectNode body = client.json().createObjectNode();
      body.put("idempotency_key", key == null ? UUID.randomUUID().toString() : key);
      body.put("ref", ref).put("amount", minor).put("currency", code).put("method", method);
      if (wallet != null) {
        body.put("wallet", wallet);
      }
      if (lostTicket) {
        body.put("lost_ticket", true);
      }
      JsonNode payment = client.post(body, "payments");
      if (json) {
        out.println(JsonText.of(payment));
      } else {
        out.println(
            "paid "
                + payment.path("amount_text").asText()
                + " for "
                + ref
                + " by "
                + method
                + " ("
                + payment.path("id").asText()
                + ")");
      }
    }
    out.flush();
    return 0;
  }
}
