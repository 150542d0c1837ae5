package dev.parkedge.gateway.devices;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The registry's devices in the order they became known, which is the order the API lists them, and
 * found by EUI. Owned by the domain thread.
 *
 * <p>A map from boxed EUI to device cost 64 bytes a device (its entry, its {@code Long} key, its
 * slot), 10,100 devices at 5,000 spaces. Here the devices indexed at the last {@link #reindex} (all
 * of them after each layout is configured) are found by binary search in a sorted array of their
 * EUIs, 12 bytes a device; the few added since (orphans and bridges heard between reloads) are in a
 * small map.
 */
final class DeviceTable {

  private final ArrayList<TrackedDevice> inOrder = new ArrayList<>();

  /** The EUIs of the devices indexed, ascending; {@link #sorted} holds their devices. */
  private long[] euis = new long[0];

  private TrackedDevice[] sorted = new TrackedDevice[0];

  /** Devices added since the last {@link #reindex}. */
  private Map<Long, TrackedDevice> added = new HashMap<>();

  /** The device with this EUI, or null. */
  TrackedDevice get(long eui) {
    int i = Arrays.binarySearch(euis, eui);
    return i >= 0 ? sorted[i] : added.get(eui);
  }

  /** Adds a device not yet known (see {@link #get}). */
  void add(TrackedDevice device) {
    inOrder.add(device);
    added.put(device.eui, device);
  }

  /** Every device, in the order it became known; not to be changed while iterated. */
  List<TrackedDevice> inOrder() {
    return Collections.unmodifiableList(inOrder);
  }

  /** Forgets the devices that match, and indexes the rest by EUI. */
  void reindex(Predicate<TrackedDevice> forget) {
    inOrder.removeIf(forget);
    inOrder.trimToSize();
    TrackedDevice[] devices = inOrder.toArray(new TrackedDevice[0]);
    Arrays.sort(devices, Comparator.comparingLong(d -> d.eui));
    long[] keys = new long[devices.length];
    for (int i = 0; i < devices.length; i++) {
      keys[i] = devices[i].eui;
    }
    euis = keys;
    sorted = devices;
    added = new HashMap<>(); // a cleared map keeps its table, as big as a whole site
  }
}
