package dev.parkedge.gateway.remote;

import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.parking.Refusal;
import java.nio.file.Path;

/**
 * Makes a published tariff, already checked against its own examples and stored, the one the
 * parking service prices by; the gateway's composition root implements it (domain thread, journal,
 * and the pointer that survives a restart).
 */
@FunctionalInterface
public interface TariffActivation {

  /**
   * Activates {@code tariff}, read from {@code file}; the same tariff again changes nothing.
   *
   * @return what happened, for the command's result
   * @throws Refusal when it cannot be the site's tariff (another currency)
   */
  String activate(Tariff tariff, Path file, String commandId) throws Refusal;
}
