package dev.parkedge.sync.contract;

import java.util.Optional;

/** What a command from the tenant account asks for; {@code name()} is its wire name. */
public enum CommandKind {
  /** body: {@code site_yaml} (the whole site file as text). Applied as a reload diff. */
  LAYOUT_PUBLISH("layout.publish"),
  /** body: {@code name} (file name, {@code [a-z0-9_-]+}), {@code tariff_yaml} (the tariff file). */
  TARIFF_PUBLISH("tariff.publish"),
  /**
   * body: {@code space} or {@code zone}, {@code start}, {@code end}, optional {@code kinds}, {@code
   * plate}, {@code method}, {@code wallet}.
   */
  RESERVATION_CREATE("reservation.create"),
  /** body: {@code reservation} (its id). */
  RESERVATION_CANCEL("reservation.cancel"),
  /** body: {@code space} (space id), {@code on} (boolean). */
  SPACE_MAINTENANCE("space.maintenance"),
  /** body: {@code lane} (number), {@code reason}, optional {@code operator}, {@code session}. */
  GATE_OPEN("gate.open");

  private final String wireName;

  CommandKind(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<CommandKind> of(String wireName) {
    for (CommandKind kind : values()) {
      if (kind.wireName.equals(wireName)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
