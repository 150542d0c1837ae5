package dev.parkedge.gateway.runtime;

import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.parking.Parking;
import dev.parkedge.gateway.parking.Refusal;
import dev.parkedge.gateway.remote.TariffActivation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code tariff.publish}'s activation on a running gateway: the domain switches tariffs and
 * journals {@code tariff.activated} (durably); then the pointer in the tariff folder ({@link
 * ActiveTariff}) makes the switch survive a restart.
 */
public final class TariffActivator implements TariffActivation {

  private final Gateway gateway;
  private final Path folder;
  private final Path configured;

  /**
   * @param folder {@code commands.tariff_dir}, where the pointer lives
   * @param configured {@code parking.tariff_file}, whose hash the pointer records
   */
  public TariffActivator(Gateway gateway, Path folder, Path configured) {
    this.gateway = gateway;
    this.folder = folder;
    this.configured = configured;
  }

  @Override
  public String activate(Tariff tariff, Path file, String commandId) throws Refusal {
    Parking.TariffChange change;
    try {
      change =
          gateway
              .activateTariff(tariff, "tariff.publish " + commandId, file)
              .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Refusal refusal) {
        throw refusal;
      }
      throw new IllegalStateException("activation not committed: " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("activation not committed within 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while activating", e);
    }
    try {
      // Also when unchanged: a crash after the journal and before the pointer is healed here.
      ActiveTariff.remember(folder, file, tariff, configured);
    } catch (IOException e) {
      throw new IllegalStateException(
          "active now, but the pointer in " + folder + " was not written: " + e, e);
    }
    return change.changed()
        ? "active now, replacing "
            + change.previous().id()
            + " (sha256 "
            + change.previous().sha256()
            + ")"
        : "already the active tariff";
  }
}
