package dev.parkedge.proto.psp;

import java.util.Locale;

/**
 * Why a frame was rejected. The checks are made in this order, and the first that fails names the
 * error: the C reference codec makes the same checks in the same order, and the shared vectors hold
 * both to it.
 */
public enum FrameError {
  /**
   * The frame is longer than the largest valid frame, the decoded packet is shorter than a header
   * and CRC, its payload length is over 200, or the packet's length disagrees with it.
   */
  BAD_LENGTH,
  /** Not valid COBS: a code byte points past the end of the frame. */
  BAD_COBS,
  /** The CRC-16 does not match. */
  BAD_CRC,
  /** The version byte is not 0x01. */
  BAD_VERSION,
  /** A type code PSP/1 does not define: skipped, for forward compatibility. */
  UNKNOWN_TYPE,
  /** The payload does not fit its type: wrong length, a value outside its range, bad UTF-8. */
  BAD_PAYLOAD;

  private final String code = name().toLowerCase(Locale.ROOT);

  /** The stable lowercase code, e.g. {@code bad_crc}. */
  public String code() {
    return code;
  }
}
