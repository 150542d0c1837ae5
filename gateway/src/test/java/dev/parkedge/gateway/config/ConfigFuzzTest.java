package dev.parkedge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration readers take any text: a file either loads or is refused with a ConfigException
 * whose every line names the file; anything else escaping is a finding.
 */
class ConfigFuzzTest {

  private static final Path DIR = tempDir();

  @FuzzTest(maxDuration = "30s")
  void gateway_yaml_loads_or_is_refused_by_name(FuzzedDataProvider data) throws IOException {
    Path file = Files.writeString(DIR.resolve("gateway.yaml"), data.consumeRemainingAsString());
    try {
      ConfigLoader.loadGateway(file);
    } catch (ConfigException refused) {
      assertThat(refused.problems()).isNotEmpty().allMatch(p -> p.startsWith("gateway.yaml"));
    }
  }

  @FuzzTest(maxDuration = "30s")
  void site_yaml_loads_or_is_refused_by_name(FuzzedDataProvider data) throws Exception {
    Path gateway =
        Files.writeString(
            DIR.resolve("gateway.yaml"), "serial:\n  - { name: bus1, port: /dev/ttyUSB0 }\n");
    Path site = Files.writeString(DIR.resolve("site.yaml"), data.consumeRemainingAsString());
    GatewayConfig config = ConfigLoader.loadGateway(gateway);
    try {
      ConfigLoader.loadSite(site, config);
    } catch (ConfigException refused) {
      assertThat(refused.problems()).isNotEmpty().allMatch(p -> p.startsWith("site.yaml"));
    }
  }

  @FuzzTest(maxDuration = "30s")
  void a_spreadsheet_converts_or_is_refused_by_name(FuzzedDataProvider data) throws IOException {
    Path csv = Files.writeString(DIR.resolve("spaces.csv"), data.consumeRemainingAsString());
    try {
      String yaml = SiteCsv.toSiteYaml(csv, "hq", "HQ", "UTC", "EUR");
      Path site = Files.writeString(DIR.resolve("from-csv.yaml"), yaml);
      ConfigLoader.loadSite(
          site, ConfigLoader.loadGateway(Files.writeString(DIR.resolve("g.yaml"), "")));
    } catch (ConfigException refused) {
      assertThat(refused.problems()).isNotEmpty();
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("parkedge-config-fuzz-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
