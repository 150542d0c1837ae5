package dev.parkedge.gateway.cli;

import dev.parkedge.gateway.billing.ExampleResult;
import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.TariffLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Validates a tariff file and evaluates the example stays it carries. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Validate a tariff file and price each of its examples: prints one line per example.",
      "Exit 1 when an example's fee (or product) is not what it says, naming each one;",
      "exit 2 when the file itself cannot be used (file:line: key: problem).",
      "",
      "  parkedge tariff check /etc/parkedge/tariff.yaml"
    })
final class TariffCheckCommand implements Callable<Integer> {

  /** Exit status when the file is valid but some of its examples fail. */
  static final int EXIT_EXAMPLES_FAIL = 1;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The tariff file.")
  Path file;

  @Override
  public Integer call() throws ConfigException {
    PrintWriter out = spec.commandLine().getOut();
    Tariff tariff = TariffLoader.read(file);
    List<ExampleResult> results = tariff.checkExamples();
    int failed = 0;
    for (ExampleResult result : results) {
      out.println(line(result));
      if (!result.passed()) {
        failed++;
      }
    }
    String name = file.getFileName().toString();
    if (failed > 0) {
      out.flush();
      PrintWriter err = spec.commandLine().getErr();
      for (ExampleResult result : results) {
        if (!result.passed()) {
          err.println(
              name
                  + ":"
                  + result.example().line()
                  + ": example \""
                  + result.example().name()
                  + "\" fails: "
                  + result.detail());
        }
      }
      err.println(name + ": " + failed + " of " + results.size() + " examples fail");
      err.flush();
      return EXIT_EXAMPLES_FAIL;
    }
    out.println(
        name
            + " OK: tariff "
            + tariff.id()
            + ", "
            + tariff.products().size()
            + (tariff.products().size() == 1 ? " product, " : " products, ")
            + (results.isEmpty() ? "no examples" : "all " + results.size() + " examples pass")
            + ", sha256 "
            + tariff.sha256());
    out.flush();
    return 0;
  }

  private static String line(ExampleResult result) {
    String got = result.quote().map(q -> q.amount() + " (" + q.product() + ")").orElse("no quote");
    return (result.passed() ? "ok    " : "FAIL  ")
        + result.example().name()
        + ": "
        + got
        + (result.passed() ? "" : " — " + result.detail());
  }
}
