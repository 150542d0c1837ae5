package dev.parkedge.proto.psp;

import java.util.Locale;

/** PSP/1 message types, with their wire codes and direction. */
public enum MessageType {
  OCCUPANCY(0x01, Direction.UP),
  HEARTBEAT(0x02, Direction.UP),
  SCAN(0x03, Direction.UP),
  LOOP(0x04, Direction.UP),
  ACK(0x10, Direction.BOTH),
  INDICATOR(0x20, Direction.DOWN),
  COUNTER(0x21, Direction.DOWN),
  GATE(0x22, Direction.DOWN),
  RADIO(0x30, Direction.UP);

  /** Who sends a message type: up is device to gateway. */
  public enum Direction {
    UP,
    DOWN,
    BOTH
  }

  private static final MessageType[] BY_CODE = new MessageType[256];

  static {
    for (MessageType type : values()) {
      BY_CODE[type.code] = type;
    }
  }

  private final int code;
  private final Direction direction;
  private final String jsonName;

  MessageType(int code, Direction direction) {
    this.code = code;
    this.direction = direction;
    this.jsonName = name().toLowerCase(Locale.ROOT);
  }

  public int code() {
    return code;
  }

  public Direction direction() {
    return direction;
  }

  /** The name used in the JSON form, e.g. {@code occupancy}. */
  public String jsonName() {
    return jsonName;
  }

  /** The type with this wire code, or null for a code PSP/1 does not define. */
  public static MessageType ofCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
