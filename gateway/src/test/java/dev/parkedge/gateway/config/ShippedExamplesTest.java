package dev.parkedge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.proto.lorawan.SensorDecoders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference files shipped in the jar load, and say what the loader does. */
class ShippedExamplesTest {

  @TempDir Path dir;

  @Test
  void the_shipped_examples_load_as_the_documented_examples_do() throws Exception {
    Path gatewayYaml = copy("gateway.yaml");
    copy("site.yaml");
    Path documented = dir.resolve("documented");
    Files.createDirectories(documented);
    Files.writeString(documented.resolve("gateway.yaml"), ConfigLoaderTest.GATEWAY_EXAMPLE);
    Files.writeString(documented.resolve("site.yaml"), ConfigLoaderTest.SITE_EXAMPLE);

    GatewayConfig gateway = ConfigLoader.loadGateway(gatewayYaml);
    SiteLayout site = ConfigLoader.loadSite(gateway.siteFile(), gateway);

    GatewayConfig expectedGateway = ConfigLoader.loadGateway(documented.resolve("gateway.yaml"));
    assertThat(gateway.serial()).isEqualTo(expectedGateway.serial());
    assertThat(gateway.api()).isEqualTo(expectedGateway.api());
    assertThat(gateway.sensing()).isEqualTo(expectedGateway.sensing());
    assertThat(gateway.displays()).isEqualTo(expectedGateway.displays());
    assertThat(gateway.logging()).isEqualTo(expectedGateway.logging());
    assertThat(site)
        .isEqualTo(ConfigLoader.loadSite(documented.resolve("site.yaml"), expectedGateway));
  }

  @Test
  void the_shipped_gateway_file_keeps_thirty_days_of_journal_as_the_default_does()
      throws Exception {
    copy("site.yaml");
    Path documented = dir.resolve("documented");
    Files.createDirectories(documented);
    Files.writeString(documented.resolve("gateway.yaml"), ConfigLoaderTest.GATEWAY_EXAMPLE);

    assertThat(ConfigLoader.loadGateway(copy("gateway.yaml")).operations().journalKeep())
        .isEqualTo(Duration.ofDays(30))
        .isEqualTo(
            ConfigLoader.loadGateway(documented.resolve("gateway.yaml"))
                .operations()
                .journalKeep());
  }

  @Test
  void the_site_example_names_every_sensor_model() throws Exception {
    String site = Files.readString(copy("site.yaml"));

    assertThat(site).contains(SensorDecoders.ids());
  }

  private Path copy(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/examples/" + name)) {
      Path target = dir.resolve(name);
      Files.copy(in, target);
      return target;
    }
  }
}
