package dev.parkedge.sync.contract;

/**
 * The journal entry written when the gateway's wall clock becomes trusted: type {@code
 * clock.synced}, subject the site id. Its own {@code at_ms}, {@code boot_id} and {@code mono_ms}
 * are the anchor: an untrusted entry of the same boot happened at {@code anchor.at_ms -
 * (anchor.mono_ms - entry.mono_ms)}. Body: {@code untrusted_since_mono_ms} (or null).
 */
public final class ClockSync {
  public static final String TYPE = "clock.synced";

  private ClockSync() {}

  /** The re-based wall time of an untrusted entry, given the anchor of the same boot. */
  public static long rebase(long entryMonoMs, long anchorAtMs, long anchorMonoMs) {
    return anchorAtMs - (anchorMonoMs - entryMonoMs);
  }
}
