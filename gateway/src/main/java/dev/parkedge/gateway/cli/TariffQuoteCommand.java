package dev.parkedge.gateway.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parkedge.gateway.billing.Quote;
import dev.parkedge.gateway.billing.Stay;
import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.billing.TraceLine;
import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.TariffLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prices one stay on a tariff file and prints the quote with its trace as JSON. */
@Command(
    name = "quote",
    mixinStandardHelpOptions = true,
    description = {
      "Price a stay on a tariff file; prints JSON: amount_minor, currency, product, trace, ...",
      "Times without an offset are local to the tariff's time zone. A file that cannot be used",
      "(or whose examples fail), an exit before the entry or an unknown class: exit 2.",
      "",
      "  parkedge tariff quote tariff.yaml --entry 2026-03-28T22:30 --exit 2026-03-29T07:10"
    })
final class TariffQuoteCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The tariff file.")
  Path file;

  @Option(names = "--entry", required = true, paramLabel = "TIME", description = "Entry time.")
  String entry;

  @Option(names = "--exit", required = true, paramLabel = "TIME", description = "Exit time.")
  String exit;

  @Option(
      names = "--class",
      paramLabel = "CLASS",
      description = "Vehicle class (default: the tariff's default class).")
  String vehicleClass;

  @Option(names = "--lost-ticket", description = "The ticket was lost.")
  boolean lostTicket;

  @Option(
      names = "--validation",
      paramLabel = "CODE",
      description = "A validation presented; repeat for several.")
  List<String> validations = new ArrayList<>();

  @Option(
      names = "--paid-at",
      paramLabel = "TIME",
      description = "When the stay was paid at a pay station (exit grace after payment).")
  String paidAt;

  @Override
  public Integer call() throws ConfigException {
    Tariff tariff = TariffLoader.load(file);
    Instant in = time("--entry", entry, tariff);
    Instant out = time("--exit", exit, tariff);
    if (out.isBefore(in)) {
      throw new UserError("--exit " + exit + " is before --entry " + entry);
    }
    Stay stay = Stay.of(in, out).withLostTicket(lostTicket).withValidations(validations);
    if (vehicleClass != null) {
      stay = stay.withVehicleClass(vehicleClass);
    }
    if (paidAt != null) {
      Instant paid = time("--paid-at", paidAt, tariff);
      if (paid.isBefore(in)) {
        throw new UserError("--paid-at " + paidAt + " is before --entry " + entry);
      }
      stay = stay.withPaymentAt(paid);
    }
    Quote quote;
    try {
      quote = tariff.quote(stay);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    PrintWriter printer = spec.commandLine().getOut();
    printer.println(JsonText.of(json(quote, tariff, stay)));
    printer.flush();
    return 0;
  }

  private static Instant time(String option, String text, Tariff tariff) {
    try {
      return Stay.parseInstant(text, tariff.zone());
    } catch (DateTimeException e) {
      throw new UserError(
          option
              + " \""
              + text
              + "\" is not a time (write e.g. 2026-03-28T22:30, local to "
              + tariff.zone()
              + ", or 2026-03-28T21:30Z)");
    }
  }

  static ObjectNode json(Quote quote, Tariff tariff, Stay stay) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode json = f.objectNode();
    json.put("amount_minor", quote.amount().minor());
    json.put("currency", quote.amount().currency().getCurrencyCode());
    json.put("product", quote.product());
    ArrayNode trace = json.putArray("trace");
    for (TraceLine line : quote.trace()) {
      ObjectNode item = trace.addObject();
      item.put("kind", line.kind().jsonName());
      item.put("text", line.text());
      item.put("amount_minor", line.amountMinor());
    }
    json.put("amount", quote.amount().decimal());
    json.put("tax_minor", quote.tax().minor());
    json.put("entry", stay.entry().atZone(tariff.zone()).toOffsetDateTime().toString());
    json.put("exit", stay.exit().atZone(tariff.zone()).toOffsetDateTime().toString());
    json.put("tariff", tariff.id());
    json.put("tariff_sha256", quote.tariffSha256());
    return json;
  }
}
