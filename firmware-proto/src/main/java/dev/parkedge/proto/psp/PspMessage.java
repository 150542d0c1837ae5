package dev.parkedge.proto.psp;

import java.nio.charset.StandardCharsets;

/**
 * One PSP/1 packet: header fields (device, seq) and a typed payload. One record per message type;
 * each validates its fields, so a value that exists can always be encoded.
 *
 * <p>The device is the EUI-64 as a {@code long} (see {@link Eui64}) so that decoding a packet
 * allocates nothing but the record.
 */
public sealed interface PspMessage
    permits PspMessage.Occupancy,
        PspMessage.Heartbeat,
        PspMessage.Scan,
        PspMessage.Loop,
        PspMessage.Ack,
        PspMessage.Indicator,
        PspMessage.Counter,
        PspMessage.Gate,
        PspMessage.Radio {

  /** The sender (uplinks) or the target (downlinks). */
  long device();

  /** Sequence number, 0..65535, per sender and device; wraps. */
  int seq();

  MessageType type();

  /** A space sensor's state: 0 free, 1 occupied, 2 fault. */
  record Occupancy(long device, int seq, SpaceState state, int batteryMv, int temperatureC)
      implements PspMessage {
    public Occupancy {
      Ranges.seq(seq);
      Ranges.notNull("state", state);
      Ranges.u16("battery_mv", batteryMv);
      Ranges.i8("temperature_c", temperatureC);
    }

    @Override
    public MessageType type() {
      return MessageType.OCCUPANCY;
    }
  }

  /** A device's periodic health report. */
  record Heartbeat(
      long device, int seq, int batteryMv, int temperatureC, int firmwareMajor, int firmwareMinor)
      implements PspMessage {
    public Heartbeat {
      Ranges.seq(seq);
      Ranges.u16("battery_mv", batteryMv);
      Ranges.i8("temperature_c", temperatureC);
      Ranges.u8("firmware major", firmwareMajor);
      Ranges.u8("firmware minor", firmwareMinor);
    }

    /** The firmware version as {@code major.minor}. */
    public String firmware() {
      return firmwareMajor + "." + firmwareMinor;
    }

    @Override
    public MessageType type() {
      return MessageType.HEARTBEAT;
    }
  }

  /** A QR code, licence plate or ticket read at a lane. Text is 1..198 bytes of UTF-8. */
  record Scan(long device, int seq, int lane, ScanKind kind, String text) implements PspMessage {
    /** The longest text a scan can carry, in UTF-8 bytes. */
    public static final int MAX_TEXT_BYTES = 198;

    public Scan {
      Ranges.seq(seq);
      Ranges.u8("lane", lane);
      Ranges.notNull("kind", kind);
      Ranges.notNull("text", text);
      int bytes = text.getBytes(StandardCharsets.UTF_8).length;
      if (bytes < 1 || bytes > MAX_TEXT_BYTES) {
        throw new IllegalArgumentException(
            "scan text must be 1.." + MAX_TEXT_BYTES + " bytes of UTF-8, got " + bytes);
      }
    }

    @Override
    public MessageType type() {
      return MessageType.SCAN;
    }
  }

  /** An inductive-loop vehicle detector at a lane. */
  record Loop(long device, int seq, int lane, boolean present) implements PspMessage {
    public Loop {
      Ranges.seq(seq);
      Ranges.u8("lane", lane);
    }

    @Override
    public MessageType type() {
      return MessageType.LOOP;
    }
  }

  /** Acknowledges the packet with seq {@code ackedSeq}. */
  record Ack(long device, int seq, int ackedSeq, AckStatus status) implements PspMessage {
    public Ack {
      Ranges.seq(seq);
      Ranges.u16("acked_seq", ackedSeq);
      Ranges.notNull("status", status);
    }

    @Override
    public MessageType type() {
      return MessageType.ACK;
    }
  }

  /** Sets the light above a space. */
  record Indicator(long device, int seq, Color color, Pattern pattern) implements PspMessage {
    public Indicator {
      Ranges.seq(seq);
      Ranges.notNull("color", color);
      Ranges.notNull("pattern", pattern);
    }

    @Override
    public MessageType type() {
      return MessageType.INDICATOR;
    }
  }

  /** Sets a count sign: a value 0..9999, or blank. */
  record Counter(long device, int seq, int value, Arrow arrow, Color color) implements PspMessage {
    /** The largest number a sign shows. */
    public static final int MAX_VALUE = 9999;

    /** The wire value that blanks the sign. */
    public static final int BLANK = 0xFFFF;

    public Counter {
      Ranges.seq(seq);
      if (value != BLANK && (value < 0 || value > MAX_VALUE)) {
        throw new IllegalArgumentException(
            "counter value must be 0.." + MAX_VALUE + " or blank, got " + value);
      }
      Ranges.notNull("arrow", arrow);
      Ranges.notNull("color", color);
    }

    /** A counter command that blanks the sign. */
    public static Counter blank(long device, int seq, Arrow arrow, Color color) {
      return new Counter(device, seq, BLANK, arrow, color);
    }

    public boolean isBlank() {
      return value == BLANK;
    }

    @Override
    public MessageType type() {
      return MessageType.COUNTER;
    }
  }

  /** Moves a barrier gate at a lane; {@code holdS} seconds to hold it open. */
  record Gate(long device, int seq, int lane, GateAction action, int holdS) implements PspMessage {
    public Gate {
      Ranges.seq(seq);
      Ranges.u8("lane", lane);
      Ranges.notNull("action", action);
      Ranges.u8("hold_s", holdS);
    }

    @Override
    public MessageType type() {
      return MessageType.GATE;
    }
  }

  /**
   * A packet heard by a LoRa point-to-point radio bridge, with the signal it was heard at. The
   * inner packet is never itself a radio packet.
   *
   * @param snrQuarterDb signal-to-noise ratio in quarter dB, as on the wire
   */
  record Radio(long device, int seq, int rssiDbm, int snrQuarterDb, PspMessage inner)
      implements PspMessage {
    public Radio {
      Ranges.seq(seq);
      Ranges.i16("rssi_dbm", rssiDbm);
      Ranges.i8("snr (quarter dB)", snrQuarterDb);
      Ranges.notNull("inner", inner);
      if (inner instanceof Radio) {
        throw new IllegalArgumentException("a radio packet cannot carry another radio packet");
      }
    }

    /** The signal-to-noise ratio in dB. */
    public double snrDb() {
      return snrQuarterDb / 4.0;
    }

    @Override
    public MessageType type() {
      return MessageType.RADIO;
    }
  }

  /** Occupancy state of a space. */
  enum SpaceState implements WireValue {
    FREE,
    OCCUPIED,
    FAULT;

    private static final SpaceState[] VALUES = values();

    @Override
    public int code() {
      return ordinal();
    }

    public static SpaceState ofCode(int code) {
      return WireValue.byCode(VALUES, code);
    }
  }

  /** What a lane scanner read. */
  enum ScanKind implements WireValue {
    QR,
    PLATE,
    TICKET;

    private static final ScanKind[] VALUES = values();

    @Override
    public int code() {
      return ordinal() + 1;
    }

    public static ScanKind ofCode(int code) {
      return WireValue.byCode(VALUES, code);
    }
  }

  /** Outcome reported by an ack. */
  enum AckStatus implements WireValue {
    OK,
    REJECTED,
    BUSY;

    private static final AckStatus[] VALUES = values();

    @Override
    public int code() {
      return ordinal();
    }

    public static AckStatus ofCode(int code) {
      return WireValue.byCode(VALUES, code);
    }
  }

  /** Colour of an indicator light or a count sign. */
  enum Color implements WireValue {
    OFF,
    GREEN,
    RED,
    BLUE,
    AMBER,
    WHITE;

    private static final Color[] VALUES = values();

    @Override
    public int code() {
      return ordinal();
    }

    public static Color ofCode(int code) {
      return WireValue.byCode(VALUES, code);
    }
  }

  /** How an indicator light shows its colour. */
  enum Pattern implements WireValue {
    SOLID,
    SLOW_BLINK,
    FAST_BLINK;

    private static final Pattern[] VALUES = values();

    @Override
    public int code() {
      return ordinal();
    }

    public static Pattern ofCode(int code) {
      return WireValue.byCode(VALUES, code);
    }
  }

  /** The arrow a count sign shows beside its number. */
  enum Arrow implements WireValue {
    NONE,
    LEFT,
    RIGHT,
    UP,
    DOWN;

    private static final Arrow[] VALUES = values();

    @Override
    public int code() {
      return ordinal();
    }

    public static Arrow ofCode(int code) {
      return WireValue.byCode(VALUES, code);
    }
  }

  /** What a gate command asks the barrier to do. */
  enum GateAction implements WireValue {
    CLOSE,
    OPEN,
    PULSE_OPEN;

    private static final GateAction[] VALUES = values();

    @Override
    public int code() {
      return ordinal();
    }

    public static GateAction ofCode(int code) {
      return WireValue.byCode(VALUES, code);
    }
  }
}
