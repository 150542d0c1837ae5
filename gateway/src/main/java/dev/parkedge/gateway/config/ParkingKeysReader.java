package dev.parkedge.gateway.config;

import dev.parkedge.gateway.api.ApiKeys;
import dev.parkedge.gateway.api.Role;
import dev.parkedge.gateway.session.QrTokens;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the parking secrets file ({@code parking.keys_file}), readable by its owner only:
 *
 * <pre>
 * api_keys:
 *   - { name: front-kiosk, role: kiosk, key: "…at least 16 characters…" }
 * qr_keys:
 *   - { id: hq, public_key: "MCowBQYDK2VwAyEA…" }                 # verifies head office's codes
 *   - { id: gw1, public_key: "MCow…", private_key: "MC4CAQAw…" }  # this gateway signs its own
 * </pre>
 *
 * Keys are base64 DER: X.509 SubjectPublicKeyInfo for public keys, PKCS#8 for the private key
 * ({@code openssl genpkey -algorithm ed25519 -outform DER | base64 -w0}). No message shows a key.
 */
public final class ParkingKeysReader {

  /** What the secrets file holds. */
  public record Secrets(ApiKeys apiKeys, QrTokens qrTokens) {}

  private static final List<String> TOP = List.of("api_keys", "qr_keys");
  private static final List<String> API_KEY = List.of("name", "role", "key");
  private static final List<String> QR_KEY = List.of("id", "public_key", "private_key");
  static final int MIN_KEY_LENGTH = 16;

  private final Problems problems;

  private ParkingKeysReader(Path file) {
    this.problems = new Problems(file);
  }

  /**
   * @throws ConfigException naming the file when it is missing, readable by others, or malformed
   */
  public static Secrets read(Path file) throws ConfigException {
    PskFileReader.checkPermissions(file);
    ParkingKeysReader reader = new ParkingKeysReader(file);
    Node root = YamlFile.read(file);
    YamlMap top = YamlMap.open(root, "", reader.problems, TOP);
    ApiKeys apiKeys = reader.apiKeys(top);
    QrTokens tokens = reader.qrKeys(top);
    reader.problems.throwIfAny();
    return new Secrets(apiKeys, tokens);
  }

  private ApiKeys apiKeys(YamlMap top) {
    List<ApiKeys.Key> keys = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    List<Node> items = top.list("api_keys");
    for (int i = 0; i < items.size(); i++) {
      YamlMap item = YamlMap.open(items.get(i), "api_keys[" + i + "]", problems, API_KEY);
      Optional<String> name = item.required("name").flatMap(s -> Values.id(s, problems));
      Optional<Role> role =
          item.required("role")
              .flatMap(
                  s -> {
                    Optional<Role> r = Role.parse(s.value());
                    if (r.isEmpty()) {
                      problems.add(
                          s,
                          s.quoted() + " is not a role (operator, kiosk, lane, installer, viewer)");
                    }
                    return r;
                  });
      Optional<Scalar> key = item.required("key");
      if (key.isPresent() && key.get().value().length() < MIN_KEY_LENGTH) {
        problems.add(key.get(), "is shorter than " + MIN_KEY_LENGTH + " characters");
        key = Optional.empty();
      }
      if (name.isPresent()) {
        Integer first = names.putIfAbsent(name.get(), item.line());
        if (first != null) {
          problems.add(
              item.lineOf("name"),
              item.path("name"),
              "name given twice (first at line " + first + ")");
        }
      }
      if (name.isPresent() && role.isPresent() && key.isPresent()) {
        keys.add(ApiKeys.key(name.get(), role.get(), key.get().value()));
      }
    }
    return new ApiKeys(keys);
  }

  private QrTokens qrKeys(YamlMap top) {
    Map<String, PublicKey> trusted = new LinkedHashMap<>();
    String signingId = null;
    PrivateKey signing = null;
    List<Node> items = top.list("qr_keys");
    for (int i = 0; i < items.size(); i++) {
      YamlMap item = YamlMap.open(items.get(i), "qr_keys[" + i + "]", problems, QR_KEY);
      Optional<String> id = item.required("id").flatMap(s -> Values.id(s, problems));
      Optional<PublicKey> pub = item.required("public_key").flatMap(this::publicKey);
      Optional<PrivateKey> priv = item.scalar("private_key").flatMap(this::privateKey);
      if (id.isEmpty() || pub.isEmpty()) {
        continue;
      }
      if (id.get().length() > 16) {
        problems.add(item.lineOf("id"), item.path("id"), "a QR key id has at most 16 characters");
        continue;
      }
      if (trusted.put(id.get(), pub.get()) != null) {
        problems.add(item.lineOf("id"), item.path("id"), "id given twice");
      }
      if (priv.isPresent()) {
        if (signing != null) {
          problems.add(
              item.lineOf("private_key"),
              item.path("private_key"),
              "only one qr key may have a private_key");
        }
        signingId = id.get();
        signing = priv.get();
      }
    }
    return new QrTokens(trusted, signingId, signing);
  }

  private Optional<PublicKey> publicKey(Scalar scalar) {
    try {
      return Optional.of(
          KeyFactory.getInstance("Ed25519")
              .generatePublic(
                  new X509EncodedKeySpec(Base64.getDecoder().decode(scalar.value().strip()))));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      problems.add(scalar, "is not a base64 Ed25519 public key (X.509 DER)");
      return Optional.empty();
    }
  }

  private Optional<PrivateKey> privateKey(Scalar scalar) {
    try {
      return Optional.of(
          KeyFactory.getInstance("Ed25519")
              .generatePrivate(
                  new PKCS8EncodedKeySpec(Base64.getDecoder().decode(scalar.value().strip()))));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      problems.add(scalar, "is not a base64 Ed25519 private key (PKCS#8 DER)");
      return Optional.empty();
    }
  }
}
