package dev.parkedge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkedge.gateway.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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
        Arguments.of("no api section", "data_dir: var\n", "coap://127.0.0.1:5683"),
        Arguments.of("only a port", "api:\n  coap_port: 5700\n", "coap://127.0.0.1:5700"),
        Arguments.of("every IPv4 interface", "api:\n  bind: 0.0.0.0\n", "coap://127.0.0.1:5683"),
        Arguments.of("every IPv6 interface", "api:\n  bind: '::'\n", "coap://[::1]:5683"),
        Arguments.of("IPv6 loopback", "api:\n  bind: '::1'\n", "coap://[::1]:5683"),
        Arguments.of(
            "other sections it does not need",
            "logging:\n  level: debug\napi:\n  coap_port: 5684\n",
            "coap://127.0.0.1:5684"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void finds_the_api_in_gateway_yaml(String name, String yaml, String uri) throws Exception {
    assertThat(ApiEndpoint.fromConfig(file(yaml)).uri()).isEqualTo(uri);
  }

  @Test
  void a_bad_gateway_yaml_is_refused_by_the_config_loader_naming_file_line_and_key()
      throws IOException {
    Path file = file("api:\n  coap_port: abc\n");

    assertThatThrownBy(() -> ApiEndpoint.fromConfig(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("gateway.yaml:2: api.coap_port: ");
  }

  private Path file(String yaml) throws IOException {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
