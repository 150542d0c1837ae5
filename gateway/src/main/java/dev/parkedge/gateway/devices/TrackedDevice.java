package dev.parkedge.gateway.devices;

import dev.parkedge.proto.psp.PspMessage;
import java.time.Instant;

/**
 * One device's mutable record. Owned by the domain thread.
 *
 * <p>A site has one for every sensor, indicator and sign (10,100 at 5,000 spaces), so what it holds
 * is what the daemon's heap holds: the duplicate window and the flap counts are allocated on the
 * first frame and the first flap (indicators and signs never send either), and both are bounded.
 */
final class TrackedDevice {

  /** Receivers treat a (device, seq) seen among the device's last 16 seqs as a duplicate. */
  static final int SEQ_WINDOW = 16;

  /** A seq gap this large is a device restart, not lost frames. */
  static final int RESTART_GAP = 1000;

  /** Flaps are counted in buckets of five minutes; the last {@link #FLAP_BUCKETS} are the hour. */
  private static final long FLAP_BUCKET_NANOS = 300_000_000_000L;

  private static final int FLAP_BUCKETS = 12;

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
  Health health = Health.OK;
  boolean dirty;

  /** The last seqs (u16), null until the first frame. */
  private char[] recentSeqs;

  private int recentCount;
  private int recentNext;
  private int lastSeq = -1;

  /** The last applied LoRaWAN fCnt, or -1 before the first one (and after a join). */
  long lastFrameCounter = -1;

  /** State changes per five-minute bucket, a ring indexed by bucket number; null until a flap. */
  private int[] flapBuckets;

  /** The bucket number of the newest bucket in {@link #flapBuckets}. */
  private long newestFlapBucket;

  TrackedDevice(long eui, String bus) {
    this.eui = eui;
    this.bus = bus;
  }

  /** Whether this seq is among the last 16 seen; remembers it when not. */
  boolean isRepeat(int seq) {
    if (recentSeqs == null) {
      recentSeqs = new char[SEQ_WINDOW];
    }
    for (int i = 0; i < recentCount; i++) {
      if (recentSeqs[i] == seq) {
        return true;
      }
    }
    recentSeqs[recentNext] = (char) seq;
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
    long bucket = Math.floorDiv(nanos, FLAP_BUCKET_NANOS);
    if (flapBuckets == null) {
      flapBuckets = new int[FLAP_BUCKETS];
      newestFlapBucket = bucket;
    }
    advanceFlaps(bucket);
    flapBuckets[(int) Math.floorMod(newestFlapBucket, (long) FLAP_BUCKETS)]++;
  }

  /**
   * State changes in the last hour, to five minutes: a flap counts for 55 to 60 minutes. Bounded
   * memory (twelve counters) however fast a sensor flaps, where a timestamp per flap grew with
   * every one (a flood of 200,000 state changes held 8 MB of them for an hour).
   */
  int flapsPerHour(long nowNanos) {
    if (flapBuckets == null) {
      return 0;
    }
    advanceFlaps(Math.floorDiv(nowNanos, FLAP_BUCKET_NANOS));
    int flaps = 0;
    for (int count : flapBuckets) {
      flaps += count;
    }
    return flaps;
  }

  /** Moves the ring to {@code bucket}, zeroing the buckets that fell out of the hour. */
  private void advanceFlaps(long bucket) {
    if (bucket <= newestFlapBucket) {
      return;
    }
    long cleared = Math.min(bucket - newestFlapBucket, FLAP_BUCKETS);
    for (long b = bucket - cleared + 1; b <= bucket; b++) {
      flapBuckets[(int) Math.floorMod(b, (long) FLAP_BUCKETS)] = 0;
    }
    newestFlapBucket = bucket;
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
