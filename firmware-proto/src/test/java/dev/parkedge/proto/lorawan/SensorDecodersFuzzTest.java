package dev.parkedge.proto.lorawan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * One fuzz target per sensor model: any port and any bytes either decode to a complete uplink or
 * are refused with a {@link PayloadException} naming the model; anything else is a finding.
 */
class SensorDecodersFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void nwave_nps405_decodes_or_refuses_any_payload(FuzzedDataProvider data) {
    decodeOrRefuse("nwave-nps405", data);
  }

  @FuzzTest(maxDuration = "30s")
  void nwave_nps310_decodes_or_refuses_any_payload(FuzzedDataProvider data) {
    decodeOrRefuse("nwave-nps310", data);
  }

  @FuzzTest(maxDuration = "30s")
  void nwave_ncc405_decodes_or_refuses_any_payload(FuzzedDataProvider data) {
    decodeOrRefuse("nwave-ncc405", data);
  }

  @FuzzTest(maxDuration = "30s")
  void bosch_tps110_decodes_or_refuses_any_payload(FuzzedDataProvider data) {
    decodeOrRefuse("bosch-tps110", data);
  }

  @FuzzTest(maxDuration = "30s")
  void dingtek_do200_decodes_or_refuses_any_payload(FuzzedDataProvider data) {
    decodeOrRefuse("dingtek-do200", data);
  }

  @FuzzTest(maxDuration = "30s")
  void dingtek_do201_decodes_or_refuses_any_payload(FuzzedDataProvider data) {
    decodeOrRefuse("dingtek-do201", data);
  }

  @FuzzTest(maxDuration = "30s")
  void dingtek_do202_decodes_or_refuses_any_payload(FuzzedDataProvider data) {
    decodeOrRefuse("dingtek-do202", data);
  }

  @FuzzTest(maxDuration = "30s")
  void tekzitel_tekzipark_decodes_or_refuses_any_payload(FuzzedDataProvider data) {
    decodeOrRefuse("tekzitel-tekzipark", data);
  }

  private static void decodeOrRefuse(String model, FuzzedDataProvider data) {
    SensorDecoder decoder = SensorDecoders.byId(model).orElseThrow();
    int fPort = data.consumeInt(0, 255);
    byte[] payload = data.consumeRemainingAsBytes();
    try {
      decoder.decode(fPort, payload);
    } catch (PayloadException refused) {
      assertThat(refused).hasMessageStartingWith(model + " fPort " + fPort + ": ");
    }
  }
}
