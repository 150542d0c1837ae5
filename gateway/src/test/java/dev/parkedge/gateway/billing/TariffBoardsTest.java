package dev.parkedge.gateway.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.TariffLoader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tariffs modelled on real published boards (src/test/resources/tariffs) reproduce the boards'
 * own numbers, which each file carries as its examples, and every fee's trace adds up to it.
 */
class TariffBoardsTest {

  static Stream<String> boards() {
    return Stream.of(
        "jacksonville-city-garage.yaml",
        "gatwick-short-stay.yaml",
        "john-street-multi-storey.yaml",
        "zweibruecken-parkhaus.yaml");
  }

  static Tariff board(String name) throws ConfigException {
    return TariffLoader.load(path(name));
  }

  static Path path(String name) {
    try {
      return Path.of(TariffBoardsTest.class.getResource("/tariffs/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("boards")
  void reproduces_every_number_on_the_board(String name) throws ConfigException {
    Tariff tariff = TariffLoader.read(path(name));

    List<ExampleResult> results = tariff.checkExamples();

    assertThat(results).hasSizeGreaterThanOrEqualTo(8);
    assertThat(results)
        .allSatisfy(
            r -> assertThat(r.passed()).as(r.example().name() + ": " + r.detail()).isTrue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("boards")
  void every_trace_adds_up_to_its_fee_over_many_generated_stays(String name)
      throws ConfigException {
    Tariff tariff = board(name);
    Random random = new Random(name.hashCode());
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 2_000; i++) {
      Instant entry = base.plusSeconds(random.nextInt(365 * 86_400));
      Duration length = Duration.ofSeconds(random.nextInt(i % 10 == 0 ? 5 * 86_400 : 30 * 3600));
      Stay stay = Stay.of(entry, entry.plus(length)).withLostTicket(random.nextInt(50) == 0);

      Quote quote = tariff.quote(stay);

      long sum = quote.trace().stream().mapToLong(TraceLine::amountMinor).sum();
      assertThat(sum).as(stay.toString()).isEqualTo(quote.amount().minor());
      assertThat(quote.amount().minor()).isNotNegative();
      assertThat(quote.tariffSha256()).isEqualTo(tariff.sha256()).hasSize(64);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("boards")
  void a_longer_stay_never_costs_less(String name) throws ConfigException {
    Tariff tariff = board(name);
    Instant entry = Instant.parse("2026-06-09T08:17:00Z");
    long previous = 0;
    for (int minutes = 0; minutes <= 3 * 24 * 60; minutes += 7) {
      Quote quote = tariff.quote(Stay.of(entry, entry.plusSeconds(minutes * 60L)));
      assertThat(quote.amount().minor()).as(minutes + " min").isGreaterThanOrEqualTo(previous);
      previous = quote.amount().minor();
    }
  }
}
