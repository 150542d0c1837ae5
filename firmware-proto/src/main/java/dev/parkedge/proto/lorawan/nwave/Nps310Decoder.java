package dev.parkedge.proto.lorawan.nwave;

import static dev.parkedge.proto.lorawan.nwave.NwaveMessages.fieldsOfType;

import dev.parkedge.proto.lorawan.DecodedUplink;
import dev.parkedge.proto.lorawan.PayloadException;
import dev.parkedge.proto.lorawan.Reading;
import dev.parkedge.proto.lorawan.SensorDecoder;
import java.util.Map;

/**
 * Nwave NPS310 parking sensor.
 *
 * <p>Follows {@code vendor/nwave/nps310sm.js} of TheThingsNetwork/lorawan-devices (stored at commit
 * 0a254aaa, the only stored version), which reproduces all examples of {@code nps310sm-codec.yaml}
 * (commit 74279b60).
 *
 * <p>Ports: 1 parking status (1 byte), 2 heartbeat (1 byte), 3 startup (5 bytes), 6 debug (raw
 * bytes). Occupancy is bit 0 throughout.
 */
public final class Nps310Decoder implements SensorDecoder {

  private static final String ID = "nwave-nps310";

  public Nps310Decoder() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public DecodedUplink decode(int fPort, byte[] payload) throws PayloadException {
    Frame frame = new Frame(ID, fPort, payload);
    return switch (fPort) {
      case 1 -> occupancy(frame.requireLength(1), "parking_status", Reading.Kind.STATUS);
      case 2 -> occupancy(frame.requireLength(1), "heartbeat", Reading.Kind.HEARTBEAT);
      case 3 -> startup(frame.requireLength(5));
      case NwaveMessages.DEBUG_PORT -> NwaveMessages.debug(frame);
      default -> throw frame.unknownPort(1, 2, 3, NwaveMessages.DEBUG_PORT);
    };
  }

  /** Status and heartbeat carry the same single flag; only the type differs. */
  private static DecodedUplink occupancy(Frame frame, String type, Reading.Kind kind) {
    boolean occupied = frame.bit0(0);
    Map<String, Object> fields = fieldsOfType(type);
    fields.put("occupied", occupied);
    return new DecodedUplink(fields, Reading.of(kind).withOccupied(occupied));
  }

  private static DecodedUplink startup(Frame frame) {
    boolean occupied = frame.bit0(4);
    Map<String, Object> fields =
        NwaveMessages.startupFields(frame, NwaveMessages.NPS310_RESET_CAUSES);
    fields.put("occupied", occupied);
    return new DecodedUplink(fields, Reading.of(Reading.Kind.STARTUP).withOccupied(occupied));
  }
}
