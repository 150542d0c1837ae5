package dev.parkedge.gateway.testing;

import dev.parkedge.gateway.display.DisplayDriver;
import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.gateway.display.DisplayStats;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.proto.psp.Eui64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records what each display was told, in order. */
public final class RecordingDisplayDriver implements DisplayDriver {

  public final List<String> commands = new ArrayList<>();
  public final Map<Long, DisplayState> latest = new LinkedHashMap<>();

  @Override
  public boolean drives(DeviceAddress address) {
    return true;
  }

  @Override
  public synchronized void show(DeviceAddress address, DisplayState state) {
    commands.add(Eui64.format(address.eui()) + " " + describe(state));
    latest.put(address.eui(), state);
  }

  @Override
  public DisplayStats stats() {
    return new DisplayStats(commands.size(), 0, commands.size(), 0);
  }

  /** "green solid", "sign 42 left green", "sign blank". */
  public static String describe(DisplayState state) {
    if (state instanceof DisplayState.Light light) {
      return light.color().jsonName() + " " + light.pattern().jsonName();
    }
    DisplayState.Count count = (DisplayState.Count) state;
    return count.blank()
        ? "sign blank"
        : "sign " + count.free() + " " + count.arrow().jsonName() + " " + count.color().jsonName();
  }

  public synchronized String latest(long eui) {
    DisplayState state = latest.get(eui);
    return state == null ? null : describe(state);
  }

  public synchronized void clear() {
    commands.clear();
  }
}
