package dev.parkedge.gateway.config;

import dev.parkedge.gateway.config.CoapDevicesConfig.DeviceKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the pre-shared keys of CoAP devices ({@code coap_devices.psk_file}):
 *
 * <pre>
 * devices:
 *   - identity: sensor-0004a30b001c2a3f   # the DTLS PSK identity the device presents
 *     eui: 0004a30b001c2a3f               # the one device EUI it may speak for
 *     key_hex: 00112233445566778899aabbccddeeff   # 16..64 bytes
 * </pre>
 *
 * <p>The file must be readable by its owner only (mode 0600 or 0400): it is refused otherwise,
 * before it is read. No message ever shows a key.
 */
final class PskFileReader {

  private static final List<String> TOP = List.of("devices");
  private static final List<String> DEVICE = List.of("identity", "eui", "key_hex");
  private final Path file;
  private final Problems problems;

  private PskFileReader(Path file) {
    this.file = file;
    this.problems = new Problems(file);
  }

  /**
   * The keys in {@code file}.
   *
   * @throws ConfigException naming the file when it is missing, readable by others, or malformed
   */
  static List<DeviceKey> read(Path file) throws ConfigException {
    checkPermissions(file);
    PskFileReader reader = new PskFileReader(file);
    List<DeviceKey> keys = reader.devices(YamlFile.read(file));
    reader.problems.throwIfAny();
    return keys;
  }

  static void checkPermissions(Path file) throws ConfigException {
    if (!Files.exists(file)) {
      throw YamlFile.notFound(file);
    }
    Optional<String> problem = SecretFile.problem(file);
    if (problem.isPresent()) {
      throw refused(file, problem.get());
    }
  }

  private static ConfigException refused(Path file, String problem) {
    return new ConfigException(List.of(ConfigException.problem(file, problem)));
  }

  private List<DeviceKey> devices(Node root) {
    YamlMap top = YamlMap.open(root, "", problems, TOP);
    List<Node> items = top.list("devices");
    if (items.isEmpty()) {
      problems.add(top.lineOf("devices"), "devices", "list at least one device");
    }
    List<DeviceKey> keys = new ArrayList<>();
    Map<String, Integer> identityLines = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      YamlMap device = YamlMap.open(items.get(i), "devices[" + i + "]", problems, DEVICE);
      Optional<String> identity = identity(device, identityLines);
      Optional<Long> eui = device.required("eui").flatMap(s -> Values.eui(s, problems));
      Optional<byte[]> key = device.required("key_hex").flatMap(this::key);
      if (identity.isPresent() && eui.isPresent() && key.isPresent()) {
        keys.add(new DeviceKey(identity.get(), eui.get(), key.get()));
      }
    }
    return keys;
  }

  private Optional<String> identity(YamlMap device, Map<String, Integer> identityLines) {
    Optional<String> identity = device.required("identity").flatMap(s -> Values.id(s, problems));
    identity.ifPresent(
        id -> {
          Integer first = identityLines.putIfAbsent(id, device.lineOf("identity"));
          if (first != null) {
            problems.add(
                device.lineOf("identity"),
                device.path("identity"),
                "identity \"" + id + "\" is given twice (first at line " + first + ")");
          }
        });
    return identity;
  }

  /** The key's bytes; problems never quote the value. */
  private Optional<byte[]> key(Scalar scalar) {
    String text = scalar.value().strip();
    byte[] key;
    try {
      key = HexFormat.of().parseHex(text);
    } catch (IllegalArgumentException e) {
      problems.add(scalar, "not an even number of hex digits (the value is not shown)");
      return Optional.empty();
    }
    if (key.length < DeviceKey.MIN_KEY_BYTES || key.length > DeviceKey.MAX_KEY_BYTES) {
      problems.add(
          scalar,
          "a key has "
              + DeviceKey.MIN_KEY_BYTES
              + ".."
              + DeviceKey.MAX_KEY_BYTES
              + " bytes ("
              + 2 * DeviceKey.MIN_KEY_BYTES
              + ".."
              + 2 * DeviceKey.MAX_KEY_BYTES
              + " hex digits), this one has "
              + key.length);
      return Optional.empty();
    }
    return Optional.of(key);
  }
}
