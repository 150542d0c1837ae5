package dev.parkedge.proto.psp;

/**
 * CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, xorout 0. {@code "123456789"} gives
 * 0x29B1.
 */
public final class Crc16 {

  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int crc = i << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
      TABLE[i] = crc & 0xFFFF;
    }
  }

  private Crc16() {}

  /** The CRC of {@code length} bytes of {@code data} from {@code offset}. */
  public static int of(byte[] data, int offset, int length) {
    int crc = 0xFFFF;
    for (int i = offset, end = offset + length; i < end; i++) {
      crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ data[i]) & 0xFF]) & 0xFFFF;
    }
    return crc;
  }
}
