package dev.parkedge.proto.psp;

/**
 * Consistent Overhead Byte Stuffing (Cheshire and Baker, 1999): removes every 0x00 from a packet so
 * that 0x00 can delimit frames. Encoding adds one byte per 254 bytes of input, plus one.
 */
public final class Cobs {

  /** Returned by {@link #decode} when the input is not valid COBS. */
  public static final int INVALID = -1;

  private Cobs() {}

  /** The largest encoded size of {@code length} input bytes. */
  public static int maxEncodedLength(int length) {
    return length + length / 254 + 1;
  }

  /**
   * Encodes {@code length} bytes of {@code src} from {@code srcOffset} into {@code dst} from {@code
   * dstOffset}, without a delimiter.
   *
   * @return the number of bytes written
   */
  public static int encode(byte[] src, int srcOffset, int length, byte[] dst, int dstOffset) {
    int codeIndex = dstOffset;
    int out = dstOffset + 1;
    int code = 1;
    for (int i = srcOffset, end = srcOffset + length; i < end; i++) {
      byte b = src[i];
      if (b == 0) {
        dst[codeIndex] = (byte) code;
        codeIndex = out++;
        code = 1;
      } else {
        dst[out++] = b;
        code++;
        if (code == 0xFF) {
          dst[codeIndex] = (byte) code;
          codeIndex = out++;
          code = 1;
        }
      }
    }
    dst[codeIndex] = (byte) code;
    return out - dstOffset;
  }

  /**
   * Decodes {@code length} COBS bytes (no delimiter) from {@code src} into {@code dst}. Decoding in
   * place ({@code src == dst}, same offset) is allowed: output never overtakes input.
   *
   * @return the number of bytes written, or {@link #INVALID} if a code byte is zero or points past
   *     the end of the input
   */
  public static int decode(byte[] src, int srcOffset, int length, byte[] dst, int dstOffset) {
    int in = srcOffset;
    int end = srcOffset + length;
    int out = dstOffset;
    while (in < end) {
      int code = src[in++] & 0xFF;
      if (code == 0 || in + code - 1 > end) {
        return INVALID;
      }
      for (int i = 1; i < code; i++) {
        byte b = src[in++];
        if (b == 0) {
          return INVALID;
        }
        dst[out++] = b;
      }
      if (code != 0xFF && in < end) {
        dst[out++] = 0;
      }
    }
    return out - dstOffset;
  }
}
