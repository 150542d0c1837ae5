package dev.parkedge.gateway.transport.mqtt;

import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.BAD_BASE64;
import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.BAD_FIELD;
import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.MALFORMED_JSON;
import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.MISSING_FIELD;
import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.OTHER_APPLICATION;
import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.TOO_LARGE;
import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.UNKNOWN_TOPIC;
import static dev.parkedge.gateway.transport.mqtt.ServerKind.CHIRPSTACK_V3;
import static dev.parkedge.gateway.transport.mqtt.ServerKind.CHIRPSTACK_V4;
import static dev.parkedge.gateway.transport.mqtt.ServerKind.THE_THINGS_STACK;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parkedge.gateway.transport.mqtt.NetworkEvent.Ack;
import dev.parkedge.gateway.transport.mqtt.NetworkEvent.Join;
import dev.parkedge.gateway.transport.mqtt.NetworkEvent.Log;
import dev.parkedge.gateway.transport.mqtt.NetworkEvent.Status;
import dev.parkedge.gateway.transport.mqtt.NetworkEvent.TxAck;
import dev.parkedge.gateway.transport.mqtt.NetworkEvent.Uplink;
import dev.parkedge.gateway.transport.mqtt.NetworkServerCodec.Downlink;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each network server's messages, as published (samples under {@code resources/lorawan/}, written
 * after the servers' documented shapes), parse to the same events; every unusable message is
 * refused with the kind of problem and a message that says what, where and what was expected.
 */
class NetworkServerCodecTest {

  private static final String V4_APP = "6f2b0e1c-3a5d-4c8e-9b7a-2d4f6e8a0c1b";
  private static final long V4_DEVICE = 0x70b3d57ed0061a2fL;
  private static final String V3_APP = "12";
  private static final long V3_DEVICE = 0x70b3d57ed0061a30L;
  private static final String TTS_APP = "parkedge-hq@ttn";
  private static final long TTS_DEVICE = 0x70b3d57ed0061a31L;
  private static final String TTS_DEVICE_ID = "eui-70b3d57ed0061a31";

  private static final long GW_A01 = 0x0016c001f1500a01L;
  private static final long GW_A02 = 0x0016c001f1500a02L;
  private static final long GW_A03 = 0x0016c001f1500a03L;
  private static final long GW_B02 = 0x0016c001f1500b02L;
  private static final long GW_ROOF = 0xb827ebfffe8a1c01L;

  static Stream<Arguments> published_messages() {
    Uplink firstFrame =
        new Uplink(
            V4_DEVICE,
            V4_APP,
            null,
            0,
            1,
            hex("0101"),
            -112,
            -3.5,
            GW_A01,
            null,
            Instant.parse("2024-05-14T06:02:11.103377Z"));
    Uplink v3Uplink =
        new Uplink(
            V3_DEVICE,
            V3_APP,
            null,
            128,
            2,
            hex("01016400"),
            -78,
            10.0,
            GW_B02,
            "{\"occupied\":true,\"battery\":3.58}",
            null);
    Join v3Join = new Join(V3_DEVICE, V3_APP, null);
    Ack v3Ack = new Ack(V3_DEVICE, V3_APP, true, 12L);
    Log v3Error =
        new Log(
            V3_DEVICE,
            V3_APP,
            "ERROR",
            "DOWNLINK_PAYLOAD_SIZE",
            "payload exceeds max payload size");
    return Stream.of(
        // ChirpStack v4
        row(
            "ChirpStack v4.1 uplink: the best of three gateways by RSSI, then by SNR",
            CHIRPSTACK_V4,
            v4("up"),
            "chirpstack-v4/up-v4.1.json",
            new Uplink(
                V4_DEVICE,
                V4_APP,
                null,
                4711,
                2,
                hex("01016400"),
                -97,
                7.25,
                GW_A02,
                "{\"occupied\":true,\"battery\":3.61}",
                Instant.parse("2024-05-14T07:21:43.512934118Z"))),
        row(
            "ChirpStack v4.0 first frame: fCnt, dr, adr and confirmed left out as defaults",
            CHIRPSTACK_V4,
            v4("up"),
            "chirpstack-v4/up-first-frame-v4.0.json",
            firstFrame),
        row(
            "ChirpStack v4.1 first frame: the same frame with defaults written",
            CHIRPSTACK_V4,
            v4("up"),
            "chirpstack-v4/up-first-frame-v4.1.json",
            firstFrame),
        row(
            "ChirpStack v4.6.0 uplink: nulls for absent fields and other events' fields",
            CHIRPSTACK_V4,
            v4("up"),
            "chirpstack-v4/up-v4.6.0-nulls.json",
            new Uplink(
                V4_DEVICE,
                V4_APP,
                null,
                88,
                2,
                hex("0100"),
                -104,
                2.0,
                GW_A02,
                null,
                Instant.parse("2024-01-08T17:45:02.774Z"))),
        row(
            "ChirpStack v4 uplink with numbers and booleans written as strings",
            CHIRPSTACK_V4,
            v4("up"),
            "chirpstack-v4/up-numbers-as-strings.json",
            new Uplink(
                V4_DEVICE,
                V4_APP,
                null,
                42,
                2,
                hex("01016400"),
                -101,
                6.5,
                GW_A03,
                null,
                Instant.parse("2024-05-14T09:00:00Z"))),
        row(
            "ChirpStack v4.0 frame without port or payload, and an RSSI of 0 left out",
            CHIRPSTACK_V4,
            v4("up"),
            "chirpstack-v4/up-empty-v4.0.json",
            new Uplink(
                V4_DEVICE,
                V4_APP,
                null,
                4712,
                0,
                new byte[0],
                0,
                9.0,
                GW_A01,
                null,
                Instant.parse("2024-05-14T10:15:30.000001Z"))),
        row(
            "ChirpStack v4.1 status: battery 88.3 % rounds to 88",
            CHIRPSTACK_V4,
            v4("status"),
            "chirpstack-v4/status-v4.1.json",
            new Status(V4_DEVICE, V4_APP, 88, 7)),
        row(
            "ChirpStack v4.0 status on external power: no battery level",
            CHIRPSTACK_V4,
            v4("status"),
            "chirpstack-v4/status-external-power-v4.0.json",
            new Status(V4_DEVICE, V4_APP, null, 10)),
        row(
            "ChirpStack v4.0 status of a device that cannot measure its battery",
            CHIRPSTACK_V4,
            v4("status"),
            "chirpstack-v4/status-battery-unavailable-v4.0.json",
            new Status(V4_DEVICE, V4_APP, null, -2)),
        row(
            "ChirpStack v4 join",
            CHIRPSTACK_V4,
            v4("join"),
            "chirpstack-v4/join-v4.json",
            new Join(V4_DEVICE, V4_APP, Instant.parse("2024-05-14T06:01:58.823500726Z"))),
        row(
            "ChirpStack v4.1 ack of downlink 3",
            CHIRPSTACK_V4,
            v4("ack"),
            "chirpstack-v4/ack-v4.1.json",
            new Ack(V4_DEVICE, V4_APP, true, 3L)),
        row(
            "ChirpStack v4.0 nack of downlink 0: acknowledged and fCntDown left out",
            CHIRPSTACK_V4,
            v4("ack"),
            "chirpstack-v4/nack-v4.0.json",
            new Ack(V4_DEVICE, V4_APP, false, 0L)),
        row(
            "ChirpStack v4 tx ack",
            CHIRPSTACK_V4,
            v4("txack"),
            "chirpstack-v4/txack-v4.json",
            new TxAck(V4_DEVICE, V4_APP, 2L)),
        row(
            "ChirpStack v4 log of a frame-counter reset",
            CHIRPSTACK_V4,
            v4("log"),
            "chirpstack-v4/log-v4.json",
            new Log(
                V4_DEVICE,
                V4_APP,
                "ERROR",
                "UPLINK_F_CNT_RESET",
                "Frame-counter reset or rollover detected")),
        row(
            "ChirpStack v4.0 log at level INFO, left out as the default",
            CHIRPSTACK_V4,
            v4("log"),
            "chirpstack-v4/log-info-v4.0.json",
            new Log(V4_DEVICE, V4_APP, "INFO", "UPLINK_CODEC", "Codec returned no object")),
        ignored(
            "ChirpStack v4 location: known, of no use",
            CHIRPSTACK_V4,
            v4("location"),
            "chirpstack-v4/location-v4.json"),
        // ChirpStack v3
        row(
            "ChirpStack v3 json_v3 uplink on event/up (v3.11 and later)",
            CHIRPSTACK_V3,
            v3("event/up"),
            "chirpstack-v3/up-json-v3.json",
            v3Uplink),
        row(
            "ChirpStack v3 json_v3 uplink on rx (before v3.11)",
            CHIRPSTACK_V3,
            v3("rx"),
            "chirpstack-v3/up-json-v3.json",
            v3Uplink),
        row(
            "ChirpStack v3 protobuf JSON uplink: base64 EUIs, objectJSON, gateways tied on RSSI",
            CHIRPSTACK_V3,
            v3("event/up"),
            "chirpstack-v3/up-protobuf-json.json",
            new Uplink(
                V3_DEVICE,
                V3_APP,
                null,
                129,
                2,
                hex("0100"),
                -95,
                6.0,
                GW_B02,
                "{\"occupied\":false,\"battery\":3.58}",
                null)),
        row(
            "ChirpStack v3 status: battery 75.5 % rounds half up to 76",
            CHIRPSTACK_V3,
            v3("event/status"),
            "chirpstack-v3/status-json-v3.json",
            new Status(V3_DEVICE, V3_APP, 76, 6)),
        row(
            "ChirpStack v3 status with only the old battery value 200 of 254",
            CHIRPSTACK_V3,
            v3("status"),
            "chirpstack-v3/status-legacy.json",
            new Status(V3_DEVICE, V3_APP, 79, 6)),
        row(
            "ChirpStack v3 join on event/join",
            CHIRPSTACK_V3,
            v3("event/join"),
            "chirpstack-v3/join-json-v3.json",
            v3Join),
        row(
            "ChirpStack v3 join on join (before v3.11)",
            CHIRPSTACK_V3,
            v3("join"),
            "chirpstack-v3/join-json-v3.json",
            v3Join),
        row(
            "ChirpStack v3 ack on event/ack",
            CHIRPSTACK_V3,
            v3("event/ack"),
            "chirpstack-v3/ack-json-v3.json",
            v3Ack),
        row(
            "ChirpStack v3 ack on ack (before v3.11)",
            CHIRPSTACK_V3,
            v3("ack"),
            "chirpstack-v3/ack-json-v3.json",
            v3Ack),
        row(
            "ChirpStack v3 protobuf JSON tx ack",
            CHIRPSTACK_V3,
            v3("event/txack"),
            "chirpstack-v3/txack-protobuf-json.json",
            new TxAck(V3_DEVICE, V3_APP, 13L)),
        row(
            "ChirpStack v3 error on event/error, as a log at level ERROR",
            CHIRPSTACK_V3,
            v3("event/error"),
            "chirpstack-v3/error-json-v3.json",
            v3Error),
        row(
            "ChirpStack v3 error on error (before v3.11)",
            CHIRPSTACK_V3,
            v3("error"),
            "chirpstack-v3/error-json-v3.json",
            v3Error),
        ignored(
            "ChirpStack v3 location: known, of no use",
            CHIRPSTACK_V3,
            v3("event/location"),
            "chirpstack-v3/location-json-v3.json"),
        // The Things Stack
        row(
            "The Things Stack uplink: device id, decoded payload, best of a gateway and Packet Broker",
            THE_THINGS_STACK,
            tts(TTS_DEVICE_ID, "up"),
            "the-things-stack/up.json",
            new Uplink(
                TTS_DEVICE,
                TTS_APP,
                TTS_DEVICE_ID,
                311,
                2,
                hex("01016400"),
                -88,
                9.25,
                GW_ROOF,
                "{\"battery\":3.6,\"occupied\":true}",
                Instant.parse("2024-05-14T07:21:43.652118303Z"))),
        row(
            "The Things Stack uplink whose best reception has only channel_rssi and no gateway EUI",
            THE_THINGS_STACK,
            tts("bay-17", "up"),
            "the-things-stack/up-best-gateway-without-eui.json",
            new Uplink(
                0x70b3d57ed0061a32L,
                TTS_APP,
                "bay-17",
                77,
                2,
                hex("0100"),
                -80,
                8.0,
                null,
                null,
                Instant.parse("2024-05-14T07:30:00.398Z"))),
        row(
            "The Things Stack first frame: f_cnt 0 left out, only the top-level received_at",
            THE_THINGS_STACK,
            tts(TTS_DEVICE_ID, "up"),
            "the-things-stack/up-first-frame.json",
            new Uplink(
                TTS_DEVICE,
                TTS_APP,
                TTS_DEVICE_ID,
                0,
                1,
                hex("0101"),
                -112,
                -3.5,
                GW_ROOF,
                null,
                Instant.parse("2024-05-14T06:02:12.020Z"))),
        ignored(
            "The Things Stack simulated uplink: not from the device",
            THE_THINGS_STACK,
            tts(TTS_DEVICE_ID, "up"),
            "the-things-stack/up-simulated.json"),
        row(
            "The Things Stack join",
            THE_THINGS_STACK,
            tts(TTS_DEVICE_ID, "join"),
            "the-things-stack/join.json",
            new Join(TTS_DEVICE, TTS_APP, Instant.parse("2024-05-14T06:01:59.736532315Z"))),
        row(
            "The Things Stack downlink ack",
            THE_THINGS_STACK,
            tts(TTS_DEVICE_ID, "down/ack"),
            "the-things-stack/down-ack.json",
            new Ack(TTS_DEVICE, TTS_APP, true, 5L)),
        row(
            "The Things Stack downlink nack",
            THE_THINGS_STACK,
            tts(TTS_DEVICE_ID, "down/nack"),
            "the-things-stack/down-nack.json",
            new Ack(TTS_DEVICE, TTS_APP, false, 5L)),
        row(
            "The Things Stack downlink sent",
            THE_THINGS_STACK,
            tts(TTS_DEVICE_ID, "down/sent"),
            "the-things-stack/down-sent.json",
            new TxAck(TTS_DEVICE, TTS_APP, 5L)),
        row(
            "The Things Stack downlink failed, without dev_eui: the EUI comes from the device id",
            THE_THINGS_STACK,
            tts(TTS_DEVICE_ID, "down/failed"),
            "the-things-stack/down-failed.json",
            new Log(
                TTS_DEVICE,
                TTS_APP,
                "ERROR",
                "application_downlink_too_long",
                "application downlink payload is too long")),
        ignored(
            "The Things Stack downlink queued: known, of no use",
            THE_THINGS_STACK,
            tts(TTS_DEVICE_ID, "down/queued"),
            "the-things-stack/down-queued.json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void published_messages(
      String name, ServerKind kind, String topic, String file, Optional<NetworkEvent> expected)
      throws Exception {
    NetworkServerCodec codec = codec(kind);

    Optional<NetworkEvent> event = codec.parse(topic, sample(file));

    assertThat(event).isEqualTo(expected);
  }

  @Test
  void reads_chirpstack_v4_0_and_v4_1_forms_of_a_frame_the_same() throws Exception {
    NetworkServerCodec codec = codec(CHIRPSTACK_V4);

    Optional<NetworkEvent> v40 =
        codec.parse(v4("up"), sample("chirpstack-v4/up-first-frame-v4.0.json"));
    Optional<NetworkEvent> v41 =
        codec.parse(v4("up"), sample("chirpstack-v4/up-first-frame-v4.1.json"));

    assertThat(v40).isPresent().isEqualTo(v41);
  }

  static Stream<Arguments> unusable_messages() {
    String up = v4("up");
    String device =
        "\"deviceInfo\":{\"applicationId\":\"" + V4_APP + "\",\"devEui\":\"70b3d57ed0061a2f\"}";
    return Stream.of(
        bad(
            "malformed JSON",
            CHIRPSTACK_V4,
            up,
            "{\"deduplicationId\": \"5b0c",
            MALFORMED_JSON,
            startingWith(up + ": not JSON (line 1, column ")),
        bad(
            "a JSON array instead of an object",
            CHIRPSTACK_V4,
            up,
            "[1, 2]",
            MALFORMED_JSON,
            exactly(up + ": expected a JSON object, got an array")),
        bad(
            "an empty payload",
            CHIRPSTACK_V4,
            up,
            "",
            MALFORMED_JSON,
            exactly(up + ": empty message, expected a JSON object")),
        bad(
            "a key given twice",
            CHIRPSTACK_V4,
            up,
            "{" + device + ",\"fPort\":1,\"fPort\":2}",
            MALFORMED_JSON,
            startingWith(up + ": not JSON (line 1, column ")),
        bad(
            "text after the object",
            CHIRPSTACK_V4,
            up,
            "{" + device + "} {}",
            MALFORMED_JSON,
            startingWith(up + ": not JSON (line 1, column ")),
        bad(
            "bytes that are not UTF-8",
            CHIRPSTACK_V4,
            up,
            new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
            MALFORMED_JSON,
            startingWith(up + ": not JSON")),
        bad(
            "data that is not base64",
            CHIRPSTACK_V4,
            up,
            "{" + device + ",\"data\":\"qg=!\"}",
            BAD_BASE64,
            exactly(up + ": data is \"qg=!\", not base64")),
        bad(
            "TTS frm_payload that is not base64",
            THE_THINGS_STACK,
            tts(TTS_DEVICE_ID, "up"),
            "{\"end_device_ids\":{\"device_id\":\"eui-70b3d57ed0061a31\",\"application_ids\":"
                + "{\"application_id\":\"parkedge-hq\"}},\"uplink_message\":{\"frm_payload\":\"AQ*E\"}}",
            BAD_BASE64,
            exactly(
                tts(TTS_DEVICE_ID, "up") + ": uplink_message.frm_payload is \"AQ*E\", not base64")),
        bad(
            "no devEui in ChirpStack v4's deviceInfo",
            CHIRPSTACK_V4,
            up,
            "{\"deviceInfo\":{\"applicationId\":\"" + V4_APP + "\"},\"fPort\":1}",
            MISSING_FIELD,
            exactly(up + ": deviceInfo.devEui is missing, expected the device EUI, 16 hex digits")),
        bad(
            "a ChirpStack v3 message given to the v4 codec",
            CHIRPSTACK_V4,
            up,
            "{\"applicationID\":\"12\",\"devEUI\":\"70b3d57ed0061a2f\",\"fPort\":1}",
            MISSING_FIELD,
            exactly(up + ": deviceInfo is missing, expected the device's identity")),
        bad(
            "no devEUI in a ChirpStack v3 message",
            CHIRPSTACK_V3,
            v3("event/up"),
            "{\"applicationID\":\"12\",\"fPort\":1}",
            MISSING_FIELD,
            exactly(
                v3("event/up")
                    + ": devEUI is missing, expected the device EUI, 16 hex digits or 8 bytes in"
                    + " base64")),
        bad(
            "no dev_eui for a TTS device whose id does not hold it",
            THE_THINGS_STACK,
            tts("bay-17", "down/failed"),
            "{\"end_device_ids\":{\"device_id\":\"bay-17\",\"application_ids\":"
                + "{\"application_id\":\"parkedge-hq\"}},\"downlink_failed\":{\"error\":{}}}",
            MISSING_FIELD,
            exactly(
                tts("bay-17", "down/failed")
                    + ": end_device_ids.dev_eui is missing and device id \"bay-17\" is not"
                    + " eui-<16 hex digits>, expected the device EUI")),
        bad(
            "a TTS uplink without uplink_message",
            THE_THINGS_STACK,
            tts(TTS_DEVICE_ID, "up"),
            "{\"end_device_ids\":{\"device_id\":\"eui-70b3d57ed0061a31\",\"application_ids\":"
                + "{\"application_id\":\"parkedge-hq\"}}}",
            MISSING_FIELD,
            exactly(tts(TTS_DEVICE_ID, "up") + ": uplink_message is missing, expected the uplink")),
        bad(
            "a payload over 64 KiB",
            CHIRPSTACK_V4,
            up,
            "{" + device + ",\"pad\":\"" + "x".repeat(65_536) + "\"}",
            TOO_LARGE,
            exactly(up + ": 65644 bytes, more than the 65536 a message may have")),
        bad(
            "a topic of another ChirpStack application",
            CHIRPSTACK_V4,
            "application/00000000-0000-4000-8000-000000000000/device/70b3d57ed0061a2f/event/up",
            "{" + device + "}",
            OTHER_APPLICATION,
            exactly(
                "application/00000000-0000-4000-8000-000000000000/device/70b3d57ed0061a2f/event/up:"
                    + " for application \"00000000-0000-4000-8000-000000000000\", not the"
                    + " configured \"6f2b0e1c-3a5d-4c8e-9b7a-2d4f6e8a0c1b\"")),
        bad(
            "a message naming another ChirpStack application on our topic",
            CHIRPSTACK_V4,
            up,
            "{\"deviceInfo\":{\"applicationId\":\"00000000-0000-4000-8000-000000000000\","
                + "\"devEui\":\"70b3d57ed0061a2f\"}}",
            OTHER_APPLICATION,
            exactly(
                up
                    + ": deviceInfo.applicationId is \"00000000-0000-4000-8000-000000000000\","
                    + " not the configured \"6f2b0e1c-3a5d-4c8e-9b7a-2d4f6e8a0c1b\"")),
        bad(
            "a message naming another ChirpStack v3 application",
            CHIRPSTACK_V3,
            v3("rx"),
            "{\"applicationID\":13,\"devEUI\":\"70b3d57ed0061a30\"}",
            OTHER_APPLICATION,
            exactly(v3("rx") + ": applicationID is \"13\", not the configured \"12\"")),
        bad(
            "a topic of another TTS tenant",
            THE_THINGS_STACK,
            "v3/parkedge-hq@acme/devices/eui-70b3d57ed0061a31/up",
            "{}",
            OTHER_APPLICATION,
            exactly(
                "v3/parkedge-hq@acme/devices/eui-70b3d57ed0061a31/up: for application"
                    + " \"parkedge-hq@acme\", not the configured \"parkedge-hq@ttn\"")),
        bad(
            "a TTS message naming another application",
            THE_THINGS_STACK,
            tts(TTS_DEVICE_ID, "join"),
            "{\"end_device_ids\":{\"device_id\":\"eui-70b3d57ed0061a31\",\"application_ids\":"
                + "{\"application_id\":\"parkedge-north\"}},\"join_accept\":{}}",
            OTHER_APPLICATION,
            exactly(
                tts(TTS_DEVICE_ID, "join")
                    + ": end_device_ids.application_ids.application_id is \"parkedge-north\", not"
                    + " the configured \"parkedge-hq\"")),
        bad(
            "an event type ChirpStack v4 does not publish",
            CHIRPSTACK_V4,
            v4("frobnicate"),
            "{}",
            UNKNOWN_TOPIC,
            exactly(
                v4("frobnicate")
                    + ": not a ChirpStack v4 event topic, expected"
                    + " application/{id}/device/{devEui}/event/{up|status|join|ack|txack|log|…}")),
        bad(
            "a gateway topic",
            CHIRPSTACK_V4,
            "eu868/gateway/0016c001f1500a01/event/up",
            "{}",
            UNKNOWN_TOPIC,
            startingWith(
                "eu868/gateway/0016c001f1500a01/event/up: not a ChirpStack v4 event topic")),
        bad(
            "ChirpStack v3's old rx topic given to the v4 codec",
            CHIRPSTACK_V4,
            "application/" + V4_APP + "/device/70b3d57ed0061a2f/rx",
            "{}",
            UNKNOWN_TOPIC,
            startingWith(
                "application/" + V4_APP + "/device/70b3d57ed0061a2f/rx: not a ChirpStack v4")),
        bad(
            "a device level that is not an EUI",
            CHIRPSTACK_V3,
            "application/12/device/bay-18/event/up",
            "{}",
            UNKNOWN_TOPIC,
            exactly(
                "application/12/device/bay-18/event/up: the device level \"bay-18\" is not a"
                    + " device EUI (16 hex digits)")),
        bad(
            "a TTS topic of an event we do not know",
            THE_THINGS_STACK,
            tts(TTS_DEVICE_ID, "down/frobnicated"),
            "{}",
            UNKNOWN_TOPIC,
            exactly(
                tts(TTS_DEVICE_ID, "down/frobnicated")
                    + ": not a The Things Stack topic, expected v3/{app}@{tenant}/devices/{device"
                    + " id}/up|join|down/ack|down/nack|down/sent|down/failed")),
        bad(
            "an fPort over 255",
            CHIRPSTACK_V4,
            up,
            "{" + device + ",\"fPort\":300}",
            BAD_FIELD,
            exactly(up + ": fPort is 300, expected a whole number from 0 to 255")),
        bad(
            "a negative frame counter",
            CHIRPSTACK_V3,
            v3("event/up"),
            "{\"applicationID\":\"12\",\"devEUI\":\"70b3d57ed0061a30\",\"fCnt\":\"-1\"}",
            BAD_FIELD,
            exactly(
                v3("event/up") + ": fCnt is \"-1\", expected a whole number from 0 to 4294967295")),
        bad(
            "a frame counter of 1e400",
            CHIRPSTACK_V4,
            up,
            "{" + device + ",\"fCnt\":1e400}",
            BAD_FIELD,
            exactly(up + ": fCnt is Infinity, expected a whole number from 0 to 4294967295")),
        bad(
            "a frame counter with a fraction",
            CHIRPSTACK_V4,
            up,
            "{" + device + ",\"fCnt\":\"4.5\"}",
            BAD_FIELD,
            exactly(up + ": fCnt is \"4.5\", expected a whole number from 0 to 4294967295")),
        bad(
            "an RSSI that is an object",
            CHIRPSTACK_V4,
            up,
            "{" + device + ",\"rxInfo\":[{\"rssi\":{}}]}",
            BAD_FIELD,
            exactly(
                up
                    + ": rxInfo[0].rssi is an object, expected a whole number from -2147483648 to"
                    + " 2147483647")),
        bad(
            "a gateway id that is not an EUI",
            CHIRPSTACK_V4,
            up,
            "{" + device + ",\"rxInfo\":[{\"gatewayId\":\"level-1\"}]}",
            BAD_FIELD,
            exactly(
                up + ": rxInfo[0].gatewayId is \"level-1\", expected an EUI-64 as 16 hex digits")),
        bad(
            "a body naming another device than the topic",
            CHIRPSTACK_V4,
            up,
            "{\"deviceInfo\":{\"applicationId\":\""
                + V4_APP
                + "\",\"devEui\":\"70b3d57ed0061a99\"}}",
            BAD_FIELD,
            exactly(
                up
                    + ": deviceInfo.devEui is 70b3d57ed0061a99, but the topic is for device"
                    + " 70b3d57ed0061a2f")),
        bad(
            "a v3 devEUI of 4 bytes in base64",
            CHIRPSTACK_V3,
            v3("event/join"),
            "{\"applicationID\":\"12\",\"devEUI\":\"AaKzxA==\"}",
            BAD_FIELD,
            exactly(
                v3("event/join")
                    + ": devEUI is \"AaKzxA==\", expected an EUI-64 as 16 hex digits or 8 bytes in"
                    + " base64")),
        bad(
            "a battery level of 150 %",
            CHIRPSTACK_V4,
            v4("status"),
            "{" + device + ",\"batteryLevel\":150}",
            BAD_FIELD,
            exactly(v4("status") + ": batteryLevel is 150.0, expected a percentage from 0 to 100")),
        bad(
            "a time without offset",
            CHIRPSTACK_V4,
            v4("join"),
            "{" + device + ",\"time\":\"2024-05-14 06:01:58\"}",
            BAD_FIELD,
            exactly(
                v4("join")
                    + ": time is \"2024-05-14 06:01:58\", expected a time such as"
                    + " 2024-05-01T12:00:00.5Z")),
        bad(
            "a value that would forge a log line is escaped and cut short",
            CHIRPSTACK_V4,
            up,
            "{\"deviceInfo\":{\"applicationId\":\""
                + V4_APP
                + "\",\"devEui\":\"x\\nERROR forged line that goes on and on and on\"}}",
            BAD_FIELD,
            exactly(
                up
                    + ": deviceInfo.devEui is \"x\\u000aERROR forged line that goes on and on …\","
                    + " expected an EUI-64 as 16 hex digits")),
        bad(
            "a TTS message naming another device id than the topic",
            THE_THINGS_STACK,
            tts(TTS_DEVICE_ID, "down/sent"),
            "{\"end_device_ids\":{\"device_id\":\"bay-17\",\"application_ids\":"
                + "{\"application_id\":\"parkedge-hq\"}},\"downlink_sent\":{}}",
            BAD_FIELD,
            exactly(
                tts(TTS_DEVICE_ID, "down/sent")
                    + ": end_device_ids.device_id is \"bay-17\", but the topic is for device"
                    + " \"eui-70b3d57ed0061a31\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void unusable_messages(
      String name,
      ServerKind kind,
      String topic,
      byte[] payload,
      MessageProblem.Kind problemKind,
      Text message) {
    NetworkServerCodec codec = codec(kind);

    MessageProblem problem =
        catchThrowableOfType(MessageProblem.class, () -> codec.parse(topic, payload));

    assertThat(problem).as("refused").isNotNull();
    assertThat(problem.kind()).isEqualTo(problemKind);
    assertThat(problem.topic()).isEqualTo(topic);
    if (message.prefix()) {
      assertThat(problem).hasMessageStartingWith(message.text());
    } else {
      assertThat(problem).hasMessage(message.text());
    }
  }

  @Test
  void reads_a_payload_of_exactly_64_kib() throws Exception {
    String head =
        "{\"deviceInfo\":{\"applicationId\":\"" + V4_APP + "\",\"devEui\":\"70b3d57ed0061a2f\"}";
    String json = head + " ".repeat(NetworkServerCodec.MAX_MESSAGE_BYTES - head.length() - 1) + "}";

    Optional<NetworkEvent> event = codec(CHIRPSTACK_V4).parse(v4("join"), json.getBytes(UTF_8));

    assertThat(event).contains(new Join(V4_DEVICE, V4_APP, null));
  }

  static Stream<Arguments> subscriptions() {
    return Stream.of(
        Arguments.of(
            CHIRPSTACK_V4, V4_APP, 1, List.of("application/" + V4_APP + "/device/+/event/+")),
        Arguments.of(
            CHIRPSTACK_V3,
            V3_APP,
            1,
            List.of("application/12/device/+/event/+", "application/12/device/+/+")),
        Arguments.of(
            THE_THINGS_STACK,
            TTS_APP,
            0,
            List.of(
                "v3/parkedge-hq@ttn/devices/+/up",
                "v3/parkedge-hq@ttn/devices/+/join",
                "v3/parkedge-hq@ttn/devices/+/down/ack",
                "v3/parkedge-hq@ttn/devices/+/down/nack",
                "v3/parkedge-hq@ttn/devices/+/down/sent",
                "v3/parkedge-hq@ttn/devices/+/down/failed")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void subscriptions(ServerKind kind, String application, int qos, List<String> filters) {
    NetworkServerCodec codec = NetworkServerCodec.of(kind, application);

    assertThat(codec.subscriptions()).isEqualTo(filters);
    assertThat(codec.qos()).isEqualTo(qos);
  }

  static Stream<Arguments> downlinks() {
    return Stream.of(
        Arguments.of(
            "ChirpStack v4 names the device in topic and body",
            codec(CHIRPSTACK_V4).downlink(V4_DEVICE, 10, hex("0201")),
            "application/" + V4_APP + "/device/70b3d57ed0061a2f/command/down",
            "{\"devEui\":\"70b3d57ed0061a2f\",\"confirmed\":false,\"fPort\":10,\"data\":\"AgE=\"}"),
        Arguments.of(
            "ChirpStack v3 names the device in the topic only",
            codec(CHIRPSTACK_V3).downlink(V3_DEVICE, 10, hex("0201")),
            "application/12/device/70b3d57ed0061a30/command/down",
            "{\"confirmed\":false,\"fPort\":10,\"data\":\"AgE=\"}"),
        Arguments.of(
            "The Things Stack by the default device id eui-<devEui>",
            codec(THE_THINGS_STACK).downlink(TTS_DEVICE, 10, hex("0201")),
            "v3/parkedge-hq@ttn/devices/eui-70b3d57ed0061a31/down/push",
            "{\"downlinks\":[{\"f_port\":10,\"frm_payload\":\"AgE=\",\"priority\":\"NORMAL\"}]}"),
        Arguments.of(
            "The Things Stack by the device id an uplink carried",
            codec(THE_THINGS_STACK).downlink(0x70b3d57ed0061a32L, "bay-17", 10, new byte[0]),
            "v3/parkedge-hq@ttn/devices/bay-17/down/push",
            "{\"downlinks\":[{\"f_port\":10,\"frm_payload\":\"\",\"priority\":\"NORMAL\"}]}"),
        Arguments.of(
            "ChirpStack ignores a device id",
            codec(CHIRPSTACK_V4).downlink(V4_DEVICE, "bay-17", 223, hex("ff")),
            "application/" + V4_APP + "/device/70b3d57ed0061a2f/command/down",
            "{\"devEui\":\"70b3d57ed0061a2f\",\"confirmed\":false,\"fPort\":223,\"data\":\"/w==\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void downlinks(String name, Downlink downlink, String topic, String json) {
    assertThat(downlink.topic()).isEqualTo(topic);
    assertThat(new String(downlink.payload(), UTF_8)).isEqualTo(json);
  }

  @Test
  void refuses_downlinks_on_mac_and_reserved_ports() {
    for (ServerKind kind : ServerKind.values()) {
      NetworkServerCodec codec = codec(kind);
      assertThatThrownBy(() -> codec.downlink(V4_DEVICE, 0, hex("01")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("downlink fPort must be 1 to 223, got 0");
      assertThatThrownBy(() -> codec.downlink(V4_DEVICE, 224, hex("01")))
          .hasMessage("downlink fPort must be 1 to 223, got 224");
    }
  }

  @Test
  void refuses_a_the_things_stack_device_id_that_would_change_the_topic() {
    assertThatThrownBy(() -> codec(THE_THINGS_STACK).downlink(TTS_DEVICE, "bay-17/+", 1, hex("01")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"bay-17/+\"");
  }

  static Stream<Arguments> bad_applications() {
    return Stream.of(
        Arguments.of(
            CHIRPSTACK_V4,
            "hq-garage",
            "ChirpStack v4 application id must be a UUID such as"
                + " 6f2b0e1c-3a5d-4c8e-9b7a-2d4f6e8a0c1b, got \"hq-garage\""),
        Arguments.of(
            CHIRPSTACK_V3,
            "12/#",
            "ChirpStack v3 application id must be a number such as 12, got \"12/#\""),
        Arguments.of(
            THE_THINGS_STACK,
            "Parkedge-HQ@ttn",
            "The Things Stack application must be app@tenant (app@ttn on The Things Network) or"
                + " app, each an id of lower-case letters, digits and dashes, got"
                + " \"Parkedge-HQ@ttn\""),
        Arguments.of(
            THE_THINGS_STACK,
            "parkedge-hq@",
            "The Things Stack application must be app@tenant (app@ttn on The Things Network) or"
                + " app, each an id of lower-case letters, digits and dashes, got"
                + " \"parkedge-hq@\""));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource
  void bad_applications(ServerKind kind, String application, String message) {
    assertThatThrownBy(() -> NetworkServerCodec.of(kind, application))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void takes_a_chirpstack_v4_application_id_in_upper_case_as_chirpstack_writes_it() {
    NetworkServerCodec codec = NetworkServerCodec.of(CHIRPSTACK_V4, V4_APP.toUpperCase());

    assertThat(codec.application()).isEqualTo(V4_APP);
  }

  @Test
  void takes_a_the_things_stack_application_without_tenant() throws Exception {
    NetworkServerCodec codec = NetworkServerCodec.of(THE_THINGS_STACK, "parkedge-hq");

    Optional<NetworkEvent> event =
        codec.parse(
            "v3/parkedge-hq/devices/eui-70b3d57ed0061a31/join",
            sample("the-things-stack/join.json"));

    assertThat(event)
        .contains(
            new Join(TTS_DEVICE, "parkedge-hq", Instant.parse("2024-05-14T06:01:59.736532315Z")));
  }

  @Test
  void an_uplink_keeps_its_own_copy_of_the_payload() {
    byte[] data = hex("0101");
    Uplink uplink = new Uplink(V4_DEVICE, V4_APP, null, 1, 1, data, null, null, null, null, null);

    data[0] = 9;
    uplink.data()[1] = 9;

    assertThat(uplink.data()).containsExactly(1, 1);
  }

  // --- rows and helpers

  private static Arguments row(
      String name, ServerKind kind, String topic, String file, NetworkEvent expected) {
    return Arguments.of(name, kind, topic, file, Optional.of(expected));
  }

  private static Arguments ignored(String name, ServerKind kind, String topic, String file) {
    return Arguments.of(name, kind, topic, file, Optional.empty());
  }

  private static Arguments bad(
      String name,
      ServerKind kind,
      String topic,
      String payload,
      MessageProblem.Kind problem,
      Text message) {
    return bad(name, kind, topic, payload.getBytes(UTF_8), problem, message);
  }

  private static Arguments bad(
      String name,
      ServerKind kind,
      String topic,
      byte[] payload,
      MessageProblem.Kind problem,
      Text message) {
    return Arguments.of(name, kind, topic, payload, problem, message);
  }

  /** An expected message, in full or its start. */
  record Text(String text, boolean prefix) {}

  private static Text exactly(String text) {
    return new Text(text, false);
  }

  private static Text startingWith(String text) {
    return new Text(text, true);
  }

  private static NetworkServerCodec codec(ServerKind kind) {
    return NetworkServerCodec.of(
        kind,
        switch (kind) {
          case CHIRPSTACK_V4 -> V4_APP;
          case CHIRPSTACK_V3 -> V3_APP;
          case THE_THINGS_STACK -> TTS_APP;
        });
  }

  private static String v4(String event) {
    return "application/" + V4_APP + "/device/70b3d57ed0061a2f/event/" + event;
  }

  private static String v3(String event) {
    return "application/12/device/70b3d57ed0061a30/" + event;
  }

  private static String tts(String deviceId, String event) {
    return "v3/" + TTS_APP + "/devices/" + deviceId + "/" + event;
  }

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  private static byte[] sample(String file) throws IOException {
    try (InputStream in = NetworkServerCodecTest.class.getResourceAsStream("/lorawan/" + file)) {
      assertThat(in).as(file).isNotNull();
      return in.readAllBytes();
    }
  }
}
