package dev.parkedge.gateway.sensing;

import dev.parkedge.gateway.lot.SiteLayout;
import java.util.Map;

/**
 * A byte stream of PSP/1 frames (a serial bus, an in-memory demo link) that decodes on its own
 * thread and hands packets to a {@link FrameSink}. A source that loses its device keeps trying to
 * reopen it; it never blocks the domain.
 */
public interface FrameSource extends AutoCloseable {

  /** The bus name from gateway.yaml. */
  String bus();

  /** Starts reading; frames go to {@code sink} from the source's own thread. */
  void start(FrameSink sink);

  /**
   * The layout now in force (at start and after each reload), for a source that only accepts
   * devices paired in it. Called on the domain thread; must not block.
   */
  default void layoutApplied(SiteLayout layout) {}

  /** Where it reads from, for status: a device path, a broker URL. */
  default String port() {
    return "in-memory";
  }

  /** What it speaks, for status. */
  default String protocol() {
    return "psp";
  }

  /** Its own counters and facts beyond frames and rejects, for status; empty by default. */
  default Map<String, Object> details() {
    return Map.of();
  }

  /** Whether the underlying port is open right now. */
  boolean connected();

  /** Stops reading and closes the port. */
  @Override
  void close();
}
