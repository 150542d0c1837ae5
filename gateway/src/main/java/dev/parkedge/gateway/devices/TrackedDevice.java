package dev.parkedge.gateway.devices;

import dev.parkedge.proto.psp.PspMessage;

/**
 * One device's mutable record. Owned by the domain thread.
 *
 * <p>A site has one for every sensor, indicator and sign (10,100 at 5,000 spaces), so what it holds
 * is what the daemon's heap holds: what the layout says of the device is here, what was heard from
 * it is in a {@link Traffic} allocated when it is first heard (indicators and signs never are), and
 * the duplicate window and flap counts in there are allocated on the first frame and the first
 * flap, and bounded.
 */
final class TrackedDevice {

  /** Receivers treat a (device, seq) seen among the device's last 16 seqs as a duplicate. */
  static final int SEQ_WINDOW = 16;

  /** A seq gap this large is a device restart, not lost frames. */
  static final int RESTART_GAP = 1000;

  final long eui;
  DeviceRole role = DeviceRole.UNKNOWN;
  String bus;
  String space;
  String zone;
  Health health = Health.OK;
  boolean dirty;

  /** What was heard from it; null until it is heard, restored or reported on. */
  private Traffic traffic;

  /** The traffic of a device never heard: read, never written. */
  private static final Traffic NOTHING = new Traffic();

  TrackedDevice(long eui, String bus) {
    this.eui = eui;
    this.bus = bus;
  }

  /** Its record to save, clearing its change mark; null when it has not changed. */
  DeviceRecord takeChange() {
    if (!dirty) {
      return null;
    }
    dirty = false;
    return record();
  }

  /** What was heard from it, or null if nothing was (nor restored, nor reported on). */
  Traffic traffic() {
    return traffic;
  }

  /** What was heard from it, or an empty record to read when nothing was. */
  private Traffic heardOrNothing() {
    return traffic == null ? NOTHING : traffic;
  }

  /** What was heard from it, allocated to record the first of it. */
  Traffic track() {
    if (traffic == null) {
      traffic = new Traffic();
    }
    return traffic;
  }

  boolean neverSeen() {
    return traffic == null || traffic.neverSeen();
  }

  long frames() {
    return heardOrNothing().frames;
  }

  void readings(Heard heard) {
    Traffic t = track();
    if (heard.batteryMv() != null) {
      t.batteryMv(heard.batteryMv());
    }
    if (heard.temperatureC() != null) {
      t.temperatureC = heard.temperatureC();
    }
    if (heard.message() instanceof PspMessage.Occupancy o) {
      t.reportsFault = o.state() == PspMessage.SpaceState.FAULT;
    } else if (heard.message() instanceof PspMessage.Heartbeat h && heard.frameCounter() == null) {
      t.firmware = h.firmware();
    }
  }

  void flap(long nanos) {
    track().flap(nanos);
  }

  void restore(DeviceRecord record) {
    bus = record.bus();
    Traffic t = track();
    t.restoreSeen(record.firstSeen(), record.lastSeen());
    t.frames = record.frames();
    t.duplicates = record.duplicates();
    t.lost = record.lost();
    t.batteryMv(record.batteryMv());
    t.temperatureC = record.temperatureC();
    t.rssiDbm = record.rssiDbm();
    t.snrDb = record.snrDb();
    t.firmware = record.firmware();
  }

  DeviceRecord record() {
    Traffic t = heardOrNothing();
    return new DeviceRecord(
        eui,
        bus,
        t.firstSeen(),
        t.lastSeen(),
        t.frames,
        t.duplicates,
        t.lost,
        t.batteryMv(),
        t.temperatureC,
        t.rssiDbm,
        t.snrDb,
        t.firmware);
  }

  DeviceStatus status(long nowNanos) {
    Traffic t = heardOrNothing();
    return new DeviceStatus(
        eui,
        role,
        bus,
        space,
        zone,
        t.firstSeen(),
        t.lastSeen(),
        t.frames,
        t.duplicates,
        t.lost,
        t.batteryMv(),
        t.temperatureC,
        t.rssiDbm,
        t.snrDb,
        t.firmware,
        t.flapsPerHour(nowNanos),
        health,
        t.batteryPercent,
        t.marginDb);
  }
}
