package dev.parkedge.gateway.bench;

import dev.parkedge.gateway.billing.Quote;
import dev.parkedge.gateway.billing.Stay;
import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.TariffLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tariff engine's two performance targets: a quote for a 3-day stay on a tariff with time
 * bands, products and caps (target under 50 µs), and loading and validating a tariff file of 100
 * products (target under 100 ms). Run it as gateway/README.md says.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class TariffBenchmark {

  /**
   * A town-centre tariff with every costly feature at once: day and night bands with a band cap, a
   * calendar-day cap and a cycle cap, a 15-minute table, four windowed products, cheapest choice
   * (so every eligible product is priced), holidays and tax.
   */
  static final String BANDED_TARIFF =
      """
      tariff:
        id: bench
        name: Benchmark garage
        timezone: Europe/Berlin
        currency: EUR
        tax: { rate: 19%, prices: include }
      settings: { product_choice: cheapest }
      holidays: [2026-01-01, 2026-04-03, 2026-04-06, 2026-05-01, 2026-12-25, 2026-12-26]
      grace: { turnaround: 10m, continuous: 5m }
      products:
        - id: early_bird
          days: [mon, tue, wed, thu, fri]
          entry: { from: "05:00", to: "07:30" }
          exit_by: "18:00"
          flat: "12.00"
        - id: evening
          entry: { from: "18:00", to: "02:00" }
          exit_by: "07:00 next day"
          flat: "6.00"
        - id: sunday
          days: [sun, holiday]
          exit_by: "24:00"
          flat: "5.00"
        - id: quarters
          table:
            lines:
              - { up_to: 1h, total: "3.00" }
              - { every: 15m, each: "0.75" }
          caps:
            - { max: "30.00", per: calendar_day }
        - id: banded
          time_bands:
            - { name: day, from: "08:00", to: "20:00", every: 30m, each: "2.00", cap: "24.00" }
            - { name: night, from: "20:00", to: "08:00", every: 1h, each: "1.00" }
          caps:
            - { max: "28.00", per: cycle, reset: "02:00" }
      """;

  private Tariff tariff;
  private Stay[] stays;
  private int next;
  private Path hundredProducts;

  @Setup
  public void setUp() throws IOException, ConfigException {
    Path dir = Files.createTempDirectory("tariff-bench");
    tariff = TariffLoader.load(Files.writeString(dir.resolve("bench.yaml"), BANDED_TARIFF));
    stays = new Stay[64];
    Instant start = Instant.parse("2026-03-23T05:47:13Z");
    for (int i = 0; i < stays.length; i++) {
      Instant entry = start.plus(Duration.ofMinutes(97L * i));
      stays[i] = Stay.of(entry, entry.plus(Duration.ofHours(72).plusMinutes(i)));
    }
    hundredProducts = Files.writeString(dir.resolve("hundred.yaml"), hundredProducts());
    if (TariffLoader.read(hundredProducts).products().size() != 100) {
      throw new IllegalStateException("the generated tariff does not have 100 products");
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(hundredProducts);
  }

  /** A 3-day stay (72 h and a few minutes, entries spread over the week and the DST change). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Quote quote_a_three_day_stay() {
    Stay stay = stays[next];
    next = (next + 1) & (stays.length - 1);
    return tariff.quote(stay);
  }

  /** Read, hash, parse and validate a file of 100 products (and run none of its examples). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Tariff load_and_validate_100_products() throws ConfigException {
    return TariffLoader.read(hundredProducts);
  }

  /**
   * The first load in a fresh JVM, class loading and all, as the gateway does it at start-up:
   * prints the milliseconds. Run it in several JVMs (see gateway/README.md).
   */
  public static void main(String[] args) throws IOException, ConfigException {
    Path small = Files.createTempFile("one", ".yaml");
    Files.writeString(small, BANDED_TARIFF);
    Path file = Files.createTempFile("hundred", ".yaml");
    Files.writeString(file, hundredProducts());
    boolean warmFirst = args.length > 0 && args[0].equals("--after-a-small-tariff");
    if (warmFirst) {
      long start = System.nanoTime();
      TariffLoader.read(small);
      System.out.printf(
          java.util.Locale.ROOT,
          "first load of a 5-product tariff: %.1f ms%n",
          (System.nanoTime() - start) / 1e6);
    }
    long start = System.nanoTime();
    Tariff tariff = TariffLoader.read(file);
    long nanos = System.nanoTime() - start;
    Files.delete(file);
    Files.delete(small);
    System.out.printf(
        java.util.Locale.ROOT,
        "load of %d products%s: %.1f ms%n",
        tariff.products().size(),
        warmFirst ? " after it" : " in a fresh JVM",
        nanos / 1e6);
  }

  /** 100 products: tables, time bands and windowed flats, for three vehicle classes. */
  static String hundredProducts() {
    StringBuilder yaml =
        new StringBuilder(
            """
            tariff: { id: hundred, name: Hundred products, timezone: Europe/Berlin, currency: EUR }
            classes: [car, motorcycle, large_vehicle]
            holidays: [2026-01-01, 2026-04-03, 2026-04-06, 2026-05-01, 2026-12-25, 2026-12-26]
            products:
            """);
    String[] classes = {"car", "motorcycle", "large_vehicle"};
    for (int i = 0; i < 100; i++) {
      String vehicleClass = classes[i % 3];
      yaml.append("  - id: product_").append(i).append('\n');
      yaml.append("    classes: [").append(vehicleClass).append("]\n");
      switch (i % 4) {
        case 0 ->
            yaml.append(
                """
                    table:
                      lines:
                        - { up_to: 30m, total: "1.00" }
                        - { up_to: 1h, total: "2.00" }
                        - { up_to: 2h, total: "3.50" }
                        - { up_to: 24h, every: 1h, each: "1.00" }
                      beyond: { repeat: 24h }
                    caps:
                      - { max: "20.00", per: calendar_day }
                """);
        case 1 ->
            yaml.append(
                """
                    time_bands:
                      - { name: day, from: "08:00", to: "20:00", every: 1h, each: "3.00", cap: "20.00" }
                      - { name: night, from: "20:00", to: "08:00", every: 1h, each: "1.00" }
                """);
        case 2 ->
            yaml.append(
                """
                    days: [mon, tue, wed, thu, fri]
                    entry: { from: "05:00", to: "07:30" }
                    exit_by: "18:00"
                    flat: "9.00"
                """);
        default ->
            yaml.append(
                """
                    entry: { from: "18:00", to: "02:00" }
                    exit_by: "07:00 next day"
                    flat: "5.00"
                """);
      }
    }
    yaml.append("examples:\n");
    for (int i = 0; i < 20; i++) {
      yaml.append("  - { name: example ")
          .append(i)
          .append(", entry: 2026-05-04T09:00, exit: 2026-05-04T10:00, class: ")
          .append(classes[i % 3])
          .append(", amount: \"2.00\" }\n");
    }
    return yaml.toString();
  }
}
