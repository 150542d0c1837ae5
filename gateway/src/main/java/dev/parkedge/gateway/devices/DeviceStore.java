package dev.parkedge.gateway.devices;

import java.util.Collection;
import java.util.List;

/**
 * Where device health persists across restarts. Saved periodically (not per frame), so a crash
 * loses at most one period of counters, never a space state.
 */
public interface DeviceStore {

  /** Every device ever heard or configured. */
  List<DeviceRecord> loadDevices();

  /** Saves these devices with the journal's next group commit. Never blocks on I/O. */
  void saveDevices(Collection<DeviceRecord> devices);
}
