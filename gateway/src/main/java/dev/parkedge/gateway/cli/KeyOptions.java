package dev.parkedge.gateway.cli;

import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.SecretFile;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The daemon (as {@link ApiOptions}) and the API key the parking API needs: {@code --key-file} (its
 * first line; readable by its owner only) or the environment variable {@code PARKEDGE_API_KEY}.
 */
final class KeyOptions {

  static final String ENV = "PARKEDGE_API_KEY";

  @Mixin ApiOptions api;

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description = "A file whose first line is your API key (chmod 600); default: $" + ENV + ".")
  Path keyFile;

  ApiClient connect() throws ConfigException {
    String key = keyFile != null ? SecretFile.firstLine(keyFile) : System.getenv(ENV);
    if (key == null || key.isBlank()) {
      throw new UserError("an API key is needed: --key-file FILE or $" + ENV);
    }
    return api.connect().withKey(key.strip());
  }
}
