package dev.parkedge.proto.lorawan.dingtek;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parkedge.proto.lorawan.PayloadException;
import dev.parkedge.proto.lorawan.SensorDecoder;

/** Any port and any bytes either decode or are refused with a PayloadException, nothing else. */
class DingtekDecodersFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void do200_decodes_or_refuses_any_payload(FuzzedDataProvider data) {
    decodeOrRefuse(new Do200Decoder(), data);
  }

  @FuzzTest(maxDuration = "30s")
  void do201_decodes_or_refuses_any_payload(FuzzedDataProvider data) {
    decodeOrRefuse(new Do201Decoder(), data);
  }

  @FuzzTest(maxDuration = "30s")
  void do202_decodes_or_refuses_any_payload(FuzzedDataProvider data) {
    decodeOrRefuse(new Do202Decoder(), data);
  }

  private static void decodeOrRefuse(SensorDecoder decoder, FuzzedDataProvider data) {
    int fPort = data.consumeInt(0, 255);
    byte[] payload = data.consumeRemainingAsBytes();
    try {
      decoder.decode(fPort, payload);
    } catch (PayloadException refused) {
      // expected for malformed input
    }
  }
}
