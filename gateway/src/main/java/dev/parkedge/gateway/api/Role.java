package dev.parkedge.gateway.api;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an API key may do. A kiosk books and takes payments but cannot open gates; a lane device
 * scans and takes payments at the exit but cannot refund; an installer tests lanes and gates; a
 * viewer only reads; an operator may do everything, including refunds and opening gates by hand.
 */
public enum Role {
  OPERATOR(EnumSet.allOf(Permission.class)),
  KIOSK(EnumSet.of(Permission.VIEW, Permission.BOOK, Permission.PAY, Permission.TOP_UP)),
  LANE(EnumSet.of(Permission.VIEW, Permission.SCAN, Permission.PAY)),
  INSTALLER(EnumSet.of(Permission.VIEW, Permission.SCAN, Permission.OPEN_GATE)),
  VIEWER(EnumSet.of(Permission.VIEW));

  /** One kind of request. */
  public enum Permission {
    /** Read reservations, availability, sessions, quotes, reports. */
    VIEW,
    /** Create and cancel reservations. */
    BOOK,
    /** Record payments. */
    PAY,
    /** Put money into wallets. */
    TOP_UP,
    /** Report scans and loops at lanes. */
    SCAN,
    /** Open a gate by hand. */
    OPEN_GATE,
    /** Give money back. */
    REFUND;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Set<Permission> permissions;

  Role(Set<Permission> permissions) {
    this.permissions = permissions;
  }

  public boolean may(Permission permission) {
    return permissions.contains(permission);
  }

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String text) {
    return Arrays.stream(values()).filter(r -> r.jsonName().equals(text)).findFirst();
  }
}
