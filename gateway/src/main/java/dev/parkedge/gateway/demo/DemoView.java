package dev.parkedge.gateway.demo;

import dev.parkedge.gateway.api.DeviceView;
import dev.parkedge.gateway.api.GatewayControl;
import dev.parkedge.gateway.api.StatusView;
import dev.parkedge.gateway.lot.Level;
import dev.parkedge.gateway.lot.Sign;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.lot.Space;
import dev.parkedge.gateway.lot.Zone;
import dev.parkedge.proto.psp.PspMessage;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The demo's terminal view: the lot map with each space in the colour its light really shows (read
 * back from the simulated lights), the signs as they really read, device health and rates. It asks
 * the gateway through the same control port the local API serves.
 */
final class DemoView {

  private static final String RESET = "\u001b[0m";
  private static final String CLEAR = "\u001b[H\u001b[2J";

  private final SiteLayout layout;
  private final InMemoryBus bus;
  private final GatewayControl control;
  private final SimulatedLot lot;
  private final boolean ansi;
  private long lastFrames;
  private long lastNanos;

  DemoView(
      SiteLayout layout, InMemoryBus bus, GatewayControl control, SimulatedLot lot, boolean ansi) {
    this.layout = layout;
    this.bus = bus;
    this.control = control;
    this.lot = lot;
    this.ansi = ansi;
  }

  /**
   * Draws one screen.
   *
   * @param time the demo's clock: the site's time of day is shown, and rates are per real second
   * @param business the lines about money, sessions and sync, drawn under the status
   */
  void render(PrintWriter out, long elapsedSeconds, DemoTime time, List<String> business) {
    StatusView status = control.status();
    StringBuilder screen = new StringBuilder();
    if (ansi) {
      screen.append(CLEAR);
    }
    screen.append(
        String.format(
            Locale.ROOT,
            "ParkEdge demo — site %s — %d s — site time %s (×%.0f) — %.0f frames/s — journal seq %d — storage %s%n",
            status.site(),
            elapsedSeconds,
            LocalTime.ofInstant(time.instant(), layout.site().timezone())
                .truncatedTo(ChronoUnit.MINUTES),
            time.speed(),
            framesPerSecond(),
            status.journalSeq(),
            status.storage()));
    business.forEach(line -> screen.append(line).append('\n'));
    screen.append(
        String.format(
            Locale.ROOT,
            "spaces: %d free, %d occupied, %d unknown, %d maintenance   devices: %d ok, %d degraded, %d stale, %d orphan%n%n",
            status.spaces().get("free"),
            status.spaces().get("occupied"),
            status.spaces().get("unknown"),
            status.spaces().get("maintenance"),
            status.devices().get("ok"),
            status.devices().get("degraded"),
            status.devices().get("stale"),
            status.devices().get("orphan")));
    for (Level level : layout.levels()) {
      for (Zone zone : level.zones()) {
        screen.append(String.format(Locale.ROOT, "%-6s %-22s ", zone.id(), sign(zone.id())));
        for (Space space : zone.spaces()) {
          screen.append(cell(bus.display(space.indicator().eui())));
        }
        screen.append('\n');
      }
      Sign entrance =
          layout.signs().stream()
              .filter(s -> s.id().equals(level.id() + "-entrance"))
              .findFirst()
              .orElse(null);
      if (entrance != null) {
        screen.append(String.format(Locale.ROOT, "%-6s %-22s%n", "", sign(entrance.id())));
      }
    }
    screen.append('\n');
    screen.append(legend());
    List<DeviceView> attention =
        control.devices().stream().filter(d -> !d.health().equals("ok")).limit(6).toList();
    if (!attention.isEmpty()) {
      screen.append("\ndevices needing attention:\n");
      attention.forEach(
          d ->
              screen.append(
                  String.format(
                      Locale.ROOT,
                      "  %s %-8s %-8s %s%n",
                      d.eui(),
                      d.role(),
                      d.health(),
                      d.reason())));
    }
    List<String> happenings = lot.happenings();
    if (!happenings.isEmpty()) {
      screen.append("\nsimulation: ");
      screen.append(
          String.join(
              "; ", happenings.stream().map(h -> h.substring(h.indexOf(':') + 1)).toList()));
      screen.append('\n');
    }
    status.alarms().forEach(alarm -> screen.append("ALARM ").append(alarm).append('\n'));
    out.print(screen);
    out.flush();
  }

  /**
   * Frames the simulated devices sent per real second since the last screen (the gateway's own rate
   * is per simulated second, and rounded).
   */
  private double framesPerSecond() {
    long now = System.nanoTime();
    long frames = lot.framesSent();
    double rate = lastNanos == 0 ? 0 : (frames - lastFrames) * 1e9 / (now - lastNanos);
    lastFrames = frames;
    lastNanos = now;
    return rate;
  }

  /** The sign as its display shows it, e.g. "L1-A ← 12". */
  private String sign(String signId) {
    Sign sign =
        layout.signs().stream().filter(s -> s.id().equals(signId)).findFirst().orElseThrow();
    PspMessage shown = bus.display(sign.device().eui());
    String arrow =
        switch (sign.arrow()) {
          case LEFT -> "←";
          case RIGHT -> "→";
          case UP -> "↑";
          case DOWN -> "↓";
          case NONE -> " ";
        };
    if (!(shown instanceof PspMessage.Counter counter)) {
      return "[" + signId + " " + arrow + "  ----]";
    }
    String value = counter.isBlank() ? "    " : String.format(Locale.ROOT, "%4d", counter.value());
    return color(counter.color()) + "[" + signId + " " + arrow + " " + value + "]" + reset();
  }

  private String cell(PspMessage shown) {
    if (!(shown instanceof PspMessage.Indicator light)) {
      return " ";
    }
    String glyph = light.pattern() == PspMessage.Pattern.SOLID ? "■" : "?";
    if (!ansi) {
      glyph =
          switch (light.color()) {
            case GREEN -> ".";
            case RED -> "X";
            case BLUE -> "R";
            case AMBER -> light.pattern() == PspMessage.Pattern.SOLID ? "M" : "?";
            default -> " ";
          };
    }
    return color(light.color()) + glyph + reset();
  }

  private String legend() {
    if (!ansi) {
      return "legend: . free   X occupied   R reserved   M maintenance   ? unknown (sensor silent or faulty)\n";
    }
    return color(PspMessage.Color.GREEN)
        + "■"
        + reset()
        + " free   "
        + color(PspMessage.Color.RED)
        + "■"
        + reset()
        + " occupied   "
        + color(PspMessage.Color.BLUE)
        + "■"
        + reset()
        + " reserved   "
        + color(PspMessage.Color.AMBER)
        + "■"
        + reset()
        + " maintenance   "
        + color(PspMessage.Color.AMBER)
        + "?"
        + reset()
        + " unknown (sensor silent or faulty)\n";
  }

  private String color(PspMessage.Color color) {
    if (!ansi) {
      return "";
    }
    return switch (color) {
      case GREEN -> "\u001b[32m";
      case RED -> "\u001b[31m";
      case BLUE -> "\u001b[34m";
      case AMBER -> "\u001b[33m";
      case WHITE -> "\u001b[37m";
      case OFF -> "\u001b[90m";
    };
  }

  private String reset() {
    return ansi ? RESET : "";
  }
}
