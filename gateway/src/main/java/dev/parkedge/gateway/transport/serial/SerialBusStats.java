package dev.parkedge.gateway.transport.serial;

import dev.parkedge.proto.psp.FrameError;
import java.util.Map;

/**
 * Counters of a serial bus since it was created.
 *
 * @param bytesRead bytes read from the port
 * @param frames frames decoded to a message
 * @param rejected frames the deframer rejected, by reason (every reason present, zero or more)
 * @param reopenAttempts attempts to open the port after the first (after a loss or a failed open)
 * @param framesWritten frames written in full
 * @param writeDrops queued frames dropped because the write queue was full (the oldest go first)
 * @param writeFailures frames taken from the queue that could not be written (port lost meanwhile)
 */
public record SerialBusStats(
    long bytesRead,
    long frames,
    Map<FrameError, Long> rejected,
    long reopenAttempts,
    long framesWritten,
    long writeDrops,
    long writeFailures) {

  public SerialBusStats {
    rejected = Map.copyOf(rejected);
  }

  /** Frames rejected for any reason. */
  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }
}
