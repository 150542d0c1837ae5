package dev.parkedge.gateway.transport.coap;

import static dev.parkedge.gateway.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.config.CoapDevicesConfig;
import dev.parkedge.gateway.config.CoapDevicesConfig.DeviceKey;
import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.testing.RecordingFrameSink;
import dev.parkedge.proto.psp.FrameError;
import dev.parkedge.proto.psp.PspCodec;
import dev.parkedge.proto.psp.PspMessage;
import dev.parkedge.proto.psp.PspMessage.Arrow;
import dev.parkedge.proto.psp.PspMessage.Color;
import dev.parkedge.proto.psp.PspMessage.Pattern;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real DTLS clients (Californium with Scandium and their own keys) against the real link. */
class CoapDeviceLinkIT {

  private static final long SENSOR = 0x0004a30b001c2a3fL;
  private static final long DISPLAY = 0x70b3d57ed0001001L;
  private static final long OTHER_DISPLAY = 0x70b3d57ed0001002L;
  private static final byte[] SENSOR_KEY = hex("00112233445566778899aabbccddeeff");
  private static final byte[] DISPLAY_KEY = hex("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
  private static final byte[] OTHER_KEY = hex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");

  private final RecordingFrameSink sink = new RecordingFrameSink();
  private final List<CoapClient> clients = new ArrayList<>();
  private CoapDeviceLink link;

  @BeforeEach
  void open() {
    link =
        CoapDeviceLink.open(
            new CoapDevicesConfig(
                "127.0.0.1",
                0,
                Path.of("coap-psk.yaml"),
                "coap",
                List.of(
                    new DeviceKey("sensor-0004a30b001c2a3f", SENSOR, SENSOR_KEY),
                    new DeviceKey("display-70b3d57ed0001001", DISPLAY, DISPLAY_KEY),
                    new DeviceKey("display-70b3d57ed0001002", OTHER_DISPLAY, OTHER_KEY))));
    link.start(sink);
  }

  @AfterEach
  void close() {
    clients.forEach(
        client -> {
          client.getEndpoint().destroy();
          client.shutdown();
        });
    link.close();
  }

  @Test
  void a_sensor_with_its_key_posts_an_occupancy_packet_that_reaches_sensing() throws Exception {
    CoapClient sensor = client("sensor-0004a30b001c2a3f", SENSOR_KEY, "psp");
    PspMessage occupied =
        new PspMessage.Occupancy(SENSOR, 7, PspMessage.SpaceState.OCCUPIED, 3600, 21);

    CoapResponse response = post(sensor, PspCodec.encodePacket(occupied));

    assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
    assertThat(sink.messages()).containsExactly(occupied);
    assertThat(link.deviceStats().packets()).isEqualTo(1);
  }

  @Test
  void a_display_with_its_key_observes_its_state_at_once_and_then_each_change() throws Exception {
    DeviceAddress display = DeviceAddress.psp(DISPLAY, "coap");
    link.show(display, new DisplayState.Light(Color.GREEN, Pattern.SOLID));
    CoapClient client = client("display-70b3d57ed0001001", DISPLAY_KEY, "display/70b3d57ed0001001");
    BlockingQueue<CoapResponse> notifications = new LinkedBlockingQueue<>();

    CoapObserveRelation relation = client.observe(collectInto(notifications));

    assertThat(decode(notifications.poll(10, TimeUnit.SECONDS)))
        .isEqualTo(new PspMessage.Indicator(DISPLAY, 1, Color.GREEN, Pattern.SOLID));
    link.show(display, new DisplayState.Light(Color.RED, Pattern.SOLID));
    assertThat(decode(notifications.poll(10, TimeUnit.SECONDS)))
        .isEqualTo(new PspMessage.Indicator(DISPLAY, 2, Color.RED, Pattern.SOLID));
    link.show(display, new DisplayState.Light(Color.RED, Pattern.SOLID));
    assertThat(notifications.poll(300, TimeUnit.MILLISECONDS)).isNull();
    assertThat(link.stats().sent()).isEqualTo(2);
    assertThat(link.deviceStats().observers()).isEqualTo(1);
    relation.proactiveCancel();
  }

  @Test
  void a_display_that_connects_later_gets_the_current_count_at_once() throws Exception {
    DeviceAddress sign = DeviceAddress.psp(DISPLAY, "coap");
    link.show(sign, new DisplayState.Count(42, Arrow.LEFT, Color.GREEN));
    link.show(sign, new DisplayState.Count(41, Arrow.LEFT, Color.GREEN));
    CoapClient client = client("display-70b3d57ed0001001", DISPLAY_KEY, "display/70b3d57ed0001001");

    CoapResponse response = client.get();

    assertThat(response.getOptions().getContentFormat())
        .isEqualTo(MediaTypeRegistry.APPLICATION_OCTET_STREAM);
    assertThat(decode(response))
        .isEqualTo(new PspMessage.Counter(DISPLAY, 2, 41, Arrow.LEFT, Color.GREEN));
  }

  @Test
  void a_display_with_a_wrong_key_gets_nothing_and_the_failed_handshake_is_counted()
      throws Exception {
    link.show(DeviceAddress.psp(DISPLAY, "coap"), new DisplayState.Light(Color.RED, Pattern.SOLID));
    CoapClient impostor = client("display-70b3d57ed0001001", OTHER_KEY, "display/70b3d57ed0001001");
    impostor.setTimeout(3_000L);

    CoapResponse response = impostor.get();

    assertThat(response).isNull();
    eventually(() -> assertThat(link.deviceStats().handshakeFailures()).isEqualTo(1));
    assertThat(link.deviceStats().observers()).isZero();
  }

  @Test
  void an_unknown_identity_gets_nothing_and_is_counted() throws Exception {
    CoapClient stranger = client("scanner", OTHER_KEY, "psp");
    stranger.setTimeout(3_000L);

    CoapResponse response =
        stranger.post(
            PspCodec.encodePacket(
                new PspMessage.Occupancy(SENSOR, 1, PspMessage.SpaceState.FREE, 3600, 21)),
            MediaTypeRegistry.APPLICATION_OCTET_STREAM);

    assertThat(response).isNull();
    eventually(() -> assertThat(link.deviceStats().unknownIdentities()).isEqualTo(1));
    assertThat(link.deviceStats().handshakeFailures()).isEqualTo(1);
    assertThat(sink.messages()).isEmpty();
  }

  @Test
  void a_sensor_with_its_key_may_not_send_another_devices_packet() throws Exception {
    CoapClient sensor = client("sensor-0004a30b001c2a3f", SENSOR_KEY, "psp");
    PspMessage forged =
        new PspMessage.Occupancy(0x0004a30b001c2a40L, 1, PspMessage.SpaceState.FREE, 3600, 21);

    CoapResponse response = post(sensor, PspCodec.encodePacket(forged));

    assertThat(response.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
    assertThat(sink.messages()).isEmpty();
    assertThat(link.deviceStats().forbidden()).isEqualTo(1);
  }

  @Test
  void a_display_with_its_key_may_not_observe_another_display() throws Exception {
    link.show(
        DeviceAddress.psp(OTHER_DISPLAY, "coap"),
        new DisplayState.Light(Color.GREEN, Pattern.SOLID));
    CoapClient display =
        client("display-70b3d57ed0001001", DISPLAY_KEY, "display/70b3d57ed0001002");

    CoapResponse response = display.get();

    assertThat(response.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
    assertThat(response.getPayload()).isNotEmpty().doesNotContain((byte) 0x01);
    assertThat(link.deviceStats().forbidden()).isEqualTo(1);
  }

  @Test
  void a_packet_with_a_bad_crc_is_refused_counted_and_reported_to_sensing() throws Exception {
    CoapClient sensor = client("sensor-0004a30b001c2a3f", SENSOR_KEY, "psp");
    byte[] packet =
        PspCodec.encodePacket(
            new PspMessage.Occupancy(SENSOR, 8, PspMessage.SpaceState.FREE, 3600, 21));
    packet[packet.length - 1] ^= 0x01;

    CoapResponse response = post(sensor, packet);
    CoapResponse next =
        post(
            sensor,
            PspCodec.encodePacket(
                new PspMessage.Occupancy(SENSOR, 9, PspMessage.SpaceState.FREE, 3600, 21)));

    assertThat(response.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(response.getResponseText()).startsWith("bad_crc");
    assertThat(sink.rejected()).containsExactly(FrameError.BAD_CRC);
    assertThat(link.deviceStats().badPackets()).isEqualTo(1);
    assertThat(next.getCode()).isEqualTo(ResponseCode.CHANGED);
    assertThat(sink.messages()).hasSize(1);
  }

  @Test
  void drives_the_displays_on_its_own_bus_only() {
    assertThat(link.drives(DeviceAddress.psp(DISPLAY, "coap"))).isTrue();
    assertThat(link.drives(DeviceAddress.psp(DISPLAY, "bus1"))).isFalse();
  }

  private CoapClient client(String identity, byte[] key, String path) {
    Configuration config = CoapDeviceConfiguration.create(DtlsRole.CLIENT_ONLY);
    DTLSConnector connector =
        new DTLSConnector(
            DtlsConnectorConfig.builder(config)
                .set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 1)
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key))
                .build());
    CoapEndpoint endpoint =
        new CoapEndpoint.Builder().setConfiguration(config).setConnector(connector).build();
    int port = link.address().getPort();
    CoapClient client = new CoapClient("coaps://127.0.0.1:" + port + "/" + path);
    client.setEndpoint(endpoint);
    client.setTimeout(10_000L);
    clients.add(client);
    return client;
  }

  private static CoapResponse post(CoapClient client, byte[] packet) throws Exception {
    CoapResponse response = client.post(packet, MediaTypeRegistry.APPLICATION_OCTET_STREAM);
    assertThat(response).as("a response").isNotNull();
    return response;
  }

  private static PspMessage decode(CoapResponse response) throws Exception {
    assertThat(response).as("a response").isNotNull();
    return PspCodec.decodePacket(response.getPayload());
  }

  private static CoapHandler collectInto(BlockingQueue<CoapResponse> queue) {
    return new CoapHandler() {
      @Override
      public void onLoad(CoapResponse response) {
        queue.add(response);
      }

      @Override
      public void onError() {}
    };
  }

  private static byte[] hex(String text) {
    return HexFormat.of().parseHex(text);
  }
}
