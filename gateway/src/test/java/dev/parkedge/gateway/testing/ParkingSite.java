package dev.parkedge.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.gateway.api.ApiKeys;
import dev.parkedge.gateway.api.Role;
import dev.parkedge.gateway.api.coap.CoapApiConfiguration;
import dev.parkedge.gateway.api.coap.CoapApiServer;
import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.config.ApiConfig;
import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.DisplayConfig;
import dev.parkedge.gateway.config.GatewayConfig;
import dev.parkedge.gateway.config.LoggingConfig;
import dev.parkedge.gateway.config.ParkingConfig;
import dev.parkedge.gateway.config.SensingConfig;
import dev.parkedge.gateway.config.TariffLoader;
import dev.parkedge.gateway.enforcement.EnforcementPolicy;
import dev.parkedge.gateway.journal.Ids;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.reservation.ReservationPolicy;
import dev.parkedge.gateway.runtime.Gateway;
import dev.parkedge.gateway.runtime.GatewayParts;
import dev.parkedge.gateway.runtime.ParkingParts;
import dev.parkedge.gateway.session.Lane;
import dev.parkedge.gateway.session.QrTokens;
import dev.parkedge.gateway.storage.sqlite.SqliteParkingStore;
import dev.parkedge.gateway.storage.sqlite.SqliteStore;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;

/**
 * A real gateway with the parking side: SQLite in a folder, the test tariff, API keys of every
 * role, a QR signing key, lane 1 (entry) and lane 2 (exit), and the CoAP API on a free port, with a
 * client. Gates are recorded, not driven. Restartable on the same folder.
 */
public final class ParkingSite implements AutoCloseable {

  public static final String OPERATOR = "operator-key-000000";
  public static final String KIOSK = "kiosk-key-0000000000";
  public static final String LANE = "lane-key-00000000000";
  public static final String VIEWER = "viewer-key-000000000";
  public static final String INSTALLER = "installer-key-00000";
  public static final int ENTRY = 1;
  public static final int EXIT = 2;
  private static final KeyPair QR = qrKeys();

  private static final ObjectMapper JSON = new ObjectMapper();

  public final Path dir;
  public final SiteLayout layout;
  public final MovableClock clock;
  public final List<Integer> gatesOpened = new CopyOnWriteArrayList<>();
  public final ReservationPolicy policy;
  public final EnforcementPolicy enforcement;
  private SqliteStore store;
  private SqliteParkingStore parkingStore;
  private Gateway gateway;
  private CoapApiServer api;
  private CoapClient client;

  public ParkingSite(Path dir, SiteLayout layout, MovableClock clock) {
    this(dir, layout, clock, ReservationPolicy.DEFAULTS, EnforcementPolicy.DEFAULTS);
  }

  public ParkingSite(
      Path dir,
      SiteLayout layout,
      MovableClock clock,
      ReservationPolicy policy,
      EnforcementPolicy enforcement) {
    this.dir = dir;
    this.layout = layout;
    this.clock = clock;
    this.policy = policy;
    this.enforcement = enforcement;
  }

  public static Tariff tariff() {
    try {
      return TariffLoader.load(Path.of("src/test/resources/tariffs/test-garage.yaml"));
    } catch (ConfigException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The SHA-256 of the test tariff file. */
  public String tariffSha256() {
    return tariff().sha256();
  }

  public static QrTokens tokens() {
    return new QrTokens(Map.of("gw", QR.getPublic()), "gw", QR.getPrivate());
  }

  public static ApiKeys keys() {
    return new ApiKeys(
        List.of(
            ApiKeys.key("office", Role.OPERATOR, OPERATOR),
            ApiKeys.key("front-kiosk", Role.KIOSK, KIOSK),
            ApiKeys.key("lane-1", Role.LANE, LANE),
            ApiKeys.key("screen", Role.VIEWER, VIEWER),
            ApiKeys.key("fitter", Role.INSTALLER, INSTALLER)));
  }

  public static List<Lane> lanes() {
    return List.of(
        new Lane(ENTRY, Lane.Direction.ENTRY, false), new Lane(EXIT, Lane.Direction.EXIT, false));
  }

  private static KeyPair qrKeys() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public ParkingSite start() throws Exception {
    store = SqliteStore.open(dir.resolve("parkedge.db"), clock, Duration.ofMillis(200));
    parkingStore = store.parkingStore();
    ParkingConfig config =
        new ParkingConfig(
            dir.resolve("tariff.yaml"),
            dir.resolve("keys.yaml"),
            policy,
            lanes(),
            List.of(),
            enforcement,
            Map.of());
    ParkingParts parking =
        new ParkingParts(
            config,
            tariff(),
            keys(),
            tokens(),
            parkingStore,
            parkingStore,
            parkingStore,
            lane -> gatesOpened.add(lane),
            Ids.random());
    GatewayConfig gatewayConfig =
        new GatewayConfig(
            dir.resolve("gateway.yaml"),
            dir.resolve("site.yaml"),
            dir,
            List.of(),
            new ApiConfig("127.0.0.1", 0),
            new SensingConfig(Duration.ZERO, Duration.ofDays(7)),
            new DisplayConfig(Duration.ofSeconds(60)),
            new LoggingConfig("info"));
    List<AutoCloseable> closeables = new ArrayList<>();
    closeables.add(parkingStore);
    closeables.add(store);
    gateway =
        Gateway.start(
            new GatewayParts(
                gatewayConfig,
                layout,
                () -> layout,
                clock,
                clock,
                store,
                store,
                store,
                List.of(),
                List.of(),
                closeables,
                Optional.of(parking)));
    api =
        CoapApiServer.start(gateway.control(), gateway.parkingApi().orElseThrow(), "127.0.0.1", 0);
    client =
        new CoapClient()
            .setEndpoint(
                new CoapEndpoint.Builder().setConfiguration(CoapApiConfiguration.create()).build())
            .setTimeout(20_000L);
    return this;
  }

  public Gateway gateway() {
    return gateway;
  }

  public SqliteParkingStore store() {
    return parkingStore;
  }

  /** The gateway's SQLite store: journal, and the command inbox the sync-agent writes to. */
  public SqliteStore sqlite() {
    return store;
  }

  /** An answer: its code and JSON body. */
  public record Answer(ResponseCode code, JsonNode body) {
    public String error() {
      return body.path("error").asText();
    }
  }

  public Answer post(String key, Object body, String... path) {
    return send(Code.POST, key, body, List.of(), path);
  }

  public Answer get(String key, List<String> query, String... path) {
    return send(Code.GET, key, null, query, path);
  }

  public Answer send(Code method, String key, Object body, List<String> query, String... path) {
    Request request = new Request(method);
    request.setURI("coap://127.0.0.1:" + api.port());
    for (String segment : path) {
      request.getOptions().addUriPath(segment);
    }
    query.forEach(q -> request.getOptions().addUriQuery(q));
    if (key != null) {
      request.getOptions().addUriQuery("key=" + key);
    }
    try {
      if (body != null) {
        request.setPayload(body instanceof String s ? s : JSON.writeValueAsString(body));
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
      }
      CoapResponse response = client.advanced(request);
      if (response == null) {
        throw new IllegalStateException("no answer to " + method + " " + String.join("/", path));
      }
      JsonNode json =
          response.getPayloadSize() == 0
              ? JSON.missingNode()
              : JSON.readTree(response.getPayload());
      return new Answer(response.getCode(), json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public Instant now() {
    return clock.instant();
  }

  /** Stops as a crash would not: see {@link #crash()} for that. */
  @Override
  public void close() {
    if (client != null) {
      client.getEndpoint().destroy();
      client.shutdown();
    }
    if (api != null) {
      api.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }
}
