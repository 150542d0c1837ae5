package dev.parkedge.gateway.transport.mqtt;

import dev.parkedge.gateway.config.LorawanConfig;
import dev.parkedge.gateway.devices.Heard;
import dev.parkedge.gateway.display.lorawan.DownlinkSender;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.lot.Space;
import dev.parkedge.gateway.runtime.Backoff;
import dev.parkedge.gateway.runtime.LogLimiter;
import dev.parkedge.gateway.sensing.FrameSink;
import dev.parkedge.gateway.sensing.FrameSource;
import dev.parkedge.proto.psp.Eui64;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's link to a LoRaWAN network server over MQTT: hears paired sensors' uplinks and
 * device events, and publishes class-C downlinks.
 *
 * <p>No uplink is lost: the subscription is QoS 1 in a persistent session, and each message is
 * acknowledged only once what it changed is committed and synced (Paho's manual acks), so a message
 * in flight when the gateway dies is delivered again, and dropped then by its fCnt if it had been
 * applied. While storage cannot commit (disk full) uplinks are acknowledged once applied, so that
 * the broker's window of unacknowledged messages does not fill and freeze the LoRaWAN spaces; their
 * entries are kept in memory and committed when the disk recovers. Messages that cannot be used
 * (bad JSON, unknown device, undecodable payload) are counted, logged at most once per device per
 * minute, and acknowledged, so the broker does not deliver them forever. Paho keeps its session
 * state in memory only: the SQLite journal is the durable record.
 */
public final class LorawanLink implements FrameSource, DownlinkSender, MqttCallback {

  private static final Logger log = LoggerFactory.getLogger(LorawanLink.class);

  static {
    PahoLog.install();
  }

  /** Downlinks Paho may have in flight at once; the airtime budget keeps far fewer. */
  private static final int MAX_INFLIGHT = 1000;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final LorawanConfig config;
  private final NetworkServerCodec codec;
  private final String password;
  private final Backoff backoff;
  private final LongSupplier nanoTime;
  private final LogLimiter warnings;
  private final MqttAsyncClient client;
  private final Object connection = new Object();

  /**
   * The link's one thread of its own ({@code lorawan-NAME}): connection attempts, and Paho's
   * keep-alive pings between them. Paho would otherwise start a timer thread for its pings, and the
   * link kept a thread that only waited for the connection to drop (each Java thread holds ~0.1 MB
   * of stack however idle, see DESIGN-DECISIONS). An attempt blocks it for at most the connect and
   * subscribe timeouts, while there is no connection to keep alive.
   */
  private final ScheduledExecutorService linkThread;

  /** An attempt to connect is scheduled and has not started: connection losses add no other. */
  private final AtomicBoolean attemptDue = new AtomicBoolean();

  private int failedAttempts; // link thread only

  /**
   * Bumped before every connection attempt and at every loss: a message is acknowledged only on the
   * connection it arrived on. (A persistent session's queued messages arrive right after the
   * CONNACK, before the subscribe returns: they belong to the new connection too.)
   */
  private final AtomicInteger generation = new AtomicInteger();

  private volatile Map<Long, DeviceAddress> sensors = Map.of();
  private final Map<Long, String> deviceIds = new ConcurrentHashMap<>();
  private final Counters counters = new Counters();
  private final Map<String, java.util.function.Supplier<Object>> alsoReport =
      new ConcurrentHashMap<>();
  private volatile boolean connected;
  private volatile boolean closed;
  private volatile String lastFailure;
  private FrameSink sink;

  /**
   * @param password the MQTT password or API key (read from the password file), or null
   */
  public LorawanLink(
      LorawanConfig config,
      NetworkServerCodec codec,
      String password,
      Backoff backoff,
      LongSupplier nanoTime) {
    this.config = config;
    this.codec = codec;
    this.password = password;
    this.backoff = backoff;
    this.nanoTime = nanoTime;
    this.warnings = new LogLimiter(Duration.ofMinutes(1), nanoTime);
    String threadName = "lorawan-" + config.name();
    this.linkThread =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, threadName);
              thread.setDaemon(true);
              return thread;
            });
    try {
      this.client =
          new MqttAsyncClient(
              config.broker(),
              config.clientId(),
              new MemoryPersistence(),
              new ScheduledExecutorPingSender(linkThread),
              null);
    } catch (MqttException e) {
      linkThread.shutdown();
      throw new IllegalArgumentException(
          "lorawan: cannot use broker " + config.broker() + ": " + e.getMessage(), e);
    }
    client.setManualAcks(true);
    client.setCallback(this);
  }

  @Override
  public String bus() {
    return config.name();
  }

  @Override
  public boolean connected() {
    return connected;
  }

  @Override
  public String port() {
    return config.broker();
  }

  @Override
  public String protocol() {
    return config.server().yamlName();
  }

  /** The link's counters, and whatever else was added to report with them (the airtime budget). */
  @Override
  public Map<String, Object> details() {
    Map<String, Object> details = new java.util.LinkedHashMap<>();
    LorawanLinkStats stats = stats();
    details.put("application", config.application());
    details.put("messages", stats.messages());
    details.put("uplinks", stats.uplinks());
    details.put("acked", stats.acked());
    details.put("unknown_devices", stats.unknownDevices());
    details.put("undecodable", stats.undecodable());
    details.put("refused", stats.refused());
    details.put("joins", stats.joins());
    details.put("device_events", stats.deviceEvents());
    details.put("reconnects", stats.reconnects());
    details.put("downlinks", stats.downlinks());
    details.put("downlinks_failed", stats.downlinksFailed());
    alsoReport.forEach((key, value) -> details.put(key, value.get()));
    return details;
  }

  /** Adds a fact to this link's status details, read each time status is asked for. */
  public void alsoReport(String key, java.util.function.Supplier<Object> value) {
    alsoReport.put(key, value);
  }

  /** The LoRaWAN sensors of this layout; uplinks of other dev_euis are counted as unknown. */
  @Override
  public void layoutApplied(SiteLayout layout) {
    Map<Long, DeviceAddress> paired = new HashMap<>();
    for (Space space : layout.spaces()) {
      DeviceAddress sensor = space.sensor();
      if (sensor != null && sensor.bus().equals(config.name())) {
        paired.put(sensor.eui(), sensor);
      }
    }
    sensors = Map.copyOf(paired);
  }

  @Override
  public synchronized void start(FrameSink sink) {
    this.sink = sink;
    attemptConnectingIn(0);
  }

  // ---- connection ---------------------------------------------------------------------------

  /**
   * Schedules an attempt to connect and subscribe on the link's thread, unless one is due already.
   * A broker that is down never blocks anything else: sensing, other buses and the API run on.
   */
  private void attemptConnectingIn(long delayNanos) {
    if (closed || !attemptDue.compareAndSet(false, true)) {
      return;
    }
    try {
      linkThread.schedule(this::attemptConnecting, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  /**
   * Connects and subscribes; if that fails, tries again after exponential backoff with jitter. A
   * connection that drops later is tried again at once ({@link #connectionLost}).
   */
  private void attemptConnecting() {
    attemptDue.set(false);
    if (closed || connected) {
      return;
    }
    try {
      connectAndSubscribe();
      failedAttempts = 0;
    } catch (MqttException | RuntimeException e) {
      if (closed) {
        return;
      }
      onConnectFailure(e);
      attemptConnectingIn(backoff.delayNanos(failedAttempts++));
    }
  }

  private void connectAndSubscribe() throws MqttException {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(false);
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval((int) config.keepAlive().toSeconds());
    options.setConnectionTimeout((int) CONNECT_TIMEOUT.toSeconds());
    options.setMaxInflight(MAX_INFLIGHT);
    if (config.username() != null) {
      options.setUserName(config.username());
    }
    if (password != null) {
      options.setPassword(password.toCharArray());
    }
    if (config.caFile() != null) {
      options.setSocketFactory(TrustedCertificates.socketFactory(config.caFile()));
    }
    generation.incrementAndGet();
    client.connect(options).waitForCompletion(CONNECT_TIMEOUT.toMillis());
    List<String> topics = codec.subscriptions();
    int[] qos = new int[topics.size()];
    java.util.Arrays.fill(qos, codec.qos());
    var token = client.subscribe(topics.toArray(String[]::new), qos);
    token.waitForCompletion(CONNECT_TIMEOUT.toMillis());
    for (int granted : token.getGrantedQos()) {
      if (granted != codec.qos()) {
        log.warn(
            "lorawan {}: the broker granted QoS {} instead of {} on {}: uplinks may be lost while"
                + " the gateway is down",
            config.name(),
            granted,
            codec.qos(),
            topics);
      }
    }
    synchronized (connection) {
      connected = true;
    }
    if (lastFailure != null) {
      counters.reconnects.incrementAndGet();
    }
    lastFailure = null;
    log.info(
        "lorawan {}: connected to {} as {} ({}), subscribed to {}",
        config.name(),
        config.broker(),
        config.clientId(),
        config.server().yamlName(),
        topics);
  }

  private void onConnectFailure(Exception e) {
    String reason =
        e instanceof MqttException mqtt
            ? ConnectFailure.describe(mqtt)
            : (e.getMessage() != null ? e.getMessage() : e.toString());
    if (!reason.equals(lastFailure)) {
      log.warn(
          "lorawan {}: cannot connect to {}: {}; retrying with backoff",
          config.name(),
          config.broker(),
          reason);
    }
    lastFailure = reason;
    try {
      if (client.isConnected()) {
        client.disconnectForcibly(1000, 1000);
      }
    } catch (MqttException ignored) {
      // already down
    }
  }

  @Override
  public void connectionLost(Throwable cause) {
    synchronized (connection) {
      generation.incrementAndGet();
      connected = false;
    }
    lastFailure = "connection lost";
    if (!closed) {
      log.warn(
          "lorawan {}: connection to {} lost: {}; reconnecting",
          config.name(),
          config.broker(),
          cause == null ? "no reason given" : cause.getMessage());
      attemptConnectingIn(0);
    }
  }

  @Override
  public void deliveryComplete(IMqttDeliveryToken token) {
    // downlinks are fire-and-forget at QoS 0 from the budget's point of view
  }

  // ---- inbound ------------------------------------------------------------------------------

  /**
   * One message from the broker, on Paho's callback thread. Never throws: Paho would drop the
   * connection.
   */
  @Override
  public void messageArrived(String topic, MqttMessage message) {
    int id = message.getId();
    int qos = message.getQos();
    int arrivedOn = generation.get();
    Runnable ack = () -> ack(id, qos, arrivedOn);
    counters.messages.incrementAndGet();
    try {
      handle(topic, message.getPayload(), ack);
    } catch (RuntimeException e) {
      counters.internalErrors.incrementAndGet();
      warn("internal:" + topic, "cannot handle a message on {}: {}", topic, e.toString());
      ack.run();
    }
  }

  private void handle(String topic, byte[] payload, Runnable ack) {
    Optional<NetworkEvent> event;
    try {
      event = codec.parse(topic, payload);
    } catch (MessageProblem problem) {
      counters.problem(problem.kind());
      warn(problem.kind() + ":" + topic, "message on {} refused: {}", topic, problem.getMessage());
      ack.run();
      return;
    }
    if (event.isEmpty()) {
      ack.run();
      return;
    }
    if (event.get() instanceof NetworkEvent.Uplink uplink) {
      onUplink(uplink, ack);
    } else if (event.get() instanceof NetworkEvent.Join join) {
      counters.joins.incrementAndGet();
      log.info("lorawan {}: device {} joined", config.name(), Eui64.format(join.devEui()));
      sink.onJoined(config.name(), join.devEui());
      ack.run();
    } else if (event.get() instanceof NetworkEvent.Status status) {
      counters.deviceEvents.incrementAndGet();
      sink.onLinkStatus(config.name(), status.devEui(), status.batteryPercent(), status.marginDb());
      ack.run();
    } else {
      counters.deviceEvents.incrementAndGet();
      log.debug("lorawan {}: {}", config.name(), event.get());
      ack.run();
    }
  }

  private void onUplink(NetworkEvent.Uplink uplink, Runnable ack) {
    counters.uplinks.incrementAndGet();
    if (uplink.deviceId() != null) {
      deviceIds.put(uplink.devEui(), uplink.deviceId());
    }
    String eui = Eui64.format(uplink.devEui());
    DeviceAddress sensor = sensors.get(uplink.devEui());
    if (sensor == null) {
      counters.unknownDevices.incrementAndGet();
      warn(
          "unknown:" + eui,
          "uplink from dev_eui {} that no space in site.yaml is paired to; pair it or remove it"
              + " from the application",
          eui);
      ack.run();
      return;
    }
    Heard heard;
    try {
      heard = UplinkReading.heard(uplink, sensor, config.name(), nanoTime.getAsLong());
    } catch (UplinkReading.Unreadable e) {
      counters.undecodable.incrementAndGet();
      warn(
          "undecodable:" + eui,
          "uplink from {} (fCnt {}, fPort {}) not usable: {}",
          eui,
          uplink.fCnt(),
          uplink.fPort(),
          e.getMessage());
      ack.run();
      return;
    }
    sink.onHeard(heard, ack);
  }

  private void ack(int id, int qos, int arrivedOn) {
    synchronized (connection) {
      if (arrivedOn != generation.get()) {
        // The broker delivers it again on the new connection; the fCnt drops the repeat.
        counters.unacked.incrementAndGet();
        return;
      }
    }
    try {
      client.messageArrivedComplete(id, qos);
      counters.acked.incrementAndGet();
    } catch (MqttException e) {
      counters.unacked.incrementAndGet();
    }
  }

  private void warn(String key, String format, Object... args) {
    long held = warnings.permit(key);
    if (held < 0) {
      return;
    }
    if (held > 0) {
      log.warn("lorawan " + config.name() + ": " + format + " ({} more since)", append(args, held));
    } else {
      log.warn("lorawan " + config.name() + ": " + format, args);
    }
  }

  private static Object[] append(Object[] args, Object last) {
    Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }

  // ---- outbound -----------------------------------------------------------------------------

  /**
   * Publishes a class-C downlink (the network server queues it for the device). Never blocks for
   * long: Paho queues the publish.
   *
   * @throws IllegalStateException when it cannot be handed to the broker (not connected): the
   *     display driver sends the display's newest state again later
   */
  @Override
  public void send(long devEui, int fPort, byte[] payload) {
    if (!connected) {
      counters.downlinksFailed.incrementAndGet();
      throw new IllegalStateException("not connected to " + config.broker());
    }
    NetworkServerCodec.Downlink downlink =
        codec.downlink(devEui, deviceIds.get(devEui), fPort, payload);
    try {
      client.publish(downlink.topic(), downlink.payload(), codec.qos(), false);
      counters.downlinks.incrementAndGet();
    } catch (MqttException e) {
      counters.downlinksFailed.incrementAndGet();
      throw new IllegalStateException(
          "downlink to " + Eui64.format(devEui) + " not accepted: " + e.getMessage(), e);
    }
  }

  // ---- status and shutdown ------------------------------------------------------------------

  /** Counters since start. */
  public LorawanLinkStats stats() {
    return counters.snapshot(connected);
  }

  @Override
  public void close() {
    closed = true;
    synchronized (connection) {
      connected = false;
    }
    // stops an attempt under way (Paho's waits are interruptible) and any due; pings end with
    // the connection below
    linkThread.shutdownNow();
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(2000);
      }
    } catch (MqttException e) {
      log.debug("lorawan {}: disconnect: {}", config.name(), e.getMessage());
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      log.debug("lorawan {}: close: {}", config.name(), e.getMessage());
    }
  }

  /** The link's counters (thread-safe). */
  private static final class Counters {
    final AtomicLong messages = new AtomicLong();
    final AtomicLong uplinks = new AtomicLong();
    final AtomicLong acked = new AtomicLong();
    final AtomicLong unacked = new AtomicLong();
    final AtomicLong unknownDevices = new AtomicLong();
    final AtomicLong undecodable = new AtomicLong();
    final AtomicLong joins = new AtomicLong();
    final AtomicLong deviceEvents = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong internalErrors = new AtomicLong();
    final AtomicLong downlinks = new AtomicLong();
    final AtomicLong downlinksFailed = new AtomicLong();
    final Map<MessageProblem.Kind, AtomicLong> problems = new EnumMap<>(MessageProblem.Kind.class);

    Counters() {
      for (MessageProblem.Kind kind : MessageProblem.Kind.values()) {
        problems.put(kind, new AtomicLong());
      }
    }

    void problem(MessageProblem.Kind kind) {
      problems.get(kind).incrementAndGet();
    }

    LorawanLinkStats snapshot(boolean connected) {
      Map<String, Long> refused = new java.util.TreeMap<>();
      problems.forEach(
          (kind, count) -> refused.put(kind.name().toLowerCase(Locale.ROOT), count.get()));
      refused.put("internal_error", internalErrors.get());
      return new LorawanLinkStats(
          connected,
          messages.get(),
          uplinks.get(),
          acked.get(),
          unacked.get(),
          unknownDevices.get(),
          undecodable.get(),
          refused,
          joins.get(),
          deviceEvents.get(),
          reconnects.get(),
          downlinks.get(),
          downlinksFailed.get());
    }
  }
}
