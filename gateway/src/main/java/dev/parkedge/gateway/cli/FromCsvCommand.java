package dev.parkedge.gateway.cli;

import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.SiteCsv;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints a site.yaml made from an installer's spreadsheet of spaces. */
@Command(
    name = "from-csv",
    mixinStandardHelpOptions = true,
    description = {
      "Print a site.yaml made from a spreadsheet export of spaces.",
      "The CSV needs a header with the columns space, level, zone and optionally kinds, sensor,"
          + " indicator, in any order. Kinds in a cell are separated by ';', '|' or spaces.",
      "",
      "  parkedge site from-csv --site-id hq --site-name 'HQ Garage' spaces.csv > site.yaml"
    })
final class FromCsvCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SPACES.CSV", description = "The spreadsheet export.")
  Path csv;

  @Option(names = "--site-id", required = true, description = "The site's id in the account.")
  String siteId;

  @Option(names = "--site-name", description = "The site's name (default: its id).")
  String siteName;

  @Option(
      names = "--timezone",
      defaultValue = "UTC",
      description = "IANA time zone id (default: ${DEFAULT-VALUE}).")
  String timezone;

  @Option(
      names = "--currency",
      defaultValue = "EUR",
      description = "ISO 4217 currency code (default: ${DEFAULT-VALUE}).")
  String currency;

  @Override
  public Integer call() throws ConfigException {
    String yaml;
    try {
      yaml =
          SiteCsv.toSiteYaml(csv, siteId, siteName == null ? siteId : siteName, timezone, currency);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(yaml);
    out.flush();
    return 0;
  }
}
