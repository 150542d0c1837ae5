package dev.parkedge.gateway.cli;

import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.ConfigLoader;
import dev.parkedge.gateway.config.GatewayConfig;
import dev.parkedge.gateway.runtime.Daemon;
import dev.parkedge.gateway.runtime.Logging;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/** Runs the gateway daemon until SIGTERM (or Ctrl-C); SIGHUP re-reads site.yaml. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the gateway daemon. SIGHUP re-reads site.yaml; SIGTERM stops cleanly.")
final class RunCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  /** Where the package puts gateway.yaml. */
  static final String DEFAULT_CONFIG = "/etc/parkedge/gateway.yaml";

  @Spec CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      defaultValue = DEFAULT_CONFIG,
      description = "gateway.yaml (default ${DEFAULT-VALUE}).")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    return run(config, spec.commandLine().getErr());
  }

  /**
   * Runs the daemon with {@code config} until it is stopped; returns the exit status. Problems with
   * the configuration go to {@code err}, one line each.
   */
  static int run(Path config, PrintWriter err) throws InterruptedException {
    GatewayConfig gatewayConfig;
    Daemon daemon;
    try {
      gatewayConfig = ConfigLoader.loadGateway(config);
      Logging.apply(gatewayConfig.logging());
      daemon = Daemon.start(gatewayConfig);
    } catch (ConfigException e) {
      e.problems().forEach(err::println);
      err.flush();
      return ParkEdgeCommand.EXIT_USAGE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping: finishing the in-flight commit and closing ports");
                  daemon.close();
                  stopped.countDown();
                },
                "shutdown"));
    Signal.handle(
        new Signal("HUP"),
        signal ->
            new Thread(
                    () -> {
                      log.info("SIGHUP: re-reading {}", gatewayConfig.siteFile());
                      daemon.reload();
                    },
                    "reload")
                .start());
    stopped.await();
    return 0;
  }
}
