package dev.parkedge.gateway.api.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkedge.gateway.api.DeviceView;
import dev.parkedge.gateway.api.ReloadOutcome;
import dev.parkedge.gateway.api.SpaceView;
import dev.parkedge.gateway.api.StatusView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The API's bodies come out as the Jackson mapper the CLI reads them with would write them. */
class ReplyJsonTest {

  static Stream<Arguments> bodies() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("free", 4L);
    counts.put("occupied", 1L);
    return Stream.of(
        Arguments.of(
            "a status",
            new StatusView(
                "gen",
                "0.1.0",
                "2026-11-22T01:00:00Z",
                42,
                counts,
                Map.of("ok", 10L),
                List.of(
                    new StatusView.BusView(
                        "bus1",
                        "/dev/ttyUSB0",
                        "psp",
                        true,
                        7,
                        counts,
                        Map.of("refused", Map.of("too_large", 1L), "application", "a"))),
                List.of(new StatusView.SignView("S1", List.of("Z1", "Z2"), "blank", null)),
                15001,
                "ok: \"quoted\" \\ and \u00e9 and \n",
                1234.5,
                List.of(),
                true,
                new StatusView.OperationsView(
                    "/var/lib/parkedge",
                    1_000_000L,
                    2_000_000L,
                    40_960L,
                    null,
                    null,
                    null,
                    true,
                    "fed",
                    List.of()))),
        Arguments.of(
            "devices, with nulls and a fraction",
            List.of(
                new DeviceView(
                    "70b3d57ed1000001",
                    "sensor",
                    "bus1",
                    "P00001",
                    "Z0",
                    "2026-11-22T01:00:00Z",
                    null,
                    12,
                    1,
                    0,
                    3600,
                    20,
                    null,
                    null,
                    "1.4",
                    0.25,
                    "ok",
                    "",
                    42,
                    null),
                new DeviceView(
                    "70b3d57ed2000001",
                    "indicator",
                    "bus1",
                    "P00001",
                    "Z0",
                    null,
                    null,
                    0,
                    0,
                    0,
                    null,
                    null,
                    -101,
                    -3.5,
                    null,
                    0,
                    "degraded",
                    "weak radio",
                    42,
                    null))),
        Arguments.of(
            "a space", new SpaceView("P1", "L1", "Z1", "free", "2026-11-22T01:00:00Z", "x")),
        Arguments.of(
            "a reload", new ReloadOutcome(false, List.of("site.yaml:3: id: required"), null)),
        Arguments.of("an error", Reply.error(null, "no space \"P9\"").body()),
        Arguments.of("a long and a big number", Map.of("n", Long.MAX_VALUE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void writes_what_the_mapper_writes(String name, Object body) throws Exception {
    String expected = ApiJson.mapper().writeValueAsString(body);

    String written = new String(ReplyJson.write(body), StandardCharsets.UTF_8);

    assertThat(written).isEqualTo(expected);
  }

  @Test
  void refuses_a_value_that_is_not_json() {
    assertThatThrownBy(() -> ReplyJson.write(Map.of("at", Instant.EPOCH)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.time.Instant");
  }

  @Test
  void names_keys_in_snake_case_as_jackson_does() {
    assertThat(ReplyJson.snakeCase("uptimeSeconds")).isEqualTo("uptime_seconds");
    assertThat(ReplyJson.snakeCase("temperatureC")).isEqualTo("temperature_c");
    assertThat(ReplyJson.snakeCase("rssiDBm")).isEqualTo("rssi_dbm");
    assertThat(ReplyJson.snakeCase("site")).isEqualTo("site");
  }
}
