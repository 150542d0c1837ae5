package dev.parkedge.gateway.cli;

import dev.parkedge.gateway.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -c/--config}: which gateway.yaml says where the running daemon's API answers. */
final class ApiOptions {

  static final Path DEFAULT_CONFIG = Path.of("/etc/parkedge/gateway.yaml");

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "The daemon's gateway.yaml, for api.coap_port and api.bind"
              + " (default: /etc/parkedge/gateway.yaml, or 127.0.0.1:5683 when there is none).")
  Path config;

  /** Asks the daemon; throws {@link DaemonUnavailable} when it does not answer a ping. */
  ApiClient connect() throws ConfigException {
    return ApiClient.connect(endpoint());
  }

  private ApiEndpoint endpoint() throws ConfigException {
    if (config != null) {
      return ApiEndpoint.fromConfig(config);
    }
    return Files.exists(DEFAULT_CONFIG)
        ? ApiEndpoint.fromConfig(DEFAULT_CONFIG)
        : ApiEndpoint.defaults();
  }
}
