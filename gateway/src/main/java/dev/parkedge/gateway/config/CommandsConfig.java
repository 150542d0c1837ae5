package dev.parkedge.gateway.config;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Objects;

/**
 * Signed commands from the tenant account ({@code commands} in gateway.yaml;
 * sync-agent/PROTOCOL.md).
 *
 * @param tenant the tenant id commands must name (the site id is site.yaml's)
 * @param publicKeyFile the tenant's Ed25519 public key (PEM), which every command must be signed by
 * @param publicKey that key, read at load
 * @param tariffDir where {@code tariff.publish} stores tariffs that pass their examples
 */
public record CommandsConfig(
    String tenant, Path publicKeyFile, PublicKey publicKey, Path tariffDir) {
  public CommandsConfig {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(publicKeyFile, "publicKeyFile");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(tariffDir, "tariffDir");
  }
}
