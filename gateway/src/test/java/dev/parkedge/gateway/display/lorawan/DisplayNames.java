package dev.parkedge.gateway.display.lorawan;

import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.proto.psp.PspMessage.Arrow;
import dev.parkedge.proto.psp.PspMessage.Color;
import dev.parkedge.proto.psp.PspMessage.Pattern;
import java.util.Locale;

/**
 * Short names for LoRaWAN displays and states in test tables: {@code L3} is the third space light,
 * {@code C2} the second count sign; a light shows {@code green} (solid), a sign {@code 12} (free
 * spaces, green) or {@code blank}.
 */
final class DisplayNames {

  private static final long LIGHTS = 0x70B3D57ED0010000L;
  private static final long SIGNS = 0x70B3D57ED0020000L;

  private DisplayNames() {}

  static DeviceAddress light(int n) {
    return new DeviceAddress(LIGHTS + n, "lorawan", Psp1LorawanModel.ID);
  }

  static DeviceAddress sign(int n) {
    return new DeviceAddress(SIGNS + n, "lorawan", Psp1LorawanModel.ID);
  }

  static DeviceAddress address(String name) {
    int n = Integer.parseInt(name.substring(1));
    return switch (name.charAt(0)) {
      case 'L' -> light(n);
      case 'C' -> sign(n);
      default -> throw new IllegalArgumentException("display names are L<n> or C<n>: " + name);
    };
  }

  static String name(DeviceAddress address) {
    long eui = address.eui();
    return eui >= SIGNS ? "C" + (eui - SIGNS) : "L" + (eui - LIGHTS);
  }

  static DisplayState state(String text) {
    if (text.equals("blank")) {
      return new DisplayState.Count(null, Arrow.NONE, Color.OFF);
    }
    if (Character.isDigit(text.charAt(0))) {
      return new DisplayState.Count(Integer.parseInt(text), Arrow.NONE, Color.GREEN);
    }
    return new DisplayState.Light(Color.valueOf(text.toUpperCase(Locale.ROOT)), Pattern.SOLID);
  }

  static String describe(DisplayState state) {
    if (state instanceof DisplayState.Light light) {
      return light.color().name().toLowerCase(Locale.ROOT);
    }
    DisplayState.Count count = (DisplayState.Count) state;
    return count.blank() ? "blank" : String.valueOf(count.free());
  }
}
