package dev.parkedge.gateway.lot;

import java.time.ZoneId;
import java.util.Currency;
import java.util.Objects;

/** The site as a whole: its id in the tenant account, name, time zone and currency. */
public record SiteInfo(String id, String name, ZoneId timezone, Currency currency) {
  public SiteInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(timezone, "timezone");
    Objects.requireNonNull(currency, "currency");
  }
}
