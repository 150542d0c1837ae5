package dev.parkedge.gateway.display.lorawan;

import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.proto.psp.PspCodec;

/**
 * A display that takes PSP/1 over LoRaWAN: the FRMPayload is the bare PSP/1 packet (header,
 * payload, CRC) that {@link PspCodec#encodePacket} gives, 17 bytes for a light and 19 for a sign.
 * No COBS stuffing and no 0x00 delimiter: LoRaWAN already delimits the payload, and stuffing would
 * cost airtime for nothing. The PSP/1 CRC stays, so that firmware shares one packet parser with its
 * serial sibling (and a packet is checked end to end, network server included).
 */
final class Psp1LorawanModel implements DisplayModel {

  static final String ID = "psp1-lorawan";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public byte[] encode(long device, DisplayState state, int seq) {
    return PspCodec.encodePacket(state.pspMessage(device, seq));
  }
}
