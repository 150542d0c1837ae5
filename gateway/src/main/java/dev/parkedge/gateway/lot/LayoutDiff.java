package dev.parkedge.gateway.lot;

import dev.parkedge.proto.psp.Eui64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What changed between two site layouts, one human line per change, e.g. {@code added space A-003
 * (L1/L1-A)} or {@code re-paired space A-001: sensor 70b3d57ed0001001 -> 70b3d57ed0001009}. Shown
 * to the operator before a new site.yaml is applied.
 */
public record LayoutDiff(List<String> changes) {

  public LayoutDiff {
    changes = List.copyOf(changes);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /**
   * The changes from {@code before} to {@code after}: site details, spaces (removed, renamed,
   * added, re-paired, kinds changed, moved) and signs (removed, added, changed). A space that
   * disappears while a new space appears with its sensor is reported as a rename.
   */
  public static LayoutDiff between(SiteLayout before, SiteLayout after) {
    List<String> changes = new ArrayList<>();
    site(before.site(), after.site(), changes);
    spaces(before.spacesById(), after.spacesById(), changes);
    signs(byId(before.signs(), Sign::id), byId(after.signs(), Sign::id), changes);
    return new LayoutDiff(changes);
  }

  private static void site(SiteInfo before, SiteInfo after, List<String> changes) {
    change(changes, "site", "id", before.id(), after.id());
    change(changes, "site", "name", before.name(), after.name());
    change(changes, "site", "timezone", before.timezone(), after.timezone());
    change(changes, "site", "currency", before.currency(), after.currency());
  }

  private static void spaces(
      Map<String, Space> before, Map<String, Space> after, List<String> changes) {
    Map<String, Space> added = new LinkedHashMap<>(after);
    added.keySet().removeAll(before.keySet());
    for (Space old : before.values()) {
      Space now = after.get(old.id());
      if (now == null) {
        now = renamedTo(old, added);
        if (now == null) {
          changes.add("removed space " + old.id() + " (" + place(old) + ")");
          continue;
        }
        added.remove(now.id());
        changes.add(
            "renamed space "
                + old.id()
                + " -> "
                + now.id()
                + " (same sensor "
                + Eui64.format(old.sensor().eui())
                + ")");
      }
      changed(old, now, changes);
    }
    for (Space space : added.values()) {
      changes.add("added space " + space.id() + " (" + place(space) + ")");
    }
  }

  private static Space renamedTo(Space old, Map<String, Space> added) {
    if (old.sensor() == null) {
      return null;
    }
    return added.values().stream()
        .filter(space -> space.sensor() != null && space.sensor().eui() == old.sensor().eui())
        .findFirst()
        .orElse(null);
  }

  private static void changed(Space old, Space now, List<String> changes) {
    String subject = "re-paired space " + now.id();
    if (!Objects.equals(old.sensor(), now.sensor())) {
      changes.add(
          subject
              + ": sensor "
              + device(old.sensor(), now.sensor())
              + " -> "
              + device(now.sensor(), old.sensor()));
    }
    if (!Objects.equals(old.indicator(), now.indicator())) {
      changes.add(
          subject
              + ": indicator "
              + device(old.indicator(), now.indicator())
              + " -> "
              + device(now.indicator(), old.indicator()));
    }
    if (!old.kinds().equals(now.kinds())) {
      changes.add("changed kinds of space " + now.id() + ": " + kinds(old) + " -> " + kinds(now));
    }
    if (!place(old).equals(place(now))) {
      changes.add("moved space " + now.id() + ": " + place(old) + " -> " + place(now));
    }
  }

  private static void signs(
      Map<String, Sign> before, Map<String, Sign> after, List<String> changes) {
    for (Sign old : before.values()) {
      Sign now = after.get(old.id());
      if (now == null) {
        changes.add("removed sign " + old.id());
        continue;
      }
      String subject = "changed sign " + old.id();
      if (!old.device().equals(now.device())) {
        changes.add(
            subject
                + ": device "
                + device(old.device(), now.device())
                + " -> "
                + device(now.device(), old.device()));
      }
      change(changes, subject, "zones", old.zones(), now.zones());
      change(
          changes,
          subject,
          "arrow",
          old.arrow().name().toLowerCase(Locale.ROOT),
          now.arrow().name().toLowerCase(Locale.ROOT));
      change(changes, subject, "modbus", old.modbus(), now.modbus());
    }
    for (Sign sign : after.values()) {
      if (!before.containsKey(sign.id())) {
        changes.add("added sign " + sign.id() + " (zones " + String.join(", ", sign.zones()) + ")");
      }
    }
  }

  private static void change(
      List<String> changes, String subject, String what, Object old, Object now) {
    if (!Objects.equals(old, now)) {
      changes.add(subject + ": " + what + " " + old + " -> " + now);
    }
  }

  /** A device as its EUI, or with bus and model when only those differ from {@code other}. */
  private static String device(DeviceAddress device, DeviceAddress other) {
    if (device == null) {
      return "none";
    }
    if (other != null && other.eui() == device.eui()) {
      return device + (device.model() == null ? "" : " (" + device.model() + ")");
    }
    return Eui64.format(device.eui());
  }

  private static String kinds(Space space) {
    return space.kinds().stream()
        .sorted()
        .map(SpaceKind::yamlName)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String place(Space space) {
    return space.levelId() + "/" + space.zoneId();
  }

  private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
    Map<String, T> byId = new LinkedHashMap<>();
    items.forEach(item -> byId.put(id.apply(item), item));
    return byId;
  }
}
