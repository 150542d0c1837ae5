package dev.parkedge.proto.lorawan.tekzitel;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parkedge.proto.lorawan.PayloadException;

/** Any port and any bytes either decode or are refused with a PayloadException, nothing else. */
class TekziparkDecoderFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void tekzipark_decodes_or_refuses_any_payload(FuzzedDataProvider data) {
    int fPort = data.consumeInt(0, 255);
    byte[] payload = data.consumeRemainingAsBytes();
    try {
      new TekziparkDecoder().decode(fPort, payload);
    } catch (PayloadException refused) {
      // expected for malformed input
    }
  }
}
