package dev.parkedge.proto.lorawan;

/**
 * Decodes the application payload of one LoRaWAN sensor model.
 *
 * <p>Implementations are stateless and pure: the same (fPort, bytes) always decode to the same
 * {@link DecodedUplink}. They never return partial results: a payload they cannot fully decode
 * raises {@link PayloadException}.
 */
public interface SensorDecoder {

  /** The model id used in site files and on the command line, e.g. {@code nwave-nps405}. */
  String id();

  /**
   * Decodes one uplink.
   *
   * @param fPort the LoRaWAN FPort the payload arrived on (1..223)
   * @param payload the FRMPayload bytes; not modified
   * @throws PayloadException when the port is not one the model uses or the bytes do not have the
   *     shape the model sends on that port
   */
  DecodedUplink decode(int fPort, byte[] payload) throws PayloadException;
}
