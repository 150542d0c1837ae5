package dev.parkedge.gateway.journal;

/**
 * Whether the store accepts writes. When it does not (disk full, database corrupt, I/O errors) the
 * daemon keeps guiding drivers from memory and raises an alarm.
 *
 * @param ok true while commits succeed
 * @param reason why not, e.g. {@code disk full: 0 bytes free on /var/lib/parkedge}; empty when ok
 * @param pendingEntries entries waiting to be committed
 */
public record StorageHealth(boolean ok, String reason, long pendingEntries) {
  public static StorageHealth healthy(long pending) {
    return new StorageHealth(true, "", pending);
  }
}
