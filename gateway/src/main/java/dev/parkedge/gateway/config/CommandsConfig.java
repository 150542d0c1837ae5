package dev.parkedge.gateway.config;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Objects;

/**
 * Signed commands from the tenant account ({@code commands} in gateway.yaml;
 * sync-agent/PROTOCOL.md).
 *
 * @param tenant the tenant id commands must name (the site id is site.yaml's)
 * @param publicKeyFile the tenant's Ed25519 public key (PEM), which every command must be signed by
 * @param publicKey that key, read at load
 * @param tariffDir where {@code tariff.publish} stores tariffs that pass their examples, and the
 *     pointer to the one activated ({@code active.json})
 * @param gateOpenMaxAge a {@code gate.open} applied later than this after it was issued is refused
 *     (a barrier never moves on a command that waited in a queue or survived a restart)
 */
public record CommandsConfig(
    String tenant,
    Path publicKeyFile,
    PublicKey publicKey,
    Path tariffDir,
    Duration gateOpenMaxAge) {

  public static final Duration DEFAULT_GATE_OPEN_MAX_AGE = Duration.ofSeconds(15);

  public CommandsConfig {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(publicKeyFile, "publicKeyFile");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(tariffDir, "tariffDir");
    Objects.requireNonNull(gateOpenMaxAge, "gateOpenMaxAge");
  }
}
