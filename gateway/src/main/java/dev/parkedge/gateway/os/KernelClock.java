package dev.parkedge.gateway.os;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Optional;

/**
 * Whether the kernel considers the system clock synchronised, as timedatectl's "System clock
 * synchronized" does: {@code adjtimex(2)} in read-only mode returns {@code TIME_ERROR} (5) while
 * the clock is unsynchronised (STA_UNSYNC), whichever NTP client (timesyncd, chrony, ntpd) steers
 * it.
 */
public final class KernelClock {

  /** adjtimex(2)'s state when the clock is not synchronised. */
  static final int TIME_ERROR = 5;

  /** struct timex is 208 bytes on 64-bit Linux, 128 on 32-bit; room for both. */
  private static final int TIMEX_BYTES = 512;

  interface LibC extends Library {
    int adjtimex(Pointer timex);
  }

  private KernelClock() {}

  /** True or false from the kernel, empty when it cannot be asked. */
  public static Optional<Boolean> synchronised() {
    try {
      LibC libc = Native.load("c", LibC.class);
      Memory timex = new Memory(TIMEX_BYTES);
      timex.clear(); // modes = 0: read only
      int state = libc.adjtimex(timex);
      if (state < 0) {
        return Optional.empty();
      }
      return Optional.of(state != TIME_ERROR);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return Optional.empty();
    }
  }
}
