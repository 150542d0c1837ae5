package dev.parkedge.proto.lorawan.nwave;

import dev.parkedge.proto.lorawan.PayloadException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One Nwave uplink being decoded: the model, the port and the bytes, with the length checks and
 * unsigned reads every Nwave message needs. Reads are only made after a length check, so a short
 * payload is always refused with a {@link PayloadException} rather than an index error.
 */
final class Frame {

  private final String model;
  private final int fPort;
  private final byte[] bytes;

  Frame(String model, int fPort, byte[] bytes) {
    this.model = model;
    this.fPort = fPort;
    this.bytes = bytes == null ? new byte[0] : bytes;
  }

  /** Refuses the payload unless it is exactly {@code expected} bytes long. */
  Frame requireLength(int expected) throws PayloadException {
    if (bytes.length != expected) {
      throw refuse("expected " + byteCount(expected) + ", got " + bytes.length);
    }
    return this;
  }

  /** Refuses the payload unless it is one of two lengths. */
  Frame requireLength(int expected, int alternative) throws PayloadException {
    if (bytes.length != expected && bytes.length != alternative) {
      throw refuse(
          "expected " + expected + " or " + byteCount(alternative) + ", got " + bytes.length);
    }
    return this;
  }

  /** Refuses the payload unless it is at least {@code minimum} bytes long. */
  Frame requireAtLeast(int minimum) throws PayloadException {
    if (bytes.length < minimum) {
      throw refuse("expected at least " + byteCount(minimum) + ", got " + bytes.length);
    }
    return this;
  }

  /** The refusal for a port this model does not send on. */
  PayloadException unknownPort(int... knownPorts) {
    String known =
        Arrays.stream(knownPorts).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    return refuse("unknown port, expected one of " + known);
  }

  PayloadException refuse(String problem) {
    return new PayloadException(model, fPort, problem);
  }

  /** The byte at {@code index} as 0..255. */
  int u8(int index) {
    return bytes[index] & 0xFF;
  }

  /** The byte at {@code index} as -128..127. */
  int s8(int index) {
    return bytes[index];
  }

  /** Whether the lowest bit of the byte at {@code index} is set. */
  boolean bit0(int index) {
    return (bytes[index] & 0x01) != 0;
  }

  int length() {
    return bytes.length;
  }

  private static String byteCount(int n) {
    return n == 1 ? "1 byte" : n + " bytes";
  }
}
