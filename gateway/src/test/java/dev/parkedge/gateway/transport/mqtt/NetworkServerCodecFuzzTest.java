package dev.parkedge.gateway.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Optional;

/**
 * Each server's codec takes any topic and any bytes: a message is parsed to an event of the
 * configured application, left out, or refused with a {@link MessageProblem} that names the topic;
 * anything else escaping (a runtime exception, a hang, running out of memory) is a finding.
 *
 * <p>The topic is mostly one of the server's own topics with a fuzzed event name, so that the
 * fuzzer spends its time in the JSON; sometimes it is any text.
 */
class NetworkServerCodecFuzzTest {

  private static final String V4_APP = "6f2b0e1c-3a5d-4c8e-9b7a-2d4f6e8a0c1b";

  @FuzzTest(maxDuration = "30s")
  void chirpstack_v4_parses_or_refuses_any_message(FuzzedDataProvider data) {
    parseOrRefuse(
        NetworkServerCodec.of(ServerKind.CHIRPSTACK_V4, V4_APP),
        List.of(
            "application/" + V4_APP + "/device/70b3d57ed0061a2f/event/up",
            "application/" + V4_APP + "/device/70b3d57ed0061a2f/event/status",
            "application/" + V4_APP + "/device/70b3d57ed0061a2f/event/",
            "application/" + V4_APP + "/device/"),
        data);
  }

  @FuzzTest(maxDuration = "30s")
  void chirpstack_v3_parses_or_refuses_any_message(FuzzedDataProvider data) {
    parseOrRefuse(
        NetworkServerCodec.of(ServerKind.CHIRPSTACK_V3, "12"),
        List.of(
            "application/12/device/70b3d57ed0061a30/event/up",
            "application/12/device/70b3d57ed0061a30/rx",
            "application/12/device/70b3d57ed0061a30/",
            "application/12/device/"),
        data);
  }

  @FuzzTest(maxDuration = "30s")
  void the_things_stack_parses_or_refuses_any_message(FuzzedDataProvider data) {
    parseOrRefuse(
        NetworkServerCodec.of(ServerKind.THE_THINGS_STACK, "parkedge-hq@ttn"),
        List.of(
            "v3/parkedge-hq@ttn/devices/eui-70b3d57ed0061a31/up",
            "v3/parkedge-hq@ttn/devices/bay-17/down/failed",
            "v3/parkedge-hq@ttn/devices/eui-70b3d57ed0061a31/",
            "v3/parkedge-hq@ttn/devices/"),
        data);
  }

  private static void parseOrRefuse(
      NetworkServerCodec codec, List<String> topics, FuzzedDataProvider data) {
    String topic =
        switch (data.consumeInt(0, 3)) {
          case 0, 1 -> data.pickValue(topics);
          case 2 -> data.pickValue(topics) + data.consumeString(24);
          default -> data.consumeString(200);
        };
    byte[] payload = data.consumeRemainingAsBytes();
    try {
      Optional<NetworkEvent> event = codec.parse(topic, payload);
      event.ifPresent(e -> assertThat(e.application()).isEqualTo(codec.application()));
    } catch (MessageProblem refused) {
      assertThat(refused.kind()).isNotNull();
      assertThat(refused.topic()).isEqualTo(topic);
      assertThat(refused.getMessage()).contains(": ").doesNotContain("\n", "\r");
    }
  }
}
