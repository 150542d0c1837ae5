package dev.parkedge.gateway.devices;

import dev.parkedge.gateway.journal.ChangedPass;
import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.lot.Space;
import dev.parkedge.proto.psp.Eui64;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Every device the gateway knows of, configured or merely heard, with its health. Owned by the
 * domain thread: no locks.
 */
public final class DeviceRegistry {

  /** What hearing a packet meant for the registry. */
  public enum Outcome {
    /** A new packet from a configured device (or a bridge). */
    ACCEPTED,
    /** Seen among the device's last 16 seqs: several bridges heard one radio frame. */
    DUPLICATE,
    /** From a device site.yaml does not know; recorded and listed so it can be paired. */
    ORPHAN,
    /** As ORPHAN, and the first time this orphan is heard. */
    NEW_ORPHAN
  }

  private final HealthPolicy policy;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private final DeviceTable devices = new DeviceTable();

  /** Flap counts below this share their verdict (a sensor changing once a second: 3,600). */
  private static final int SHARED_FLAP_VERDICTS = 4096;

  private Health[] flappingVerdicts;

  /** The periodic save's pass over the devices ({@link #takeChanged(int)}). */
  private final ChangedPass handOver = new ChangedPass();

  /** A battery level a network server reports below this is degraded. */
  static final int LOW_BATTERY_PERCENT = 10;

  public DeviceRegistry(HealthPolicy policy, Clock clock, LongSupplier nanoTime) {
    this.policy = policy;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
  }

  /** Brings back what was persisted before a restart. Call before {@link #configure}. */
  public void restore(Collection<DeviceRecord> records) {
    for (DeviceRecord record : records) {
      device(record.eui(), record.bus()).restore(record);
    }
  }

  /** Sets every device's role, space and zone from the layout; others become orphans. */
  public void configure(SiteLayout layout) {
    for (TrackedDevice device : devices.inOrder()) {
      if (device.role != DeviceRole.BRIDGE) {
        device.role = DeviceRole.UNKNOWN;
      }
      device.space = null;
      device.zone = null;
    }
    for (Space space : layout.spaces()) {
      if (space.sensor() != null) {
        assign(space.sensor().eui(), space.sensor().bus(), DeviceRole.SENSOR, space);
      }
      if (space.indicator() != null) {
        assign(space.indicator().eui(), space.indicator().bus(), DeviceRole.INDICATOR, space);
      }
    }
    layout
        .signs()
        .forEach(
            sign -> {
              TrackedDevice device = device(sign.device().eui(), sign.device().bus());
              device.role = DeviceRole.SIGN;
              device.zone = String.join(",", sign.zones());
            });
    devices.reindex(d -> d.role == DeviceRole.UNKNOWN && d.neverSeen());
  }

  /** Records a packet: duplicate check, counters, readings, orphan detection. */
  public Outcome hear(Heard heard) {
    if (heard.bridge() != 0) {
      TrackedDevice bridge = device(heard.bridge(), heard.bus());
      if (bridge.role == DeviceRole.UNKNOWN) {
        bridge.role = DeviceRole.BRIDGE;
      }
      seen(bridge, heard);
    }
    TrackedDevice device = device(heard.device(), heard.bus());
    Traffic traffic = device.track();
    if (isDuplicate(traffic, heard)) {
      traffic.duplicates++;
      device.dirty = true;
      return Outcome.DUPLICATE;
    }
    boolean firstTime = traffic.neverSeen();
    if (heard.frameCounter() != null) {
      traffic.countCounter(heard.frameCounter());
    } else {
      traffic.countGap(heard.message().seq());
    }
    device.readings(heard);
    if (heard.rssiDbm() != null) {
      traffic.rssiDbm = heard.rssiDbm();
      traffic.snrDb = heard.snrDb();
    }
    seen(device, heard);
    if (device.role == DeviceRole.UNKNOWN) {
      if (firstTime || device.health.verdict() != Health.Verdict.ORPHAN) {
        device.health = orphan(device);
        return Outcome.NEW_ORPHAN;
      }
      return Outcome.ORPHAN;
    }
    return Outcome.ACCEPTED;
  }

  private static boolean isDuplicate(Traffic traffic, Heard heard) {
    return heard.frameCounter() != null
        ? traffic.isStaleCounter(heard.frameCounter())
        : traffic.isRepeat(heard.message().seq());
  }

  /** A LoRaWAN device (re)joined: its frame counter starts again, so any fCnt is new from here. */
  public void joined(long eui, String bus) {
    device(eui, bus).track().lastFrameCounter = -1;
  }

  /**
   * The fCnt of the uplink behind a space's last journaled state, restored at start: a network
   * server redelivers uplinks that were applied but not yet acknowledged when the gateway stopped,
   * and those must not apply twice.
   */
  public void restoreFrameCounter(long eui, String bus, long frameCounter) {
    Traffic traffic = device(eui, bus).track();
    traffic.lastFrameCounter = Math.max(traffic.lastFrameCounter, frameCounter);
  }

  /**
   * What a LoRaWAN network server measured of a device (its status event): the battery level the
   * device reported in percent, and the link margin of its last uplink. Null means not known.
   */
  public void linkStatus(long eui, String bus, Integer batteryPercent, Integer marginDb) {
    TrackedDevice device = device(eui, bus);
    Traffic traffic = device.track();
    traffic.batteryPercent = batteryPercent;
    traffic.marginDb = marginDb;
    device.dirty = true;
  }

  /** The id of the space whose sensor this is, or null if it is no space's sensor. */
  public String spaceOfSensor(long eui) {
    TrackedDevice device = devices.get(eui);
    return device != null && device.role == DeviceRole.SENSOR ? device.space : null;
  }

  /** Counts a state change reported by a sensor, for flaps per hour. */
  public void stateChanged(long eui, long nanos) {
    TrackedDevice device = devices.get(eui);
    if (device != null) {
      device.flap(nanos);
    }
  }

  /** Recomputes every verdict; returns those that changed. */
  public List<HealthChange> assess() {
    long now = nanoTime.getAsLong();
    List<HealthChange> changes = new ArrayList<>();
    for (TrackedDevice device : devices.inOrder()) {
      Health verdict = verdict(device, now);
      if (!verdict.equals(device.health)) {
        if (verdict.verdict() != device.health.verdict()) {
          changes.add(new HealthChange(device.eui, device.health, verdict));
        }
        device.health = verdict;
      }
    }
    return changes;
  }

  public List<DeviceStatus> all() {
    long now = nanoTime.getAsLong();
    return devices.inOrder().stream().map(d -> d.status(now)).toList();
  }

  public Optional<DeviceStatus> find(long eui) {
    TrackedDevice device = devices.get(eui);
    return device == null ? Optional.empty() : Optional.of(device.status(nanoTime.getAsLong()));
  }

  public Map<Health.Verdict, Long> countByVerdict() {
    Map<Health.Verdict, Long> counts = new EnumMap<>(Health.Verdict.class);
    for (Health.Verdict verdict : Health.Verdict.values()) {
      counts.put(verdict, 0L);
    }
    devices.inOrder().forEach(d -> counts.merge(d.health.verdict(), 1L, Long::sum));
    return counts;
  }

  /** Every device changed since it was last handed over, at once (at stop); ends any pass. */
  public List<DeviceRecord> takeChanged() {
    handOver.end();
    return ChangedPass.all(devices.inOrder(), TrackedDevice::takeChange);
  }

  /**
   * Starts a pass over the devices for the periodic save: {@link #takeChanged(int)} then hands over
   * those changed since they were last handed over, a slice at a time. Restarts a pass still under
   * way.
   */
  public void startHandOver() {
    handOver.start();
  }

  /**
   * Up to {@code max} of the changed devices, continuing the pass {@link #startHandOver} began;
   * empty once it has been through every device, and between passes. A device that changes again
   * after its slice waits for the next pass, so each is handed over at most once per pass.
   */
  public List<DeviceRecord> takeChanged(int max) {
    return handOver.next(devices.inOrder(), max, TrackedDevice::takeChange);
  }

  private void assign(long eui, String bus, DeviceRole role, Space space) {
    TrackedDevice device = device(eui, bus);
    device.role = role;
    device.bus = bus;
    device.space = space.id();
    device.zone = space.zoneId();
  }

  private TrackedDevice device(long eui, String bus) {
    TrackedDevice device = devices.get(eui);
    if (device == null) {
      device = new TrackedDevice(eui, bus);
      devices.add(device);
    }
    return device;
  }

  private void seen(TrackedDevice device, Heard heard) {
    Traffic traffic = device.track();
    traffic.seen(clock.instant());
    traffic.lastHeardNanos = heard.receivedNanos();
    traffic.heardSinceStart = true;
    device.bus = heard.bus();
    traffic.frames++;
    device.dirty = true;
  }

  private Health verdict(TrackedDevice device, long now) {
    return switch (device.role) {
      case UNKNOWN -> orphan(device);
      case INDICATOR, SIGN -> Health.DISPLAY;
      case BRIDGE -> silence(device, now, "radio bridge");
      case SENSOR -> sensor(device, now);
    };
  }

  private Health sensor(TrackedDevice device, long now) {
    Health silent = silence(device, now, "sensor");
    if (silent.verdict() != Health.Verdict.OK) {
      return silent;
    }
    Traffic traffic = device.traffic();
    if (traffic == null) {
      return Health.OK; // heard of nothing yet, and not yet stale
    }
    if (traffic.reportsFault) {
      return degraded("sensor reports a fault");
    }
    if (traffic.batteryPercent != null && traffic.batteryPercent < LOW_BATTERY_PERCENT) {
      return degraded(
          "battery "
              + traffic.batteryPercent
              + " % below "
              + LOW_BATTERY_PERCENT
              + " % (reported by the network server)");
    }
    Integer batteryMv = traffic.batteryMv();
    if (batteryMv != null && batteryMv < policy.lowBatteryMv()) {
      return degraded("battery " + batteryMv + " mV below " + policy.lowBatteryMv() + " mV");
    }
    if (traffic.rssiDbm != null && traffic.rssiDbm < policy.weakRssiDbm()) {
      return degraded("weak radio: RSSI " + traffic.rssiDbm + " dBm");
    }
    long expected = traffic.frames + traffic.lost;
    if (expected >= 20 && (double) traffic.lost / expected > policy.maxLostRatio()) {
      return degraded(traffic.lost + " of " + expected + " frames lost");
    }
    int flaps = traffic.flapsPerHour(now);
    if (flaps > policy.maxFlapsPerHour()) {
      return flapping(flaps);
    }
    return Health.OK;
  }

  /**
   * The verdict for this many flaps in the last hour, one shared per count: after a burst of
   * changes every sensor of a site may be flagged at once, and 5,000 copies of the same few reasons
   * held ~0.5 MB for the hour they last. Filled on the domain thread only.
   */
  private Health flapping(int flaps) {
    if (flaps >= SHARED_FLAP_VERDICTS) {
      return degraded(flappingReason(flaps));
    }
    if (flappingVerdicts == null) {
      flappingVerdicts = new Health[SHARED_FLAP_VERDICTS];
    }
    Health shared = flappingVerdicts[flaps];
    if (shared == null) {
      shared = degraded(flappingReason(flaps));
      flappingVerdicts[flaps] = shared;
    }
    return shared;
  }

  private static String flappingReason(int flaps) {
    return "flapping: " + flaps + " state changes in the last hour";
  }

  private Health silence(TrackedDevice device, long now, String what) {
    Traffic traffic = device.traffic();
    boolean heard = traffic != null && traffic.heardSinceStart;
    long silentNanos = now - (heard ? traffic.lastHeardNanos : startNanos);
    if (silentNanos > policy.staleAfter().toNanos()) {
      String reason =
          device.neverSeen()
              ? what + " never heard"
              : what + " silent for " + human(Duration.ofNanos(silentNanos));
      return new Health(Health.Verdict.STALE, reason);
    }
    return Health.OK;
  }

  private static Health orphan(TrackedDevice device) {
    return new Health(
        Health.Verdict.ORPHAN,
        "not in site.yaml: heard "
            + device.frames()
            + " frame"
            + (device.frames() == 1 ? "" : "s")
            + " on "
            + device.bus
            + "; pair "
            + Eui64.format(device.eui)
            + " to a space");
  }

  private static Health degraded(String reason) {
    return new Health(Health.Verdict.DEGRADED, reason);
  }

  static String human(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 7200) {
      return seconds / 60 + " min";
    }
    return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
  }
}
