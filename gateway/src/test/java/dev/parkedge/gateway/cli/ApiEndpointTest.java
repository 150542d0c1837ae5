package dev.parkedge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApiEndpointTest {

  @TempDir Path dir;

  static Stream<Arguments> finds_the_api_in_gateway_yaml() {
    return Stream.of(
        Arguments.of(
            "port and bind",
            "api:\n  coap_port: 5700\n  bind: 127.0.0.2\n",
            "coap://127.0.0.2:5700"),
        Arguments.of("no api section", "site:\n  name: Central\n", "coap://127.0.0.1:5683"),
        Arguments.of("an empty file", "", "coap://127.0.0.1:5683"),
        Arguments.of("only a port", "api:\n  coap_port: 5700\n", "coap://127.0.0.1:5700"),
        Arguments.of("every IPv4 interface", "api:\n  bind: 0.0.0.0\n", "coap://127.0.0.1:5683"),
        Arguments.of("every IPv6 interface", "api:\n  bind: '::'\n", "coap://[::1]:5683"),
        Arguments.of("IPv6 loopback", "api:\n  bind: '::1'\n", "coap://[::1]:5683"),
        Arguments.of(
            "other sections it does not read",
            "logging:\n  level: debug\napi:\n  coap_port: 5684\nbuses: [{name: bus1}]\n",
            "coap://127.0.0.1:5684"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void finds_the_api_in_gateway_yaml(String name, String yaml, String uri) throws IOException {
    assertThat(ApiEndpoint.fromConfig(file(yaml)).uri()).isEqualTo(uri);
  }

  static Stream<Arguments> names_the_file_and_key_of_a_bad_api_section() {
    return Stream.of(
        Arguments.of(
            "port not a number",
            "api:\n  coap_port: abc\n",
            "api.coap_port must be a UDP port 1..65535, got abc"),
        Arguments.of(
            "port out of range",
            "api:\n  coap_port: 70000\n",
            "api.coap_port must be a UDP port 1..65535, got 70000"),
        Arguments.of(
            "port zero",
            "api:\n  coap_port: 0\n",
            "api.coap_port must be a UDP port 1..65535, got 0"),
        Arguments.of("bind a number", "api:\n  bind: 5\n", "api.bind must be an IP address, got 5"),
        Arguments.of(
            "api a list",
            "api: [1, 2]\n",
            "api must be a mapping with coap_port and bind, got [1, 2]"),
        Arguments.of(
            "top level a list",
            "- api\n",
            "expected a mapping of sections (api:, site:, ...) at the top"),
        Arguments.of("not YAML", "api:\n  coap_port: [1\n", "not valid YAML: "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void names_the_file_and_key_of_a_bad_api_section(String name, String yaml, String message)
      throws IOException {
    Path file = file(yaml);

    assertThatThrownBy(() -> ApiEndpoint.fromConfig(file))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining(message);
  }

  private Path file(String yaml) throws IOException {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
