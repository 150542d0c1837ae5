package dev.parkedge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tariff reader takes any text: a file either loads (and then prices its own examples without
 * throwing) or is refused with a ConfigException whose every line names the file.
 */
class TariffFuzzTest {

  private static final Path DIR = tempDir();

  @FuzzTest(maxDuration = "30s")
  void a_tariff_file_loads_or_is_refused_by_name(FuzzedDataProvider data) throws IOException {
    Path file = Files.writeString(DIR.resolve("tariff.yaml"), data.consumeRemainingAsString());
    try {
      TariffLoader.read(file).checkExamples();
    } catch (ConfigException refused) {
      assertThat(refused.problems()).isNotEmpty().allMatch(p -> p.startsWith("tariff.yaml"));
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("tariff-fuzz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
