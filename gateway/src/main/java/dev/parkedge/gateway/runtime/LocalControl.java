package dev.parkedge.gateway.runtime;

import dev.parkedge.gateway.api.DeviceView;
import dev.parkedge.gateway.api.DurableWriteRefused;
import dev.parkedge.gateway.api.GatewayBusyException;
import dev.parkedge.gateway.api.GatewayControl;
import dev.parkedge.gateway.api.LogLevelView;
import dev.parkedge.gateway.api.ReloadOutcome;
import dev.parkedge.gateway.api.SpaceView;
import dev.parkedge.gateway.api.StatusView;
import dev.parkedge.gateway.config.SerialBusConfig;
import dev.parkedge.gateway.devices.DeviceStatus;
import dev.parkedge.gateway.devices.Health;
import dev.parkedge.gateway.display.DisplayService;
import dev.parkedge.gateway.journal.StorageHealth;
import dev.parkedge.gateway.sensing.FrameSource;
import dev.parkedge.gateway.sensing.SpaceSnapshot;
import dev.parkedge.proto.psp.Eui64;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Answers the local API from the domain thread. */
final class LocalControl implements GatewayControl {

  /** How long a durable write may take before its request is answered as not confirmed. */
  static final Duration DURABLE_TIMEOUT = Duration.ofSeconds(4);

  private final Gateway gateway;
  private volatile double framesPerSecond;
  private long lastFrames;
  private long lastSampleNanos;

  LocalControl(Gateway gateway) {
    this.gateway = gateway;
  }

  /** Once a second on the domain thread: the frame rate over the last second. */
  void sampleRates() {
    long now = gateway.parts().nanoTime().getAsLong();
    long frames = gateway.sensing().counters().frames();
    if (lastSampleNanos != 0 && now > lastSampleNanos) {
      framesPerSecond = (frames - lastFrames) * 1e9 / (now - lastSampleNanos);
    }
    lastFrames = frames;
    lastSampleNanos = now;
  }

  @Override
  public StatusView status() {
    return gateway.call(this::statusNow);
  }

  @Override
  public List<SpaceView> spaces() {
    return gateway.call(
        () -> gateway.sensing().spaces().stream().map(LocalControl::spaceView).toList());
  }

  @Override
  public List<DeviceView> devices() {
    return gateway.call(
        () -> gateway.devices().all().stream().map(LocalControl::deviceView).toList());
  }

  @Override
  public SpaceView setMaintenance(String spaceId, boolean on) {
    return gateway.call(() -> spaceView(gateway.sensing().setMaintenance(spaceId, on)));
  }

  @Override
  public ReloadOutcome reload() {
    return gateway.reload();
  }

  /** Not a domain call: logging is the process's, and must work while the domain is stuck. */
  @Override
  public LogLevelView logLevel(String logger, String level) {
    return Logging.level(logger, level);
  }

  @Override
  public long note(String key, String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", text);
    CompletableFuture<Long> committed =
        gateway.call(() -> gateway.journalDurably("operator.note", key, body));
    try {
      return committed.get(DURABLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new DurableWriteRefused("refused, nothing recorded: " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw new GatewayBusyException(
          "note "
              + key
              + " not confirmed within "
              + DURABLE_TIMEOUT.toSeconds()
              + " s; it may still be recorded (parkedge status shows storage)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayBusyException("interrupted waiting for note " + key);
    }
  }

  private StatusView statusNow() {
    var parts = gateway.parts();
    Map<String, Long> spaces = new LinkedHashMap<>();
    gateway.sensing().countByState().forEach((state, n) -> spaces.put(state.jsonName(), n));
    Map<String, Long> devices = new LinkedHashMap<>();
    gateway.devices().countByVerdict().forEach((verdict, n) -> devices.put(verdict.jsonName(), n));
    List<StatusView.BusView> buses = new ArrayList<>();
    for (FrameSource source : parts.sources()) {
      SerialBusConfig bus = parts.config().bus(source.bus()).orElse(null);
      buses.add(
          new StatusView.BusView(
              source.bus(),
              bus == null ? source.port() : bus.port(),
              bus == null ? source.protocol() : bus.protocol().yamlName(),
              source.connected(),
              gateway.sensing().counters().framesOn(source.bus()),
              gateway.sensing().counters().rejectedOn(source.bus()),
              source.details()));
    }
    List<StatusView.SignView> signs = new ArrayList<>();
    for (DisplayService.SignReading sign : gateway.displays().signs()) {
      signs.add(
          new StatusView.SignView(
              sign.id(),
              sign.zones(),
              sign.count().blank() ? "blank" : Integer.toString(sign.count().free()),
              sign.count().color().jsonName()));
    }
    StorageHealth storage = parts.journal().health();
    List<String> alarms = new ArrayList<>();
    if (!storage.ok()) {
      alarms.add("storage: " + storage.reason());
    }
    buses.stream()
        .filter(bus -> !bus.connected())
        .forEach(bus -> alarms.add("bus " + bus.name() + " disconnected (" + bus.port() + ")"));
    long orphans = devices.getOrDefault(Health.Verdict.ORPHAN.jsonName(), 0L);
    if (orphans > 0) {
      alarms.add(orphans + " orphan device(s) heard: pair them in site.yaml (parkedge devices)");
    }
    boolean clockTrusted = gateway.clockTrusted();
    if (!clockTrusted) {
      alarms.add(
          "clock not trusted (not yet synchronised, or it jumped back): events are marked so");
    }
    String version = Gateway.class.getPackage().getImplementationVersion();
    return new StatusView(
        parts.layout().site().id(),
        version == null ? "development" : version,
        gateway.startedAt().toString(),
        gateway.uptime().toSeconds(),
        spaces,
        devices,
        buses,
        signs,
        parts.journal().lastCommittedSeq(),
        storage.ok() ? "ok" : storage.reason(),
        Math.round(framesPerSecond * 10) / 10.0,
        alarms,
        clockTrusted,
        null);
  }

  static SpaceView spaceView(SpaceSnapshot space) {
    return new SpaceView(
        space.id(),
        space.level(),
        space.zone(),
        space.state().jsonName(),
        space.since().toString(),
        space.sensor() == null ? null : Eui64.format(space.sensor()));
  }

  static DeviceView deviceView(DeviceStatus d) {
    return new DeviceView(
        Eui64.format(d.eui()),
        d.role().jsonName(),
        d.bus(),
        d.space(),
        d.zone(),
        text(d.firstSeen()),
        text(d.lastSeen()),
        d.frames(),
        d.duplicates(),
        d.lost(),
        d.batteryMv(),
        d.temperatureC(),
        d.rssiDbm(),
        d.snrDb(),
        d.firmware(),
        d.flapsPerHour(),
        d.health().verdict().jsonName(),
        d.health().reason(),
        d.batteryPercent(),
        d.marginDb());
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
