package dev.parkedge.gateway.runtime;

import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.config.CommandsConfig;
import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.GatewayConfig;
import dev.parkedge.gateway.config.ParkingConfig;
import dev.parkedge.gateway.config.ParkingKeysReader;
import dev.parkedge.gateway.journal.Ids;
import dev.parkedge.gateway.session.LaneGate;
import dev.parkedge.gateway.session.psp.PspLaneGate;
import dev.parkedge.gateway.storage.sqlite.SqliteParkingStore;
import dev.parkedge.gateway.storage.sqlite.SqliteStore;
import dev.parkedge.gateway.storage.sqlite.StorageException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the money-and-access side for {@code parkedge run} from gateway.yaml's {@code parking}
 * section: the tariff (refused unless its examples pass), the secrets file, the SQLite parking
 * store, and the lanes' barriers (PSP/1 gates first, else GPIO relays).
 */
final class ParkingAssembly {

  private static final Logger log = LoggerFactory.getLogger(ParkingAssembly.class);

  private ParkingAssembly() {}

  static Optional<ParkingParts> parts(
      GatewayConfig config,
      SqliteStore sqlite,
      PspLaneGate pspGates,
      LaneGate gpioGates,
      List<AutoCloseable> closeables)
      throws ConfigException {
    if (config.parking().isEmpty()) {
      return Optional.empty();
    }
    ParkingConfig parking = config.parking().get();
    Tariff tariff =
        ActiveTariff.atStart(
            parking.tariffFile(), config.commands().map(CommandsConfig::tariffDir));
    ParkingKeysReader.Secrets secrets = ParkingKeysReader.read(parking.keysFile());
    if (sqlite == null) {
      log.error(
          "parking: storage is not usable, so reservations, lanes and payments are OFF (gates stay"
              + " closed; open them by hand)");
      return Optional.empty();
    }
    SqliteParkingStore store;
    try {
      store = sqlite.parkingStore();
    } catch (StorageException e) {
      log.error(
          "parking: cannot read its tables: {}; reservations, lanes and payments are OFF",
          e.getMessage());
      return Optional.empty();
    }
    closeables.add(store);
    if (pspGates != null) {
      closeables.add(0, pspGates);
    }
    LaneGate gpio = gpioGates == null ? lane -> false : gpioGates;
    LaneGate gate =
        lane ->
            pspGates != null && pspGates.drives(lane)
                ? pspGates.pulseOpen(lane)
                : gpio.pulseOpen(lane);
    log.info(
        "parking: tariff {} ({}), {} API keys, {} lanes",
        tariff.id(),
        tariff.sha256().substring(0, 12),
        secrets.apiKeys().size(),
        parking.lanes().size());
    return Optional.of(
        new ParkingParts(
            parking,
            tariff,
            secrets.apiKeys(),
            secrets.qrTokens(),
            store,
            store,
            store,
            gate,
            Ids.random()));
  }
}
