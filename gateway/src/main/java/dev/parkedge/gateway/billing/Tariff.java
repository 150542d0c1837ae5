package dev.parkedge.gateway.billing;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A parking tariff as loaded from its file: validated, immutable, and identified by the SHA-256 of
 * the file's exact bytes. {@link #quote(Stay)} prices a stay with a trace; {@link #checkExamples()}
 * evaluates the example stays the file carries.
 *
 * @param id e.g. {@code city-garage-2026}
 * @param name as shown to drivers
 * @param zone the site's time zone: every rule is in local time
 * @param currency every amount's currency
 * @param tax the VAT, if any
 * @param settings the explicit answers to what tariffs leave unsaid
 * @param classes the vehicle classes, e.g. car, motorcycle
 * @param holidays the public holidays the products can refer to
 * @param grace the grace periods
 * @param pickupWindows free pick-up / drop-off windows
 * @param lostTicket the lost-ticket fee, if any
 * @param validations the validations by code
 * @param products the products, in file order (which is the priority order)
 * @param examples the example stays with the fee they must produce
 * @param sha256 SHA-256 of the file's bytes, in lower-case hex
 */
public record Tariff(
    String id,
    String name,
    ZoneId zone,
    Currency currency,
    Optional<Tax> tax,
    TariffSettings settings,
    List<String> classes,
    Set<LocalDate> holidays,
    Grace grace,
    List<PickupWindow> pickupWindows,
    Optional<LostTicket> lostTicket,
    List<Validation> validations,
    List<Product> products,
    List<TariffExample> examples,
    String sha256) {

  public Tariff {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(tax, "tax");
    Objects.requireNonNull(settings, "settings");
    classes = List.copyOf(classes);
    holidays = Set.copyOf(holidays);
    Objects.requireNonNull(grace, "grace");
    pickupWindows = List.copyOf(pickupWindows);
    Objects.requireNonNull(lostTicket, "lostTicket");
    validations = List.copyOf(validations);
    products = List.copyOf(products);
    examples = List.copyOf(examples);
    Objects.requireNonNull(sha256, "sha256");
    if (!classes.contains(settings.defaultClass())) {
      throw new IllegalArgumentException(
          "default class " + settings.defaultClass() + " is not one of " + classes);
    }
    for (String vehicleClass : classes) {
      if (products.stream().noneMatch(p -> p.isFor(vehicleClass) && p.window().isAlways())) {
        throw new IllegalArgumentException(
            "class " + vehicleClass + " has no product that applies to every stay");
      }
    }
  }

  /**
   * The fee for {@code stay}, with its trace.
   *
   * @throws IllegalArgumentException for a vehicle class or validation code the tariff does not
   *     know, or earlier visits charged in another currency
   */
  public Quote quote(Stay stay) {
    return new Pricing(this).quote(stay);
  }

  /** Evaluates every example of the file, in file order. */
  public List<ExampleResult> checkExamples() {
    Pricing pricing = new Pricing(this);
    List<ExampleResult> results = new ArrayList<>();
    for (TariffExample example : examples) {
      results.add(example.check(pricing::quote));
    }
    return results;
  }

  /** The validation of {@code code}, if the tariff has one. */
  public Optional<Validation> validation(String code) {
    return validations.stream().filter(v -> v.code().equals(code)).findFirst();
  }
}
