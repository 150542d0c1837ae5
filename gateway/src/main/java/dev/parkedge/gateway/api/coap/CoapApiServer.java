package dev.parkedge.gateway.api.coap;

import dev.parkedge.gateway.api.GatewayControl;
import dev.parkedge.gateway.api.ParkingApi;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.eclipse.californium.elements.util.NamedThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local operator API: {@link GatewayControl} served over CoAP with JSON bodies, on loopback
 * unless configured otherwise. Resources and their JSON are described in {@code gateway/API.md}.
 */
public final class CoapApiServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CoapApiServer.class);

  /** How long a request may wait for the gateway before the client gets 5.03. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final CoapServer server;
  private final ControlCalls calls;
  private final InetSocketAddress address;

  private CoapApiServer(CoapServer server, ControlCalls calls, InetSocketAddress address) {
    this.server = server;
    this.calls = calls;
    this.address = address;
  }

  /**
   * Starts serving.
   *
   * @param bindAddress an IP address or host name; null or blank means {@value
   *     CoapApiConfiguration#DEFAULT_BIND}
   * @param port the UDP port; 0 picks a free one (see {@link #port()})
   * @throws IllegalArgumentException when the address is unknown or the port out of range
   * @throws IllegalStateException when the socket cannot be bound (port in use)
   */
  public static CoapApiServer start(GatewayControl control, String bindAddress, int port) {
    return start(control, null, bindAddress, port, CALL_TIMEOUT);
  }

  /**
   * Starts serving, with the lane and kiosk API of {@code parking} (issue 6; null for none).
   *
   * @see #start(GatewayControl, String, int)
   */
  public static CoapApiServer start(
      GatewayControl control, ParkingApi parking, String bindAddress, int port) {
    return start(control, parking, bindAddress, port, CALL_TIMEOUT);
  }

  static CoapApiServer start(
      GatewayControl control, String bindAddress, int port, Duration callTimeout) {
    return start(control, null, bindAddress, port, callTimeout);
  }

  static CoapApiServer start(
      GatewayControl control,
      ParkingApi parking,
      String bindAddress,
      int port,
      Duration callTimeout) {
    InetSocketAddress requested = socketAddress(bindAddress, port);
    Configuration config = CoapApiConfiguration.create();
    CoapEndpoint endpoint =
        new CoapEndpoint.Builder()
            .setConfiguration(config)
            .setInetSocketAddress(requested)
            .setLoggingTag("api")
            .build();
    CoapServer server = new CoapServer(config);
    // One protocol thread for both of Californium's executors instead of its default two pools of
    // two: the API serves an operator or a script on the box, and the calls themselves run on
    // ControlCalls' workers. Each idle thread costs the daemon ~0.1 MB.
    ScheduledExecutorService protocol =
        ExecutorsUtil.newSingleThreadScheduledExecutor(new NamedThreadFactory("coap-api"));
    server.setExecutors(protocol, protocol, false);
    server.addEndpoint(endpoint);
    ControlCalls calls = new ControlCalls(callTimeout, protocol);
    server.add(
        new ViewResource("status", "The gateway at a glance", calls, control::status),
        new SpacesResource(control, calls),
        new ViewResource(
            "devices", "Every device with its health verdict", calls, control::devices),
        new ReloadResource(control, calls),
        new LoggingResource(control, calls),
        new NotesResource(control, calls));
    if (parking != null) {
      // issue 6: reservations, lanes, sessions, payments (ParkingResources, gateway/API.md)
      ParkingResources.build(parking, calls, callTimeout).forEach(server::add);
    }
    try {
      server.start();
    } catch (IllegalStateException e) {
      server.destroy();
      calls.close();
      throw new IllegalStateException(
          "api: cannot listen for CoAP on udp " + hostAndPort(requested) + " (port in use?)", e);
    }
    InetSocketAddress bound = endpoint.getAddress();
    if (bound.getAddress().isAnyLocalAddress()) {
      log.warn(
          "api: CoAP API on udp {} answers every network the box is on; api.bind 127.0.0.1"
              + " keeps it on the box",
          hostAndPort(bound));
    }
    log.info("api: CoAP API listening on udp {}", hostAndPort(bound));
    return new CoapApiServer(server, calls, bound);
  }

  /** The address and port actually bound. */
  public InetSocketAddress address() {
    return address;
  }

  /** The UDP port actually bound (the chosen one when started with port 0). */
  public int port() {
    return address.getPort();
  }

  @Override
  public void close() {
    server.destroy();
    calls.close();
    log.info("api: CoAP API on udp {} stopped", hostAndPort(address));
  }

  private static InetSocketAddress socketAddress(String bindAddress, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("api: port must be 0..65535, got " + port);
    }
    String host =
        bindAddress == null || bindAddress.isBlank()
            ? CoapApiConfiguration.DEFAULT_BIND
            : bindAddress.strip();
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("api: unknown bind address \"" + host + "\"", e);
    }
  }

  private static String hostAndPort(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
