package dev.parkedge.gateway.storage.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The id of this boot, written with every journal entry next to the monotonic clock: Linux's {@code
 * /proc/sys/kernel/random/boot_id}, whose monotonic clock (CLOCK_MONOTONIC, which {@code
 * System.nanoTime} reads on Linux) counts from that boot. Elsewhere, an id of this process: its
 * monotonic clock is then only comparable within the process, and the id says so.
 */
final class BootId {
  private static final Path LINUX = Path.of("/proc/sys/kernel/random/boot_id");
  private static final String CURRENT = read();

  private BootId() {}

  static String current() {
    return CURRENT;
  }

  private static String read() {
    try {
      String id = Files.readString(LINUX).trim();
      if (!id.isEmpty()) {
        return id;
      }
    } catch (IOException | SecurityException e) {
      // not Linux: fall through
    }
    return "process-" + UUID.randomUUID();
  }
}
