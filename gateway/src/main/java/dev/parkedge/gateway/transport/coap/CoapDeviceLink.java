package dev.parkedge.gateway.transport.coap;

import dev.parkedge.gateway.config.CoapDevicesConfig;
import dev.parkedge.gateway.config.CoapDevicesConfig.DeviceKey;
import dev.parkedge.gateway.display.DisplayDriver;
import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.gateway.display.DisplayStats;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.sensing.FrameSink;
import dev.parkedge.gateway.sensing.FrameSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IP-connected devices (sensors, lane devices, displays) over CoAP with DTLS pre-shared keys
 * (Californium and Scandium), on one UDP port. A bus to the rest of the gateway: a {@link
 * FrameSource} for the packets devices POST to {@code /psp}, and the {@link DisplayDriver} of the
 * displays that observe {@code /display/{eui}}.
 *
 * <p>Each DTLS identity is bound to one device EUI in the key file; a device may only send packets
 * about itself and observe its own display state. A handshake with an unknown identity or a wrong
 * key gets nothing. Refusals and bad packets are counted ({@link #deviceStats()}) and warned about
 * at most once a minute per peer.
 *
 * <p>Threads: Scandium's and Californium's own (decoding, handshakes, requests; a request hands its
 * packet to the sink on its thread) and {@code coap-<bus>-notify}, which sends display
 * notifications so that {@link #show} never does I/O on the domain thread.
 */
public final class CoapDeviceLink implements FrameSource, DisplayDriver {

  private static final Logger log = LoggerFactory.getLogger(CoapDeviceLink.class);

  private final String bus;
  private final CoapServer server;
  private final InetSocketAddress address;
  private final LinkCounters counters;
  private final DisplayBoard board;
  private final DisplayNotifier notifier;
  private final Map<Long, DisplayResource> displays;
  private final AtomicReference<FrameSink> sink;
  private volatile boolean open = true;

  private CoapDeviceLink(
      String bus,
      CoapServer server,
      InetSocketAddress address,
      LinkCounters counters,
      DisplayBoard board,
      Map<Long, DisplayResource> displays,
      AtomicReference<FrameSink> sink) {
    this.bus = bus;
    this.sink = sink;
    this.server = server;
    this.address = address;
    this.counters = counters;
    this.board = board;
    this.displays = displays;
    this.notifier = new DisplayNotifier(bus, displays);
  }

  /**
   * Binds the DTLS port and serves devices; packets are answered 5.03 until {@link #start}.
   *
   * @throws IllegalArgumentException when the bind address is unknown
   * @throws IllegalStateException when the port cannot be bound (in use)
   */
  public static CoapDeviceLink open(CoapDevicesConfig config) {
    return open(config, System::nanoTime);
  }

  static CoapDeviceLink open(CoapDevicesConfig config, LongSupplier nanoTime) {
    String bus = config.bus();
    InetSocketAddress requested = socketAddress(bus, config.bind(), config.port());
    LinkCounters counters = new LinkCounters();
    PeerWarnings warnings = new PeerWarnings(log, nanoTime);
    HandshakeWatch handshakes = new HandshakeWatch(bus, counters, warnings);
    DeviceKeys keys = new DeviceKeys(config.keys(), handshakes::unknownIdentity);
    Configuration configuration = CoapDeviceConfiguration.create(DtlsRole.SERVER_ONLY);
    DTLSConnector connector =
        new DTLSConnector(
            DtlsConnectorConfig.builder(configuration)
                .setAddress(requested)
                .setAdvancedPskStore(keys)
                .setSessionListener(handshakes)
                .setConnectionListener(handshakes)
                .setLoggingTag("coap-" + bus)
                .build());
    CoapEndpoint endpoint =
        new CoapEndpoint.Builder()
            .setConfiguration(configuration)
            .setConnector(connector)
            .setLoggingTag("coap-" + bus)
            .build();
    CoapServer server = new CoapServer(configuration);
    server.addEndpoint(endpoint);
    DisplayBoard board = new DisplayBoard();
    Map<Long, DisplayResource> displays = new LinkedHashMap<>();
    CoapResource displayRoot = new CoapResource("display");
    for (DeviceKey key : config.keys()) {
      displays.computeIfAbsent(
          key.eui(),
          eui -> {
            DisplayResource resource =
                new DisplayResource(eui, bus, keys, board, counters, warnings);
            displayRoot.add(resource);
            return resource;
          });
    }
    AtomicReference<FrameSink> sink = new AtomicReference<>();
    server.add(new PacketResource(bus, keys, sink, counters, warnings, nanoTime), displayRoot);
    try {
      server.start();
    } catch (IllegalStateException e) {
      server.destroy();
      throw new IllegalStateException(
          "coap "
              + bus
              + ": cannot listen for CoAP over DTLS on udp "
              + hostAndPort(requested)
              + " (port in use?)",
          e);
    }
    InetSocketAddress bound = endpoint.getAddress();
    CoapDeviceLink link =
        new CoapDeviceLink(bus, server, bound, counters, board, Map.copyOf(displays), sink);
    log.info(
        "coap {}: CoAP over DTLS listening on udp {} for {} device identities",
        bus,
        hostAndPort(bound),
        config.keys().size());
    return link;
  }

  @Override
  public String bus() {
    return bus;
  }

  /** Packets devices send go to {@code sink} from Californium's threads from now on. */
  @Override
  public void start(FrameSink sink) {
    this.sink.set(sink);
  }

  /** Whether the DTLS port is being served. */
  @Override
  public String port() {
    return "udp " + address.getHostString() + ":" + address.getPort();
  }

  @Override
  public String protocol() {
    return "coaps";
  }

  /** The link's refusals and observers, for status. */
  @Override
  public Map<String, Object> details() {
    CoapDeviceStats stats = deviceStats();
    Map<String, Object> details = new java.util.LinkedHashMap<>();
    details.put("packets", stats.packets());
    details.put("bad_packets", stats.badPackets());
    details.put("forbidden", stats.forbidden());
    details.put("unknown_identities", stats.unknownIdentities());
    details.put("handshake_failures", stats.handshakeFailures());
    details.put("observers", stats.observers());
    return details;
  }

  @Override
  public boolean connected() {
    return open;
  }

  @Override
  public boolean drives(DeviceAddress address) {
    return address.bus().equals(bus);
  }

  /**
   * Records the display's new state and schedules its observers' notification; returns at once. A
   * state equal to what the display has is not sent again: an observing display already has it.
   */
  @Override
  public void show(DeviceAddress address, DisplayState state) {
    counters.displaysCommanded.increment();
    if (!board.put(address.eui(), state)) {
      counters.displaysUnchanged.increment();
      return;
    }
    counters.displaysPublished.increment();
    notifier.changed(address.eui());
  }

  /**
   * Displays' counters: {@code coalesced} counts states equal to the one already published (a
   * refresh), {@code sent} states published to observers.
   */
  @Override
  public DisplayStats stats() {
    return new DisplayStats(
        counters.displaysCommanded.sum(),
        counters.displaysUnchanged.sum(),
        counters.displaysPublished.sum(),
        0);
  }

  /** Packets, refusals and handshake failures so far. */
  public CoapDeviceStats deviceStats() {
    int observers = displays.values().stream().mapToInt(CoapResource::getObserverCount).sum();
    return counters.snapshot(observers);
  }

  /** The address and port actually bound. */
  public InetSocketAddress address() {
    return address;
  }

  @Override
  public void close() {
    if (!open) {
      return;
    }
    open = false;
    notifier.close();
    server.destroy();
    log.info("coap {}: stopped listening on udp {}", bus, hostAndPort(address));
  }

  private static InetSocketAddress socketAddress(String bus, String bind, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByName(bind.strip()), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "coap " + bus + ": unknown bind address \"" + bind + "\"", e);
    }
  }

  private static String hostAndPort(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
