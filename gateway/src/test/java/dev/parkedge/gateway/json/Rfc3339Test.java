package dev.parkedge.gateway.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rfc3339 reads every timestamp as OffsetDateTime.parse does, and the common ones by itself. */
class Rfc3339Test {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-05-14T06:01:58.398Z", // The Things Stack
        "2022-07-18T09:34:15.775023242+00:00", // ChirpStack v4
        "2024-05-14T06:01:58Z",
        "2024-05-14T06:01:58.5Z",
        "2024-05-14T06:01:58.000000001Z",
        "2024-05-14T08:01:58.123456+02:00",
        "2024-05-13T20:31:58-09:30",
        "2024-02-29T23:59:59.999999999-00:00",
        "2000-02-29T00:00:00+17:59",
        "1970-01-01T00:00:00Z",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
      })
  void a_timestamp_in_the_common_shape_is_read_without_the_jdk_formatter(String text) {
    assertThat(Rfc3339.common(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    assertThat(Rfc3339.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-05-14T06:01Z", // no seconds
        "2024-05-14t06:01:58z", // lower case
        "2024-05-14T06:01:58+02:00:30", // an offset with seconds
        "2024-05-14T06:01:58+18:00",
        "2024-05-14T06:01:58.Z", // a decimal point without digits
        "+12024-05-14T06:01:58Z",
      })
  void other_timestamps_the_jdk_accepts_are_left_to_it(String text) {
    assertThat(Rfc3339.common(text)).isNull();
    assertThat(Rfc3339.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "2024-05-14 06:01:58",
        "2024-05-14 06:01:58Z",
        "2024-05-14T06:01:58", // no offset
        "2023-02-29T00:00:00Z",
        "2024-04-31T00:00:00Z",
        "2024-13-01T00:00:00Z",
        "2024-00-10T00:00:00Z",
        "2024-05-00T00:00:00Z",
        "2024-05-14T24:00:00Z",
        "2024-05-14T23:60:00Z",
        "2024-05-14T23:59:60Z", // a leap second
        "2024-05-14T06:01:58.1234567891Z", // ten digits
        "2024-05-14T06:01:58+19:00",
        "2024-05-14T06:01:58+02:60",
        "2024-05-14T06:01:58+0200",
        "2024-05-14T06:01:58ZZ",
        "2024-05-14T06:01:58Z ",
        "2024-O5-14T06:01:58Z",
        "2024-05-14T06:01:58.1x3Z",
      })
  void a_timestamp_the_jdk_refuses_is_refused_with_its_error(String text) {
    assertThat(Rfc3339.common(text)).isNull();
    assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> Rfc3339.parse(text))
        .isInstanceOf(DateTimeParseException.class)
        .hasMessageContaining("could not be parsed");
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void any_instant_written_in_a_common_shape_reads_back_as_itself(String pattern) {
    SplittableRandom random = new SplittableRandom(pattern.hashCode());
    DateTimeFormatter format = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
    for (int i = 0; i < 2_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              random.nextLong(-62_135_596_800L, 253_402_300_799L - 86_400),
              random.nextInt(1_000_000_000));
      ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-17 * 60, 17 * 60) * 60);
      String text = format.format(instant.atOffset(offset));

      assertThat(Rfc3339.common(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }
  }

  static Stream<String> shapes() {
    return Stream.of(
        "uuuu-MM-dd'T'HH:mm:ssxxx",
        "uuuu-MM-dd'T'HH:mm:ss.SSSxxx",
        "uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx",
        "uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx",
        "uuuu-MM-dd'T'HH:mm:ss.SXXX");
  }

  @Test
  void the_two_network_servers_own_examples_are_read() {
    assertThat(Rfc3339.parse("2022-07-18T09:34:15.775023242+00:00"))
        .isEqualTo(Instant.ofEpochSecond(1_658_136_855L, 775_023_242));
  }
}
