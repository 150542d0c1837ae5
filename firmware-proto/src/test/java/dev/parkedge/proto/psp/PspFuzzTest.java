package dev.parkedge.proto.psp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/** Fuzz targets for the packet decoder and the deframer. Regression mode in the normal build. */
class PspFuzzTest {

  private static final byte[] GOOD_FRAME =
      PspCodec.encodeFrame(
          new PspMessage.Occupancy(
              0x70b3d57ed0001001L, 17, PspMessage.SpaceState.OCCUPIED, 3600, 21));

  @FuzzTest(maxDuration = "30s")
  void a_decoded_packet_encodes_back_to_the_same_bytes(FuzzedDataProvider data) {
    boolean wellFormed = data.consumeBoolean();
    byte[] packet = data.consumeRemainingAsBytes();
    if (wellFormed) {
      sealLengthAndCrc(packet);
    }
    PspMessage message;
    try {
      message = PspCodec.decodePacket(packet);
    } catch (PspFormatException expected) {
      return;
    }

    assertThat(PspCodec.encodePacket(message)).isEqualTo(packet);
    assertThat(PspJson.fromJson(PspJson.toJson(message))).isEqualTo(message);
  }

  /**
   * Makes the length byte and the CRC right, so the fuzzer spends its time in the payload decoders
   * instead of guessing CRCs.
   */
  private static void sealLengthAndCrc(byte[] packet) {
    int payloadLength = packet.length - Psp.MIN_PACKET_LENGTH;
    if (payloadLength < 0 || payloadLength > Psp.MAX_PAYLOAD_LENGTH) {
      return;
    }
    packet[12] = (byte) payloadLength;
    int crc = Crc16.of(packet, 0, packet.length - Psp.CRC_LENGTH);
    packet[packet.length - 2] = (byte) (crc >> 8);
    packet[packet.length - 1] = (byte) crc;
  }

  @FuzzTest(maxDuration = "30s")
  void noise_never_costs_the_next_good_frame(FuzzedDataProvider data) {
    List<PspMessage> messages = new ArrayList<>();
    var deframer =
        new PspDeframer(
            new PspDeframer.Listener() {
              @Override
              public void onMessage(PspMessage message) {
                messages.add(message);
              }

              @Override
              public void onError(FrameError error, String detail) {
                assertThat(detail).isNotBlank();
              }
            });
    while (data.remainingBytes() > 0) {
      byte[] chunk = data.consumeBytes(data.consumeInt(0, 300));
      deframer.feed(chunk);
    }
    int before = messages.size();

    deframer.feed(new byte[] {0});
    deframer.feed(GOOD_FRAME);

    assertThat(messages).hasSize(before + 1);
    assertThat(PspCodec.encodeFrame(messages.get(before))).isEqualTo(GOOD_FRAME);
  }
}
