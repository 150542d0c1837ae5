package dev.parkedge.gateway.display.lorawan;

import dev.parkedge.gateway.display.DisplayState;

/** How one model of LoRaWAN display wants its state: the downlink payload for a state. */
public interface DisplayModel {

  /** The model id used in site files, e.g. {@code psp1-lorawan}. */
  String id();

  /**
   * The FRMPayload that puts {@code state} on the display {@code device}.
   *
   * @param device the display's DevEUI (some payloads, such as PSP/1, name their target)
   * @param seq a per-display sequence number, 1..65535 then wrapping to 0
   */
  byte[] encode(long device, DisplayState state, int seq);
}
