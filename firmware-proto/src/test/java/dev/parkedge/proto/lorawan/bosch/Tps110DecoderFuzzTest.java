package dev.parkedge.proto.lorawan.bosch;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parkedge.proto.lorawan.PayloadException;

/** Any port and any bytes either decode or are refused with a PayloadException, nothing else. */
class Tps110DecoderFuzzTest {

  private final Tps110Decoder decoder = new Tps110Decoder();

  @FuzzTest(maxDuration = "30s")
  void tps110_decodes_or_refuses_any_payload(FuzzedDataProvider data) {
    int fPort = data.consumeInt(0, 255);
    byte[] payload = data.consumeRemainingAsBytes();
    try {
      decoder.decode(fPort, payload);
    } catch (PayloadException refused) {
      // a refusal is an allowed outcome
    }
  }
}
