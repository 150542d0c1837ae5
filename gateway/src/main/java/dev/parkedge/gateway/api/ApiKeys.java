package dev.parkedge.gateway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The API keys of the secrets file, each with a name (who holds it, for the journal) and a role.
 * Only SHA-256 digests are kept in memory; a presented key is compared in constant time.
 */
public final class ApiKeys {

  /** Who is asking: the key's name and role. */
  public record Caller(String name, Role role) {
    public Caller {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(role, "role");
    }
  }

  /** One key as configured. */
  public record Key(String name, Role role, byte[] sha256) {}

  private final List<Key> keys;

  public ApiKeys(List<Key> keys) {
    this.keys = List.copyOf(keys);
  }

  public static ApiKeys none() {
    return new ApiKeys(List.of());
  }

  public static Key key(String name, Role role, String secret) {
    return new Key(name, role, sha256(secret));
  }

  public int size() {
    return keys.size();
  }

  /** The caller holding {@code secret}, if it is one of the keys. */
  public Optional<Caller> authenticate(String secret) {
    if (secret == null || secret.isEmpty()) {
      return Optional.empty();
    }
    byte[] digest = sha256(secret);
    Caller found = null;
    for (Key key : keys) {
      if (MessageDigest.isEqual(key.sha256(), digest)) {
        found = new Caller(key.name(), key.role());
      }
    }
    return Optional.ofNullable(found);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
