package dev.parkedge.gateway.cli;

import dev.parkedge.gateway.api.coap.CoapApiConfiguration;
import dev.parkedge.gateway.config.ApiConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code api.coap_port} and {@code api.bind} from gateway.yaml, and nothing else: a stand-in
 * until the gateway's configuration loader can be asked for its {@link ApiConfig}.
 */
final class ApiSectionReader {

  private ApiSectionReader() {}

  static ApiConfig read(Path file) {
    Object api = section(load(file), file);
    if (api == null) {
      return defaults();
    }
    if (!(api instanceof Map<?, ?> keys)) {
      throw new UserError(file + ": api must be a mapping with coap_port and bind, got " + api);
    }
    return new ApiConfig(bind(keys.get("bind"), file), port(keys.get("coap_port"), file));
  }

  static ApiConfig defaults() {
    return new ApiConfig(CoapApiConfiguration.DEFAULT_BIND, CoapApiConfiguration.DEFAULT_PORT);
  }

  private static Object load(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (NoSuchFileException e) {
      throw new UserError("cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage());
    } catch (MarkedYAMLException e) {
      throw new UserError(
          file + ":" + (e.getProblemMark().getLine() + 1) + ": not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new UserError(file + ": not valid YAML: " + e.getMessage());
    }
  }

  private static Object section(Object document, Path file) {
    if (document == null) {
      return null;
    }
    if (!(document instanceof Map<?, ?> top)) {
      throw new UserError(file + ": expected a mapping of sections (api:, site:, ...) at the top");
    }
    return top.get("api");
  }

  private static String bind(Object value, Path file) {
    if (value == null) {
      return CoapApiConfiguration.DEFAULT_BIND;
    }
    if (!(value instanceof String address) || address.isBlank()) {
      throw new UserError(file + ": api.bind must be an IP address, got " + value);
    }
    return address.strip();
  }

  private static int port(Object value, Path file) {
    if (value == null) {
      return CoapApiConfiguration.DEFAULT_PORT;
    }
    if (!(value instanceof Integer port) || port < 1 || port > 65535) {
      throw new UserError(file + ": api.coap_port must be a UDP port 1..65535, got " + value);
    }
    return port;
  }
}
