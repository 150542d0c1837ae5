package dev.parkedge.proto.psp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Encodes messages to PSP/1 packets and frames, and decodes single packets. Stateless. */
public final class PspCodec {

  private PspCodec() {}

  /** The packet (header, payload, CRC) for a message. */
  public static byte[] encodePacket(PspMessage message) {
    byte[] packet = new byte[Psp.MAX_PACKET_LENGTH];
    return Arrays.copyOf(packet, writePacket(message, packet, 0));
  }

  /** The frame on the wire for a message: COBS of the packet, then the 0x00 delimiter. */
  public static byte[] encodeFrame(PspMessage message) {
    byte[] packet = encodePacket(message);
    byte[] frame = new byte[Cobs.maxEncodedLength(packet.length) + 1];
    int length = Cobs.encode(packet, 0, packet.length, frame, 0);
    frame[length] = Psp.DELIMITER;
    return Arrays.copyOf(frame, length + 1);
  }

  /**
   * Decodes one packet (already un-stuffed, no delimiter).
   *
   * @throws PspFormatException naming the first check the packet fails
   */
  public static PspMessage decodePacket(byte[] packet) throws PspFormatException {
    PacketReader reader = new PacketReader();
    PspMessage message = reader.read(packet, 0, packet.length);
    if (message == null) {
      throw new PspFormatException(reader.error(), reader.detail());
    }
    return message;
  }

  /** Writes the packet for {@code message} at {@code offset}; returns its length. */
  static int writePacket(PspMessage message, byte[] out, int offset) {
    out[offset] = (byte) Psp.VERSION;
    out[offset + 1] = (byte) message.type().code();
    putU64(out, offset + 2, message.device());
    putU16(out, offset + 10, message.seq());
    int payloadLength = writePayload(message, out, offset + Psp.HEADER_LENGTH);
    out[offset + 12] = (byte) payloadLength;
    int crcAt = offset + Psp.HEADER_LENGTH + payloadLength;
    putU16(out, crcAt, Crc16.of(out, offset, Psp.HEADER_LENGTH + payloadLength));
    return crcAt + Psp.CRC_LENGTH - offset;
  }

  private static int writePayload(PspMessage message, byte[] out, int p) {
    if (message instanceof PspMessage.Occupancy m) {
      return bytes(out, p, m.state().code(), m.batteryMv() >> 8, m.batteryMv(), m.temperatureC());
    } else if (message instanceof PspMessage.Heartbeat m) {
      return bytes(
          out,
          p,
          m.batteryMv() >> 8,
          m.batteryMv(),
          m.temperatureC(),
          m.firmwareMajor(),
          m.firmwareMinor());
    } else if (message instanceof PspMessage.Scan m) {
      byte[] text = m.text().getBytes(StandardCharsets.UTF_8);
      bytes(out, p, m.lane(), m.kind().code());
      System.arraycopy(text, 0, out, p + 2, text.length);
      return 2 + text.length;
    } else if (message instanceof PspMessage.Loop m) {
      return bytes(out, p, m.lane(), m.present() ? 1 : 0);
    } else if (message instanceof PspMessage.Ack m) {
      return bytes(out, p, m.ackedSeq() >> 8, m.ackedSeq(), m.status().code());
    } else if (message instanceof PspMessage.Indicator m) {
      return bytes(out, p, m.color().code(), m.pattern().code());
    } else if (message instanceof PspMessage.Counter m) {
      return bytes(out, p, m.value() >> 8, m.value(), m.arrow().code(), m.color().code());
    } else if (message instanceof PspMessage.Gate m) {
      return bytes(out, p, m.lane(), m.action().code(), m.holdS());
    } else if (message instanceof PspMessage.Radio m) {
      bytes(out, p, m.rssiDbm() >> 8, m.rssiDbm(), m.snrQuarterDb());
      return 3 + writePacket(m.inner(), out, p + 3);
    }
    throw new AssertionError(message);
  }

  private static int bytes(byte[] out, int p, int... values) {
    for (int i = 0; i < values.length; i++) {
      out[p + i] = (byte) values[i];
    }
    return values.length;
  }

  private static void putU16(byte[] out, int at, int value) {
    out[at] = (byte) (value >> 8);
    out[at + 1] = (byte) value;
  }

  private static void putU64(byte[] out, int at, long value) {
    for (int i = 7; i >= 0; i--) {
      out[at + i] = (byte) value;
      value >>>= 8;
    }
  }
}
