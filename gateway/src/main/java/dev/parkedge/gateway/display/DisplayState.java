package dev.parkedge.gateway.display;

import dev.parkedge.proto.psp.PspMessage;
import dev.parkedge.proto.psp.PspMessage.Arrow;
import dev.parkedge.proto.psp.PspMessage.Color;
import dev.parkedge.proto.psp.PspMessage.Pattern;
import java.util.Objects;

/** What a display should show: displays are driven from state, never from single events. */
public sealed interface DisplayState {

  /**
   * The PSP/1 packet that puts this state on the display {@code device}: an Indicator for a light,
   * a Counter for a sign. The same packet whatever carries it (a serial bus, CoAP).
   *
   * @param seq the packet's sequence number, 0..65535
   */
  PspMessage message(long device, int seq);

  /** The light above a space. */
  record Light(Color color, Pattern pattern) implements DisplayState {
    public Light {
      Objects.requireNonNull(color, "color");
      Objects.requireNonNull(pattern, "pattern");
    }

    @Override
    public PspMessage.Indicator message(long device, int seq) {
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
    public PspMessage.Counter message(long device, int seq) {
      return blank()
          ? PspMessage.Counter.blank(device, seq, arrow, color)
          : new PspMessage.Counter(device, seq, free, arrow, color);
    }
  }
}
