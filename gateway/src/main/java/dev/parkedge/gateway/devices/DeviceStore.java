package dev.parkedge.gateway.devices;

import java.util.Collection;
import java.util.List;

/**
 * Where device health persists across restarts. Saved periodically (not per frame), so a crash
 * loses at most one period of counters (with the SQLite store: one snapshot interval, 5 min, plus
 * the ~10 s the gateway's pass takes to hand them over in slices), never a space state.
 */
public interface DeviceStore {

  /** Every device ever heard or configured. */
  List<DeviceRecord> loadDevices();

  /**
   * Saves these devices; a store may hold them for a while (the SQLite store writes each device at
   * most once per snapshot interval). Never blocks on I/O.
   */
  void saveDevices(Collection<DeviceRecord> devices);
}
