package dev.parkedge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DecodeCommandTest {

  private static final String WORKED_EXAMPLE = "08010170b3d57ed0031001091104010e10155c6b00";
  private static final String WORKED_EXAMPLE_JSON =
      "{\"type\":\"occupancy\",\"device\":\"70b3d57ed0001001\",\"seq\":17,"
          + "\"state\":\"occupied\",\"battery_mv\":3600,\"temperature_c\":21}";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void prints_a_decoded_frame_as_a_json_array() {
    int status = run("decode", "--frame", WORKED_EXAMPLE);

    assertThat(status).isZero();
    assertThat(out.toString()).isEqualTo("[\n  " + WORKED_EXAMPLE_JSON + "\n]\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void prints_one_element_per_delimited_frame_with_errors_for_corrupt_ones() {
    int status =
        run("decode", "--frame", "ffff00" + "0000" + WORKED_EXAMPLE.replace("5c6b00", "5c6c00"));

    assertThat(status).isZero();
    assertThat(out.toString())
        .isEqualTo(
            "[\n"
                + "  {\"error\":\"bad_cobs: a COBS code byte points past the end of the frame\"},\n"
                + "  {\"error\":\"bad_crc: packet carries CRC 0x5c6c, computed 0x5c6b\"}\n"
                + "]\n");
  }

  @Test
  void warns_about_bytes_after_the_last_delimiter() {
    int status = run("decode", "--frame", WORKED_EXAMPLE + "0801");

    assertThat(status).isZero();
    assertThat(out.toString()).contains(WORKED_EXAMPLE_JSON);
    assertThat(err.toString()).contains("bytes after the last 00 delimiter were not decoded");
  }

  @Test
  void prints_a_decoded_sensor_payload_with_fields_and_reading() {
    int status =
        run(
            "decode",
            "--vendor",
            "tekzitel-tekzipark",
            "--fport",
            "1",
            "--hex",
            "a82d63b000550120");

    assertThat(status).isZero();
    assertThat(out.toString())
        .startsWith("{\n  \"vendor\" : \"tekzitel-tekzipark\",\n  \"fport\" : 1,\n  \"fields\" : {")
        .contains("\"reading\" : {");
  }

  static Stream<Arguments> user_mistakes() {
    return Stream.of(
        Arguments.of(
            "no input",
            new String[] {"decode"},
            "decode: Missing required argument (specify one of these)"),
        Arguments.of(
            "not hex",
            new String[] {"decode", "--frame", "0g"},
            "decode: --frame expects hex digits, got 'g' at position 2 of \"0g\""),
        Arguments.of(
            "odd number of digits",
            new String[] {"decode", "--frame", "abc"},
            "decode: --frame expects an even number of hex digits (two per byte), got 3"),
        Arguments.of(
            "unknown vendor",
            new String[] {"decode", "--vendor", "acme-1", "--fport", "1", "--hex", "00"},
            "decode: unknown --vendor \"acme-1\", expected one of "),
        Arguments.of(
            "payload of the wrong length",
            new String[] {"decode", "--vendor", "dingtek-do200", "--fport", "3", "--hex", "00"},
            "decode: dingtek-do200 fPort 3: expected "),
        Arguments.of(
            "fport not a number",
            new String[] {"decode", "--vendor", "dingtek-do200", "--fport", "x", "--hex", "00"},
            "decode: Invalid value for option '--fport': 'x' is not an int"),
        Arguments.of(
            "unknown subcommand",
            new String[] {"frobnicate"},
            "parkedge: Unmatched argument at index 0: 'frobnicate'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void user_mistakes(String name, String[] args, String message) {
    int status = run(args);

    assertThat(status).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).startsWith(message).endsWith("\n");
    assertThat(err.toString().strip()).doesNotContain("\n").doesNotContain("Exception");
  }

  private int run(String... args) {
    var cli = ParkEdgeCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }
}
