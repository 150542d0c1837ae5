package dev.parkedge.gateway.devices;

import java.time.Instant;

/**
 * What the gateway heard from one device: when, how much, its last readings, its duplicate window
 * and its flaps. Owned by the domain thread, like the {@link TrackedDevice} that holds it.
 *
 * <p>Allocated only for a device that is heard (or restored, or reported on by a network server):
 * indicators and signs, half of a site's devices, never send, so they do not carry it. Times and
 * readings are primitives rather than {@code Instant} and {@code Integer} objects, which cost 24
 * and 16 bytes more each, per sensor.
 */
final class Traffic {

  /** An absent reading (no sensor reports {@code Integer.MIN_VALUE}). */
  private static final int NONE = Integer.MIN_VALUE;

  /** The nano part of a time never set. */
  private static final int NEVER = -1;

  /** Flaps are counted in buckets of five minutes; the last {@link #FLAP_BUCKETS} are the hour. */
  private static final long FLAP_BUCKET_NANOS = 300_000_000_000L;

  private static final int FLAP_BUCKETS = 12;

  private long firstSeenSecond;
  private int firstSeenNano = NEVER;
  private long lastSeenSecond;
  private int lastSeenNano = NEVER;
  long lastHeardNanos;
  boolean heardSinceStart;
  long frames;
  long duplicates;
  long lost;
  private int batteryMv = NONE;
  Integer batteryPercent;
  Integer marginDb;
  Integer temperatureC;
  Integer rssiDbm;
  Double snrDb;
  String firmware;
  boolean reportsFault;

  /** The last seqs (u16), null until the first PSP/1 frame. */
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

  Instant firstSeen() {
    return instant(firstSeenSecond, firstSeenNano);
  }

  Instant lastSeen() {
    return instant(lastSeenSecond, lastSeenNano);
  }

  boolean neverSeen() {
    return firstSeenNano == NEVER;
  }

  /** Heard at {@code now}: the first time, it is also when the device was first seen. */
  void seen(Instant now) {
    if (neverSeen()) {
      firstSeenSecond = now.getEpochSecond();
      firstSeenNano = now.getNano();
    }
    lastSeenSecond = now.getEpochSecond();
    lastSeenNano = now.getNano();
  }

  void restoreSeen(Instant first, Instant last) {
    firstSeenSecond = first == null ? 0 : first.getEpochSecond();
    firstSeenNano = first == null ? NEVER : first.getNano();
    lastSeenSecond = last == null ? 0 : last.getEpochSecond();
    lastSeenNano = last == null ? NEVER : last.getNano();
  }

  Integer batteryMv() {
    return batteryMv == NONE ? null : batteryMv;
  }

  void batteryMv(Integer millivolts) {
    batteryMv = millivolts == null ? NONE : millivolts;
  }

  /** Whether this seq is among the last 16 seen; remembers it when not. */
  boolean isRepeat(int seq) {
    if (recentSeqs == null) {
      recentSeqs = new char[TrackedDevice.SEQ_WINDOW];
    }
    for (int i = 0; i < recentCount; i++) {
      if (recentSeqs[i] == seq) {
        return true;
      }
    }
    recentSeqs[recentNext] = (char) seq;
    recentNext = (recentNext + 1) % TrackedDevice.SEQ_WINDOW;
    recentCount = Math.min(recentCount + 1, TrackedDevice.SEQ_WINDOW);
    return false;
  }

  /** Counts frames missing between the last seq and this one (seqs wrap at 65536). */
  void countGap(int seq) {
    if (lastSeq >= 0) {
      int gap = (seq - lastSeq - 1) & 0xFFFF;
      if (gap > 0 && gap < TrackedDevice.RESTART_GAP) {
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
        && lastFrameCounter - frameCounter < TrackedDevice.RESTART_GAP;
  }

  /** Records an applied fCnt and counts uplinks missing before it. */
  void countCounter(long frameCounter) {
    if (lastFrameCounter >= 0) {
      long gap = frameCounter - lastFrameCounter - 1;
      if (gap > 0 && gap < TrackedDevice.RESTART_GAP) {
        lost += gap;
      }
    }
    lastFrameCounter = frameCounter;
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

  private static Instant instant(long second, int nano) {
    return nano == NEVER ? null : Instant.ofEpochSecond(second, nano);
  }
}
