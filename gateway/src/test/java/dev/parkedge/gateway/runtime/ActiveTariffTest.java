package dev.parkedge.gateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.TariffLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which tariff a restarted gateway prices by after the tenant published one. */
class ActiveTariffTest {
  @TempDir Path dir;
  private Path configured;
  private Path folder;
  private Path published;

  @BeforeEach
  void files() throws Exception {
    configured = dir.resolve("tariff.yaml");
    Files.copy(Path.of("src/test/resources/tariffs/test-garage.yaml"), configured);
    folder = Files.createDirectories(dir.resolve("tariffs"));
    published = folder.resolve("garage-2027.yaml");
    Files.writeString(
        published,
        Files.readString(configured)
            .replace("id: test-garage", "id: test-garage-2027")
            .replace("name: Test garage", "name: Test garage 2027"));
  }

  @Test
  void without_a_pointer_the_configured_file_prices() throws Exception {
    assertThat(ActiveTariff.atStart(configured, Optional.of(folder)).id()).isEqualTo("test-garage");
    assertThat(ActiveTariff.atStart(configured, Optional.empty()).id()).isEqualTo("test-garage");
  }

  @Test
  void an_activated_tariff_survives_a_restart() throws Exception {
    Tariff tariff = TariffLoader.load(published);
    ActiveTariff.remember(folder, published, tariff, configured);

    Tariff restarted = ActiveTariff.atStart(configured, Optional.of(folder));

    assertThat(restarted.id()).isEqualTo("test-garage-2027");
    assertThat(restarted.sha256()).isEqualTo(tariff.sha256());
  }

  @Test
  void a_local_edit_of_the_configured_file_after_the_publish_wins() throws Exception {
    ActiveTariff.remember(folder, published, TariffLoader.load(published), configured);
    Files.writeString(configured, Files.readString(configured) + "\n# edited on site\n");

    assertThat(ActiveTariff.atStart(configured, Optional.of(folder)).id()).isEqualTo("test-garage");
  }

  @Test
  void a_published_file_changed_since_its_activation_stops_the_start_and_says_how_to_recover()
      throws Exception {
    ActiveTariff.remember(folder, published, TariffLoader.load(published), configured);
    Files.writeString(published, Files.readString(published) + "\n# tampered\n");

    assertThatThrownBy(() -> ActiveTariff.atStart(configured, Optional.of(folder)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("active.json: ")
        .hasMessageContaining("changed since it was activated")
        .hasMessageContaining("publish it again, or remove");
  }
}
