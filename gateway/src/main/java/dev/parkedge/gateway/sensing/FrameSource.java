package dev.parkedge.gateway.sensing;

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

  /** Whether the underlying port is open right now. */
  boolean connected();

  /** Stops reading and closes the port. */
  @Override
  void close();
}
