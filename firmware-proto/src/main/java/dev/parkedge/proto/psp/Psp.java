package dev.parkedge.proto.psp;

/** PSP/1 sizes. */
public final class Psp {

  /** The version byte of PSP/1. */
  public static final int VERSION = 0x01;

  /** Version, type, device, seq and payload length. */
  public static final int HEADER_LENGTH = 13;

  public static final int CRC_LENGTH = 2;

  public static final int MAX_PAYLOAD_LENGTH = 200;

  /** The smallest packet: a header, no payload, a CRC. */
  public static final int MIN_PACKET_LENGTH = HEADER_LENGTH + CRC_LENGTH;

  public static final int MAX_PACKET_LENGTH = MIN_PACKET_LENGTH + MAX_PAYLOAD_LENGTH;

  /** The longest COBS encoding of a packet, without its 0x00 delimiter: 216 bytes. */
  public static final int MAX_ENCODED_LENGTH = Cobs.maxEncodedLength(MAX_PACKET_LENGTH);

  /** The frame delimiter. */
  public static final byte DELIMITER = 0x00;

  private Psp() {}
}
