package dev.parkedge.sync.contract;

/**
 * Re-basing untrusted times. Every entry with {@code clock_trusted = 1} anchors its boot: its own
 * {@code at_ms}, {@code boot_id} and {@code mono_ms} say what the monotonic clock read at a known
 * wall time, so an untrusted entry of the same boot happened at {@code anchor.at_ms -
 * (anchor.mono_ms - entry.mono_ms)}. The gateway journals {@code clock.synced} (subject the site
 * id, empty body) the moment its clock becomes trusted after untrusted entries, so there is an
 * anchor at once even on a quiet site.
 */
public final class ClockSync {
  public static final String TYPE = "clock.synced";

  private ClockSync() {}

  /** The re-based wall time of an untrusted entry, given the anchor of the same boot. */
  public static long rebase(long entryMonoMs, long anchorAtMs, long anchorMonoMs) {
    return anchorAtMs - (anchorMonoMs - entryMonoMs);
  }
}
