package dev.parkedge.gateway.devices;

import dev.parkedge.proto.psp.PspMessage;
import java.time.Instant;
import java.util.ArrayDeque;

/** One device's mutable record. Owned by the domain thread. */
final class TrackedDevice {

  /** Receivers treat a (device, seq) seen among the device's last 16 seqs as a duplicate. */
  static final int SEQ_WINDOW = 16;

  /** A seq gap this large is a device restart, not lost frames. */
  static final int RESTART_GAP = 1000;

  private static final long HOUR_NANOS = 3_600_000_000_000L;

  final long eui;
  DeviceRole role = DeviceRole.UNKNOWN;
  String bus;
  String space;
  String zone;
  Instant firstSeen;
  Instant lastSeen;
  long lastHeardNanos;
  boolean heardSinceStart;
  long frames;
  long duplicates;
  long lost;
  Integer batteryMv;
  Integer temperatureC;
  Integer rssiDbm;
  Double snrDb;
  String firmware;
  boolean reportsFault;
  Health health = new Health(Health.Verdict.OK, "");
  boolean dirty;

  private final int[] recentSeqs = new int[SEQ_WINDOW];
  private int recentCount;
  private int recentNext;
  private int lastSeq = -1;
  private final ArrayDeque<Long> flaps = new ArrayDeque<>();

  TrackedDevice(long eui, String bus) {
    this.eui = eui;
    this.bus = bus;
  }

  /** Whether this seq is among the last 16 seen; remembers it when not. */
  boolean isRepeat(int seq) {
    for (int i = 0; i < recentCount; i++) {
      if (recentSeqs[i] == seq) {
        return true;
      }
    }
    recentSeqs[recentNext] = seq;
    recentNext = (recentNext + 1) % SEQ_WINDOW;
    recentCount = Math.min(recentCount + 1, SEQ_WINDOW);
    return false;
  }

  /** Counts frames missing between the last seq and this one (seqs wrap at 65536). */
  void countGap(int seq) {
    if (lastSeq >= 0) {
      int gap = (seq - lastSeq - 1) & 0xFFFF;
      if (gap > 0 && gap < RESTART_GAP) {
        lost += gap;
      }
    }
    lastSeq = seq;
  }

  void readings(PspMessage message) {
    if (message instanceof PspMessage.Occupancy o) {
      batteryMv = o.batteryMv();
      temperatureC = o.temperatureC();
      reportsFault = o.state() == PspMessage.SpaceState.FAULT;
    } else if (message instanceof PspMessage.Heartbeat h) {
      batteryMv = h.batteryMv();
      temperatureC = h.temperatureC();
      firmware = h.firmware();
    }
  }

  void flap(long nanos) {
    flaps.addLast(nanos);
    flapsPerHour(nanos);
  }

  int flapsPerHour(long nowNanos) {
    while (!flaps.isEmpty() && nowNanos - flaps.peekFirst() > HOUR_NANOS) {
      flaps.removeFirst();
    }
    return flaps.size();
  }

  void restore(DeviceRecord record) {
    bus = record.bus();
    firstSeen = record.firstSeen();
    lastSeen = record.lastSeen();
    frames = record.frames();
    duplicates = record.duplicates();
    lost = record.lost();
    batteryMv = record.batteryMv();
    temperatureC = record.temperatureC();
    rssiDbm = record.rssiDbm();
    snrDb = record.snrDb();
    firmware = record.firmware();
  }

  DeviceRecord record() {
    return new DeviceRecord(
        eui,
        bus,
        firstSeen,
        lastSeen,
        frames,
        duplicates,
        lost,
        batteryMv,
        temperatureC,
        rssiDbm,
        snrDb,
        firmware);
  }

  DeviceStatus status(long nowNanos) {
    return new DeviceStatus(
        eui,
        role,
        bus,
        space,
        zone,
        firstSeen,
        lastSeen,
        frames,
        duplicates,
        lost,
        batteryMv,
        temperatureC,
        rssiDbm,
        snrDb,
        firmware,
        flapsPerHour(nowNanos),
        health);
  }
}
