package dev.parkedge.proto.psp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Decodes packets (after COBS) into messages. On success it allocates only the message record (and
 * a scan's text); on failure it returns null and keeps the error and a description of it. Reusable,
 * not thread-safe: one per deframer.
 */
final class PacketReader {

  private FrameError error;
  private String detail;

  /** The last error, valid after {@link #read} returned null. */
  FrameError error() {
    return error;
  }

  /** What exactly was wrong, valid after {@link #read} returned null. */
  String detail() {
    return detail;
  }

  /** Decodes {@code length} bytes of packet at {@code offset}, or returns null with an error. */
  PspMessage read(byte[] buf, int offset, int length) {
    if (length < Psp.MIN_PACKET_LENGTH) {
      return fail(
          FrameError.BAD_LENGTH,
          "packet is " + length + " bytes, shorter than the " + Psp.MIN_PACKET_LENGTH + " minimum");
    }
    int payloadLength = buf[offset + 12] & 0xFF;
    if (payloadLength > Psp.MAX_PAYLOAD_LENGTH) {
      return fail(
          FrameError.BAD_LENGTH,
          "payload length "
              + payloadLength
              + " is over the "
              + Psp.MAX_PAYLOAD_LENGTH
              + " maximum");
    }
    if (length != Psp.MIN_PACKET_LENGTH + payloadLength) {
      return fail(
          FrameError.BAD_LENGTH,
          "payload length "
              + payloadLength
              + " needs a "
              + (Psp.MIN_PACKET_LENGTH + payloadLength)
              + "-byte packet, got "
              + length);
    }
    int crcAt = offset + Psp.HEADER_LENGTH + payloadLength;
    int carried = u16(buf, crcAt);
    int computed = Crc16.of(buf, offset, Psp.HEADER_LENGTH + payloadLength);
    if (carried != computed) {
      return fail(
          FrameError.BAD_CRC,
          "packet carries CRC " + hex16(carried) + ", computed " + hex16(computed));
    }
    int version = buf[offset] & 0xFF;
    if (version != Psp.VERSION) {
      return fail(FrameError.BAD_VERSION, "version " + hex8(version) + ", expected 0x01");
    }
    int typeCode = buf[offset + 1] & 0xFF;
    MessageType type = MessageType.ofCode(typeCode);
    if (type == null) {
      return fail(FrameError.UNKNOWN_TYPE, "type " + hex8(typeCode));
    }
    long device = u64(buf, offset + 2);
    int seq = u16(buf, offset + 10);
    return payload(type, device, seq, buf, offset + Psp.HEADER_LENGTH, payloadLength);
  }

  private PspMessage payload(MessageType type, long device, int seq, byte[] b, int p, int n) {
    switch (type) {
      case OCCUPANCY:
        {
          if (n != 4) {
            return wrongLength(type, "4", n);
          }
          var state = PspMessage.SpaceState.ofCode(b[p] & 0xFF);
          if (state == null) {
            return outOfRange("occupancy state", b[p], "0..2");
          }
          return new PspMessage.Occupancy(device, seq, state, u16(b, p + 1), b[p + 3]);
        }
      case HEARTBEAT:
        if (n != 5) {
          return wrongLength(type, "5", n);
        }
        return new PspMessage.Heartbeat(
            device, seq, u16(b, p), b[p + 2], b[p + 3] & 0xFF, b[p + 4] & 0xFF);
      case SCAN:
        return scan(device, seq, b, p, n);
      case LOOP:
        {
          if (n != 2) {
            return wrongLength(type, "2", n);
          }
          int present = b[p + 1] & 0xFF;
          if (present > 1) {
            return outOfRange("loop present", b[p + 1], "0..1");
          }
          return new PspMessage.Loop(device, seq, b[p] & 0xFF, present == 1);
        }
      case ACK:
        {
          if (n != 3) {
            return wrongLength(type, "3", n);
          }
          var status = PspMessage.AckStatus.ofCode(b[p + 2] & 0xFF);
          if (status == null) {
            return outOfRange("ack status", b[p + 2], "0..2");
          }
          return new PspMessage.Ack(device, seq, u16(b, p), status);
        }
      case INDICATOR:
        {
          if (n != 2) {
            return wrongLength(type, "2", n);
          }
          var color = PspMessage.Color.ofCode(b[p] & 0xFF);
          if (color == null) {
            return outOfRange("indicator color", b[p], "0..5");
          }
          var pattern = PspMessage.Pattern.ofCode(b[p + 1] & 0xFF);
          if (pattern == null) {
            return outOfRange("indicator pattern", b[p + 1], "0..2");
          }
          return new PspMessage.Indicator(device, seq, color, pattern);
        }
      case COUNTER:
        return counter(device, seq, b, p, n);
      case GATE:
        {
          if (n != 3) {
            return wrongLength(type, "3", n);
          }
          var action = PspMessage.GateAction.ofCode(b[p + 1] & 0xFF);
          if (action == null) {
            return outOfRange("gate action", b[p + 1], "0..2");
          }
          return new PspMessage.Gate(device, seq, b[p] & 0xFF, action, b[p + 2] & 0xFF);
        }
      case RADIO:
        return radio(device, seq, b, p, n);
    }
    throw new AssertionError(type);
  }

  private PspMessage scan(long device, int seq, byte[] b, int p, int n) {
    if (n < 3) {
      return wrongLength(MessageType.SCAN, "3..200", n);
    }
    var kind = PspMessage.ScanKind.ofCode(b[p + 1] & 0xFF);
    if (kind == null) {
      return outOfRange("scan kind", b[p + 1], "1..3");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(b, p + 2, n - 2))
              .toString();
    } catch (CharacterCodingException e) {
      return fail(FrameError.BAD_PAYLOAD, "scan text is not valid UTF-8");
    }
    return new PspMessage.Scan(device, seq, b[p] & 0xFF, kind, text);
  }

  private PspMessage counter(long device, int seq, byte[] b, int p, int n) {
    if (n != 4) {
      return wrongLength(MessageType.COUNTER, "4", n);
    }
    int value = u16(b, p);
    if (value > PspMessage.Counter.MAX_VALUE && value != PspMessage.Counter.BLANK) {
      return fail(
          FrameError.BAD_PAYLOAD, "counter value " + value + " is not 0..9999 or 65535 (blank)");
    }
    var arrow = PspMessage.Arrow.ofCode(b[p + 2] & 0xFF);
    if (arrow == null) {
      return outOfRange("counter arrow", b[p + 2], "0..4");
    }
    var color = PspMessage.Color.ofCode(b[p + 3] & 0xFF);
    if (color == null) {
      return outOfRange("counter color", b[p + 3], "0..5");
    }
    return new PspMessage.Counter(device, seq, value, arrow, color);
  }

  private PspMessage radio(long device, int seq, byte[] b, int p, int n) {
    if (n < 3 + Psp.MIN_PACKET_LENGTH) {
      return wrongLength(MessageType.RADIO, "at least " + (3 + Psp.MIN_PACKET_LENGTH), n);
    }
    int rssi = (short) u16(b, p);
    int snr = b[p + 2];
    PspMessage inner = read(b, p + 3, n - 3);
    if (inner == null) {
      return fail(FrameError.BAD_PAYLOAD, "radio inner packet: " + error.code() + ": " + detail);
    }
    if (inner instanceof PspMessage.Radio) {
      return fail(FrameError.BAD_PAYLOAD, "a radio packet cannot carry another radio packet");
    }
    return new PspMessage.Radio(device, seq, rssi, snr, inner);
  }

  private PspMessage wrongLength(MessageType type, String expected, int got) {
    return fail(
        FrameError.BAD_PAYLOAD,
        type.jsonName() + " payload expects " + expected + " bytes, got " + got);
  }

  private PspMessage outOfRange(String field, byte value, String expected) {
    return fail(FrameError.BAD_PAYLOAD, field + " " + (value & 0xFF) + " is not " + expected);
  }

  private PspMessage fail(FrameError error, String detail) {
    this.error = error;
    this.detail = detail;
    return null;
  }

  private static String hex8(int value) {
    return "0x" + HexFormat.of().toHexDigits((byte) value);
  }

  private static String hex16(int value) {
    return "0x" + HexFormat.of().toHexDigits((short) value);
  }

  static int u16(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  private static long u64(byte[] b, int at) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (b[at + i] & 0xFF);
    }
    return value;
  }
}
