package dev.parkedge.proto.psp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

class CobsFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void encoding_then_decoding_gives_back_the_input(FuzzedDataProvider data) {
    byte[] input = data.consumeRemainingAsBytes();
    byte[] encoded = new byte[Cobs.maxEncodedLength(input.length)];
    int encodedLength = Cobs.encode(input, 0, input.length, encoded, 0);
    for (int i = 0; i < encodedLength; i++) {
      assertThat(encoded[i]).isNotZero();
    }
    byte[] decoded = new byte[encodedLength];
    int decodedLength = Cobs.decode(encoded, 0, encodedLength, decoded, 0);

    assertThat(java.util.Arrays.copyOf(decoded, decodedLength)).isEqualTo(input);
  }
}
