package dev.parkedge.gateway.display.psp;

/**
 * The last seq sent to each display of one bus, by EUI: 1 first, then counting up to 65535 and on
 * from 0. Owned by the driver's sender thread.
 *
 * <p>A {@code HashMap} from address to boxed seq cost 32 bytes an entry, 4 to 8 of table and 16 for
 * an {@code Integer} past 127, at ~5,000 displays a site. Here a display costs 12 bytes a slot of
 * an open-addressing table at most three-quarters full (its EUI, and its seq plus one, 0 marking a
 * free slot). Displays are never forgotten, as none were by the map: a reload rarely removes one.
 */
final class DisplaySeqs {

  private long[] euis = new long[16];

  /** The last seq plus one of the display in the same slot of {@link #euis}; 0 for a free slot. */
  private int[] seqs = new int[16];

  private int size;

  /** The seq of the next message to the display with this EUI, counted as sent. */
  int next(long eui) {
    int slot = slot(euis, seqs, eui);
    if (seqs[slot] == 0) {
      euis[slot] = eui;
      seqs[slot] = 2;
      if (++size * 4 > euis.length * 3) {
        grow();
      }
      return 1;
    }
    int seq = seqs[slot] & 0xFFFF; // the last seq plus one, wrapped
    seqs[slot] = seq + 1;
    return seq;
  }

  /** The slot holding {@code eui}, or the free slot where it belongs. */
  private static int slot(long[] euis, int[] seqs, long eui) {
    int mask = euis.length - 1;
    int slot = (int) ((eui * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    while (seqs[slot] != 0 && euis[slot] != eui) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    long[] oldEuis = euis;
    int[] oldSeqs = seqs;
    euis = new long[oldEuis.length * 2];
    seqs = new int[oldSeqs.length * 2];
    for (int i = 0; i < oldEuis.length; i++) {
      if (oldSeqs[i] != 0) {
        int slot = slot(euis, seqs, oldEuis[i]);
        euis[slot] = oldEuis[i];
        seqs[slot] = oldSeqs[i];
      }
    }
  }
}
