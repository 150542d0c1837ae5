package dev.parkedge.proto.lorawan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SensorDecodersTest {

  @Test
  void knows_the_eight_models_installers_can_name() {
    assertThat(SensorDecoders.ids())
        .containsExactly(
            "nwave-nps405",
            "nwave-nps310",
            "nwave-ncc405",
            "bosch-tps110",
            "dingtek-do200",
            "dingtek-do201",
            "dingtek-do202",
            "tekzitel-tekzipark");
  }

  @Test
  void finds_each_decoder_under_its_own_id() {
    for (String id : SensorDecoders.ids()) {
      assertThat(SensorDecoders.byId(id)).hasValueSatisfying(d -> assertThat(d.id()).isEqualTo(id));
    }
  }

  @Test
  void has_no_decoder_for_an_unknown_model() {
    assertThat(SensorDecoders.byId("acme-1")).isEmpty();
  }
}
