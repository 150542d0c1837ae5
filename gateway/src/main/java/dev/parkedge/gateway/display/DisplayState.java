package dev.parkedge.gateway.display;

import dev.parkedge.proto.psp.PspMessage;
import dev.parkedge.proto.psp.PspMessage.Arrow;
import dev.parkedge.proto.psp.PspMessage.Color;
import dev.parkedge.proto.psp.PspMessage.Pattern;
import java.util.Objects;

/** What a display should show: displays are driven from state, never from single events. */
public sealed interface DisplayState {

  /**
   * The PSP/1 command that puts this state on the display {@code device}: an indicator command for
   * a light, a counter command for a sign. Every transport that speaks PSP/1 to displays (serial
   * bus, LoRaWAN downlink) sends this message.
   */
  PspMessage pspMessage(long device, int seq);

  /** The light above a space. */
  record Light(Color color, Pattern pattern) implements DisplayState {
    public Light {
      Objects.requireNonNull(color, "color");
      Objects.requireNonNull(pattern, "pattern");
    }

    @Override
    public PspMessage.Indicator pspMessage(long device, int seq) {
      return new PspMessage.Indicator(device, seq, color, pattern);
    }
  }

  /**
   * A count sign.
   *
   * @param free the number of free spaces to show, or null to blank the sign
   */
  record Count(Integer free, Arrow arrow, Color color) implements DisplayState {
    public Count {
      if (free != null && (free < 0 || free > 9999)) {
        throw new IllegalArgumentException("a sign shows 0..9999, got " + free);
      }
      Objects.requireNonNull(arrow, "arrow");
      Objects.requireNonNull(color, "color");
    }

    public boolean blank() {
      return free == null;
    }

    @Override
    public PspMessage.Counter pspMessage(long device, int seq) {
      return blank()
          ? PspMessage.Counter.blank(device, seq, arrow, color)
          : new PspMessage.Counter(device, seq, free, arrow, color);
    }
  }
}
