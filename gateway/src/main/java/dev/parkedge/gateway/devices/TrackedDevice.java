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
  Integer batteryPercent;
  Integer marginDb;
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

  /** The last applied LoRaWAN fCnt, or -1 before the first one (and after a join). */
  long lastFrameCounter = -1;

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

  /**
   * Whether this fCnt is not ahead of the last applied one: a redelivery or a repeat. A counter far
   * behind is a device that restarted its counter without a join we saw (ABP): it is new.
   */
  boolean isStaleCounter(long frameCounter) {
    return lastFrameCounter >= 0
        && frameCounter <= lastFrameCounter
        && lastFrameCounter - frameCounter < RESTART_GAP;
  }

  /** Records an applied fCnt and counts uplinks missing before it. */
  void countCounter(long frameCounter) {
    if (lastFrameCounter >= 0) {
      long gap = frameCounter - lastFrameCounter - 1;
      if (gap > 0 && gap < RESTART_GAP) {
        lost += gap;
      }
    }
    lastFrameCounter = frameCounter;
  }

  void readings(Heard heard) {
    if (heard.batteryMv() != null) {
      batteryMv = heard.batteryMv();
    }
    if (heard.temperatureC() != null) {
      temperatureC = heard.temperatureC();
    }
    if (heard.message() instanceof PspMessage.Occupancy o) {
      reportsFault = o.state() == PspMessage.SpaceState.FAULT;
    } else if (heard.message() instanceof PspMessage.Heartbeat h && heard.frameCounter() == null) {
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
        health,
        batteryPercent,
        marginDb);
  }
}
