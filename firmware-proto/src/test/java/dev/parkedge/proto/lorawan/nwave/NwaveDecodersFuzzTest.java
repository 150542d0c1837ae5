package dev.parkedge.proto.lorawan.nwave;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parkedge.proto.lorawan.PayloadException;
import dev.parkedge.proto.lorawan.SensorDecoder;

/** Any port and any bytes either decode or are refused with a PayloadException, nothing else. */
class NwaveDecodersFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void nps405_decodes_or_refuses_any_payload(FuzzedDataProvider data) {
    decodeOrRefuse(new Nps405Decoder(), data);
  }

  @FuzzTest(maxDuration = "30s")
  void nps310_decodes_or_refuses_any_payload(FuzzedDataProvider data) {
    decodeOrRefuse(new Nps310Decoder(), data);
  }

  @FuzzTest(maxDuration = "30s")
  void ncc405_decodes_or_refuses_any_payload(FuzzedDataProvider data) {
    decodeOrRefuse(new Ncc405Decoder(), data);
  }

  private static void decodeOrRefuse(SensorDecoder decoder, FuzzedDataProvider data) {
    int fPort = data.consumeInt(0, 255);
    byte[] payload = data.consumeRemainingAsBytes();
    try {
      decoder.decode(fPort, payload);
    } catch (PayloadException refused) {
      // a refusal is an allowed outcome
    }
  }
}
