package dev.parkedge.gateway.testing;

import java.util.List;
import java.util.Map;

/**
 * The JVM options and environment the daemon ships with (packaging/README.md: the package must
 * start it with exactly these). Benchmarks and the soak run the jar with them.
 */
public final class ShippedJvm {

  public static final List<String> OPTIONS =
      List.of(
          "-XX:+UseSerialGC",
          "-Xms16m",
          "-Xmx48m",
          "-XX:MinHeapFreeRatio=10",
          "-XX:MaxHeapFreeRatio=30",
          "-XX:MaxMetaspaceSize=48m",
          "-XX:ReservedCodeCacheSize=24m",
          "-Xss256k",
          "-XX:-UsePerfData",
          "-XX:+ExitOnOutOfMemoryError",
          "-XX:TieredStopAtLevel=1");

  public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

  private ShippedJvm() {}
}
