package dev.parkedge.gateway.demo;

import dev.parkedge.gateway.api.ApiKeys;
import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.ParkingConfig;
import dev.parkedge.gateway.config.TariffLoader;
import dev.parkedge.gateway.enforcement.EnforcementPolicy;
import dev.parkedge.gateway.enforcement.Violation;
import dev.parkedge.gateway.journal.Ids;
import dev.parkedge.gateway.reservation.ReservationPolicy;
import dev.parkedge.gateway.runtime.ParkingParts;
import dev.parkedge.gateway.session.Lane;
import dev.parkedge.gateway.session.QrTokens;
import dev.parkedge.gateway.storage.sqlite.SqliteParkingStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo garage's money-and-access side, as gateway.yaml's {@code parking} section would give it:
 * the shipped demo tariff (loaded and checked like any tariff file), an entry lane and an exit lane
 * whose barriers are counted rather than driven, a fresh QR signing key, and an overstay penalty.
 * Not gated: the simulated sensors and the lanes are independent, so an occupied space without a
 * session is no breach here.
 */
final class DemoParking {

  static final int ENTRY = 1;
  static final int EXIT = 2;

  /** The penalty for staying beyond a booking (and its late grace). */
  static final String OVERSTAY_PENALTY = "20.00";

  private final AtomicInteger gatesOpened = new AtomicInteger();

  int gatesOpened() {
    return gatesOpened.get();
  }

  /** The parts, with the tariff copied to {@code dir/demo-tariff.yaml}. */
  ParkingParts parts(Path dir, SqliteParkingStore store, Duration enforcementEvery) {
    Path tariffFile = dir.resolve("demo-tariff.yaml");
    Tariff tariff = tariff(tariffFile);
    EnforcementPolicy enforcement =
        new EnforcementPolicy(enforcementEvery, 2, Duration.ZERO, false, Map.of());
    ParkingConfig config =
        new ParkingConfig(
            tariffFile,
            dir.resolve("keys.yaml"),
            ReservationPolicy.DEFAULTS,
            List.of(
                new Lane(ENTRY, Lane.Direction.ENTRY, false),
                new Lane(EXIT, Lane.Direction.EXIT, false)),
            List.of(),
            enforcement,
            Map.of(Violation.Kind.OVERSTAY, OVERSTAY_PENALTY));
    return new ParkingParts(
        config,
        tariff,
        new ApiKeys(List.of()),
        qrTokens(),
        store,
        store,
        store,
        lane -> {
          gatesOpened.incrementAndGet();
          return true;
        },
        Ids.random());
  }

  private static Tariff tariff(Path file) {
    try (InputStream in = DemoParking.class.getResourceAsStream("/demo/demo-tariff.yaml")) {
      if (in == null) {
        throw new IllegalStateException("demo/demo-tariff.yaml is missing from the jar");
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return TariffLoader.load(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ConfigException e) {
      throw new IllegalStateException("the demo tariff is refused: " + e.getMessage(), e);
    }
  }

  private static QrTokens qrTokens() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      return new QrTokens(Map.of("demo", pair.getPublic()), "demo", pair.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no Ed25519 in this JVM", e);
    }
  }
}
